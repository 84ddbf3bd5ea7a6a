/**
 * Reading a CSV file into the neutral grid: the encoding (UTF-8 with or without BOM, UTF-16
 * with BOM, windows-1258 when the bytes are not valid UTF-8) and the delimiter (comma,
 * semicolon or tab, whichever splits the header line) are detected and reported, never assumed.
 */
import { parse } from 'csv-parse/sync';
import { GridSheet } from './grid.js';
import { activeLimits, type Limits } from '../core/limits.js';

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

/** Decodes bytes to text, saying which encoding was used. */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8 (BOM)' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le (BOM)' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be (BOM)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1258').decode(buf), encoding: 'windows-1258' };
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

function firstLine(text: string): string {
  for (const line of text.split(/\r\n|\n|\r/)) if (line.trim() !== '') return line;
  return '';
}

/** Parses CSV text into a sheet of text cells; row 1 is the header. */
export function readCsvText(buf: Buffer, limits: Pick<Limits, 'rows' | 'cells' | 'stringLength'> = activeLimits()): CsvRead {
  const decoded = decodeText(buf);
  const nul = decoded.text.includes('\u0000');
  const text = nul ? decoded.text.replace(/\u0000/g, '') : decoded.text;
  const delimiter = detectDelimiter(text);
  const sheet = new GridSheet(undefined);
  const out: CsvRead = { sheet, delimiter, encoding: decoded.encoding, ragged: [], nul, width: 0, long: [] };
  let records: string[][] = [];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (e) {
    // Keep what parsed before the broken record: cut the text at the start of the line where
    // the quote that never closes was opened (or where csv-parse stopped).
    const err = e as { message?: string; lines?: number };
    const cut = openQuoteLineStart(text) ?? lineStart(text, typeof err.lines === 'number' ? err.lines : 1);
    try {
      records = parse(text.slice(0, cut), { delimiter, relax_column_count: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    } catch {
      records = [];
    }
    out.error = { row: records.length + 1, detail: shortCsvError(err.message ?? String(e)) };
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

function shortCsvError(message: string): string {
  if (/quote/i.test(message) && /(not closed|unclosed|unterminated|Quote Not Closed)/i.test(message)) return 'unterminated quote';
  return message.replace(/^CsvError:\s*/, '').replace(/\s+/g, ' ').slice(0, 120);
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
