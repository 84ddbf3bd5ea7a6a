/** What a file is, from its first bytes: the extension is only a hint, agencies rename files. */

export type FileKind =
  | { kind: 'xlsx' }
  | { kind: 'csv' }
  | { kind: 'legacy'; format: 'xls' | 'ods' }
  | { kind: 'encrypted' }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'not-spreadsheet'; detected: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => buf[i] === b);
}

function contains(buf: Buffer, text: string, encoding: BufferEncoding = 'latin1'): boolean {
  return buf.includes(Buffer.from(text, encoding));
}

/** Classifies a file's bytes. `name` gives the extension for text files. */
export function sniffFile(buf: Buffer, name: string): FileKind {
  if (startsWith(buf, ZIP) || startsWith(buf, ZIP_EMPTY)) {
    if (buf.subarray(30, 38).toString('latin1') === 'mimetype') {
      const mime = buf.subarray(38, 100).toString('latin1');
      if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return { kind: 'legacy', format: 'ods' };
      if (mime.startsWith('application/vnd.oasis.opendocument'))
        return { kind: 'not-spreadsheet', detected: 'OpenDocument' };
    }
    // A zip ends with its central directory; a file cut short (a broken download or e-mail) has none.
    if (!hasEndOfCentralDirectory(buf))
      return { kind: 'corrupt', detail: 'zip archive cut short (no central directory)' };
    // Entry names are stored in clear in the local headers and the central directory.
    if (contains(buf, 'xl/workbook.xml') || contains(buf, 'xl/workbook.bin')) return { kind: 'xlsx' };
    if (contains(buf, 'word/document.xml')) return { kind: 'not-spreadsheet', detected: 'Word (.docx)' };
    if (contains(buf, 'ppt/presentation.xml')) return { kind: 'not-spreadsheet', detected: 'PowerPoint (.pptx)' };
    return { kind: 'not-spreadsheet', detected: 'ZIP' };
  }
  if (startsWith(buf, OLE)) {
    // Encrypted OOXML is an OLE container with EncryptionInfo and EncryptedPackage streams.
    if (contains(buf, 'EncryptedPackage', 'utf16le') || contains(buf, 'EncryptionInfo', 'utf16le'))
      return { kind: 'encrypted' };
    if (contains(buf, 'Workbook', 'utf16le') || contains(buf, 'Book', 'utf16le'))
      return { kind: 'legacy', format: 'xls' };
    if (contains(buf, 'WordDocument', 'utf16le')) return { kind: 'not-spreadsheet', detected: 'Word 97–2003 (.doc)' };
    return { kind: 'not-spreadsheet', detected: 'OLE' };
  }
  const head = buf.subarray(0, 8).toString('latin1');
  if (head.startsWith('%PDF')) return { kind: 'not-spreadsheet', detected: 'PDF' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47]) || startsWith(buf, [0xff, 0xd8, 0xff]))
    return { kind: 'not-spreadsheet', detected: 'image' };
  if (head.startsWith('{\\rtf')) return { kind: 'not-spreadsheet', detected: 'RTF' };
  const lower = name.toLowerCase();
  if (/\.(xlsx|xlsm|xltx|xltm)$/.test(lower))
    return { kind: 'not-spreadsheet', detected: lower.slice(lower.lastIndexOf('.')) + ' without workbook content' };
  if (/\.xls$/.test(lower) && /<html|<\?xml/i.test(buf.subarray(0, 512).toString('latin1')))
    return { kind: 'legacy', format: 'xls' };
  if (looksLikeText(buf)) return { kind: 'csv' };
  return { kind: 'not-spreadsheet', detected: 'binary' };
}

/** Whether bytes look like text: few control characters other than tab/CR/LF (UTF-16 BOM counts as text). */
function looksLikeText(buf: Buffer): boolean {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return true;
  const n = Math.min(buf.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  }
  return bad <= n / 100;
}

/** Whether the last 64 KiB + 22 bytes hold an end-of-central-directory record. */
function hasEndOfCentralDirectory(buf: Buffer): boolean {
  const from = Math.max(0, buf.length - 65_557);
  return buf.subarray(from).includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}
