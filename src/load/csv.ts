/**
 * Reading a CSV file into the neutral grid: the encoding (UTF-8 with or without BOM, UTF-16
 * with BOM, windows-1258 when the bytes are not valid UTF-8) and the delimiter (comma,
 * semicolon or tab, whichever splits the header line) are detected and reported, never assumed.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { GridSheet } from './grid.js';
import type { Limits } from '../core/limits.js';

export interface CsvRead {
  sheet: GridSheet;
  delimiter: string;
  encoding: string;
  /** Records whose length differs from the header's: [row, found]. */
  ragged: [number, number][];
  /** Parse error that stopped reading, with the row it happened at. */
  error?: { row: number; detail: string };
  /** NUL bytes were removed. */
  nul: boolean;
  /** Number of header fields. */
  width: number;
  /** A row or cell limit the file breaks; nothing else is read then. */
  limit?: { limit: 'rows' | 'cells'; found: number };
  /** Cells whose text was cut at the length limit: row, column, original length. */
  long: [number, number, number][];
}

type Encoding = { encoding: string; skip: number; label: string };

/** The encoding a byte-order mark declares, if the bytes start with one. */
function bomOf(buf: Uint8Array): Encoding | undefined {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { encoding: 'utf-8', skip: 3, label: 'utf-8 (BOM)' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', skip: 2, label: 'utf-16le (BOM)' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', skip: 2, label: 'utf-16be (BOM)' };
  return undefined;
}

const UTF8: Encoding = { encoding: 'utf-8', skip: 0, label: 'utf-8' };
const CP1258: Encoding = { encoding: 'windows-1258', skip: 0, label: 'windows-1258' };

/**
 * The encoding of the start of a CSV file that is read as a stream: its BOM, else UTF-8 when the
 * bytes are valid UTF-8 (the last character may be cut), else windows-1258. `skip` is the BOM's length.
 */
export function detectEncoding(head: Uint8Array): Encoding {
  const bom = bomOf(head);
  if (bom) return bom;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return UTF8;
  } catch {
    return CP1258;
  }
}

/** Decodes a whole file to text, by the same rule, saying which encoding was used. */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  const bom = bomOf(buf);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(buf.subarray(bom.skip)), encoding: bom.label };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: UTF8.label };
  } catch {
    return { text: new TextDecoder(CP1258.encoding).decode(buf), encoding: CP1258.label };
  }
}

/** The delimiter that splits the first non-empty line into the most fields (outside quotes). */
export function detectDelimiter(text: string): string {
  const line = firstLine(text);
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d]! > counts[best]!) best = d;
  return best;
}

/** The first line that is not blank, found without splitting the text (49 MB of line breaks: 49 million strings). */
function firstLine(text: string): string {
  const eol = /\r\n|\n|\r/g;
  let from = 0;
  while (from <= text.length) {
    eol.lastIndex = from;
    const m = eol.exec(text);
    const end = m ? m.index : text.length;
    const line = text.slice(from, end);
    if (line.trim() !== '') return line;
    if (!m) break;
    from = end + m[0].length;
  }
  return '';
}

/** Parses CSV text into a sheet of text cells; row 1 is the header. */
export function readCsvText(buf: Buffer, limits: Pick<Limits, 'rows' | 'cells' | 'stringLength'>): CsvRead {
  const decoded = decodeText(buf);
  const nul = decoded.text.includes('\u0000');
  const text = nul ? decoded.text.replace(/\u0000/g, '') : decoded.text;
  const delimiter = detectDelimiter(text);
  const sheet = new GridSheet(undefined);
  const out: CsvRead = { sheet, delimiter, encoding: decoded.encoding, ragged: [], nul, width: 0, long: [] };
  // Counted before parsing: csv-parse builds every record of a file at once, so 50 MB of line
  // breaks or of delimiters would be millions of arrays before a count after it could refuse them.
  const over = overLimits(text, delimiter, limits);
  if (over) {
    out.limit = over;
    return out;
  }
  let records: string[][] = [];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][];
  } catch (e) {
    // Keep what parsed before the broken record: cut the text at the start of the line where
    // the quote that never closes was opened (or where csv-parse stopped).
    const err = e as { message?: string; lines?: number };
    const cut = openQuoteLineStart(text) ?? lineStart(text, typeof err.lines === 'number' ? err.lines : 1);
    try {
      records = parse(text.slice(0, cut), {
        delimiter,
        relax_column_count: true,
        bom: true,
        record_delimiter: ['\r\n', '\n', '\r'],
      }) as string[][];
    } catch {
      records = [];
    }
    out.error = { row: records.length + 1, detail: shortCsvError(e) };
  }
  const width = records[0]?.length ?? 0;
  out.width = width;
  if (records.length > limits.rows) {
    out.limit = { limit: 'rows', found: records.length };
    return out;
  }
  const cells = records.reduce((n, r) => n + r.length, 0);
  if (cells > limits.cells) {
    out.limit = { limit: 'cells', found: cells };
    return out;
  }
  records.forEach((rec, i) => {
    const row = i + 1;
    if (rec.length === 1 && rec[0]!.trim() === '') return;
    if (i > 0 && rec.length !== width) out.ragged.push([row, rec.length]);
    rec.forEach((s, j) => {
      if (s.length > limits.stringLength) {
        out.long.push([row, j + 1, s.length]);
        s = s.slice(0, limits.stringLength);
      }
      if (s !== '') sheet.set(row, j + 1, { t: 'text', s });
    });
  });
  return out;
}

/**
 * The row or cell limit `text` breaks, counted as csv-parse splits it (a record per line break
 * outside quotes, a field per delimiter outside quotes, no record after a final line break);
 * undefined when it breaks neither (true counts: the scan keeps nothing). A text shorter than
 * both limits cannot break them and is not scanned.
 */
export function overLimits(text: string, delimiter: string, limits: Pick<Limits, 'rows' | 'cells'>): CsvRead['limit'] {
  if (text.length < limits.rows && text.length < limits.cells) return undefined;
  const sep = delimiter.charCodeAt(0);
  let rows = 0;
  let cells = 0;
  let quoted = false;
  const n = text.length;
  // Counted to the end, so that the finding gives the true numbers; nothing is kept.
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (ch === sep) cells++;
    else if (ch === 0x0a || ch === 0x0d) {
      if (ch === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      rows++;
      cells++;
    }
  }
  const last = text.charCodeAt(n - 1);
  if (n > 0 && last !== 0x0a && last !== 0x0d) {
    rows++;
    cells++;
  }
  if (rows > limits.rows) return { limit: 'rows', found: rows };
  if (cells > limits.cells) return { limit: 'cells', found: cells };
  return undefined;
}

/** A csv-parse error as a short detail: told by its documented `code`, not by its wording. */
function shortCsvError(e: unknown): string {
  if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') return 'unterminated quote';
  const message = e instanceof Error ? e.message : String(e);
  return message
    .replace(/^CsvError:\s*/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 120);
}

/** Offset of the start of the line holding a quote that is still open at the end of the text. */
function openQuoteLineStart(text: string): number | undefined {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (open < 0) open = i;
    else if (text[i + 1] === '"') i++;
    else open = -1;
  }
  if (open < 0) return undefined;
  const nl = Math.max(text.lastIndexOf('\n', open), text.lastIndexOf('\r', open));
  return nl + 1;
}

/** Offset of the start of 1-based line `line`. */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}
