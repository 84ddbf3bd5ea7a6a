/**
 * The row stream for large tables (raw survey answers): a CSV or XLSX file of one row per
 * respondent comes in, batches of rows come out, so memory does not grow with the number of
 * respondents. The file is opened and sniffed from its first and last bytes (open.ts) like every
 * other input; the CSV dialect (encoding, delimiter) is detected from its first 64 KiB. UTF-8 CSV
 * goes through byte-rows.ts (rows in place), other CSV through csv-lines.ts, xlsx through exceljs's
 * streaming reader.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { guardWorkbookZip } from './zip-guard.js';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../core/excel.js';
import { finding, type Finding } from '../findings/finding.js';
import { detectDelimiter, detectEncoding } from './csv.js';
import { isRefused, openProbe, overSize, type ReadOptions } from './open.js';
import { byteRecords, isByteBatch, type ByteBatch, type RecordBatch } from './byte-rows.js';
import { csvRecords, UnterminatedQuote, type CsvRecord } from './csv-lines.js';

export type AnswerCell = string | number | undefined;

export interface AnswerRow {
  /** 1-based row number in the file or sheet (the header is row 1 of a plain file). */
  row: number;
  cells: AnswerCell[];
}

export type AnswerBatch = AnswerRow[] | ByteBatch;

export interface AnswerFile {
  file: string;
  sheet?: string;
  /** Header texts, in column order. */
  header: string[];
  /** 1-based row of the header (title rows above it are skipped); 1 when not told. */
  headerRow?: number;
  /** The rows after the header, in batches (rows of a UTF-8 CSV file are read in place). Iterate once. */
  rows: AsyncIterable<AnswerBatch>;
  /** What the dialect detection found, for CSV files. */
  dialect?: { delimiter: string; encoding: string };
  /** Findings met while the rows are streamed (a malformed record, a broken zip); read after iterating. */
  late: Finding[];
  /** SHA-256 of the file once its bytes have all been read (undefined before), to save a second pass. */
  sha256: () => string | undefined;
}

/** SHA-256 of a file, streamed. */
export async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Opens a large table (raw survey answers) as a stream of row batches; findings instead of a
 * stream when it cannot be read as a table.
 */
export async function openAnswerFile(
  path: string,
  file: string,
  opts: ReadOptions,
  isHeader?: (cells: string[]) => boolean,
): Promise<{ answers?: AnswerFile; findings: Finding[] }> {
  const opened = await openProbe(path, file);
  if (isRefused(opened)) return { findings: opened.findings };
  const { size, head } = opened;
  switch (opened.kind) {
    case 'xlsx': {
      // Workbooks are checked like submissions (zip bombs, DTDs, unsafe paths) but may have any
      // number of rows; answer sets too big for the file-size limit belong in CSV, which streams.
      const limits = opts.limits;
      if (size > limits.fileBytes) return { findings: [overSize(file, size, limits)] };
      const buf = await readFile(path);
      const guard = await guardWorkbookZip(buf, file, { ...limits, rows: Infinity, cells: Infinity });
      if (guard.some((f) => f.severity === 'error')) return { findings: guard };
      const sha256 = createHash('sha256').update(buf).digest('hex');
      return openXlsx(path, file, () => sha256, isHeader);
    }
    default:
      return openCsv(path, file, head, isHeader);
  }
}

/** Rows looked at for the header: title rows above it are at most this many. */
const HEADER_SEARCH = 10;

/** How many records come before the header: the first of the head's records `isHeader` accepts (0 when none). */
async function titleRows(
  probe: string,
  delimiter: string,
  isHeader: ((cells: string[]) => boolean) | undefined,
): Promise<number> {
  if (!isHeader) return 0;
  const seen: string[][] = [];
  try {
    const one = (async function* (): AsyncIterable<string> {
      yield probe;
    })();
    for await (const batch of csvRecords(one, delimiter))
      for (const r of batch) if (seen.length < HEADER_SEARCH + 1) seen.push(r.cells);
  } catch {
    // A quote left open in the head: the rows read so far are enough.
  }
  // The last record of the head may be cut; it is not looked at.
  const i = seen.slice(0, HEADER_SEARCH).findIndex((cells) => isHeader(cells.map((c) => c.trim())));
  return Math.max(0, i);
}

async function openCsv(
  path: string,
  file: string,
  head: Buffer,
  isHeader?: (cells: string[]) => boolean,
): Promise<{ answers?: AnswerFile; findings: Finding[] }> {
  const enc = detectEncoding(head);
  const probe = new TextDecoder(enc.encoding).decode(head.subarray(enc.skip));
  const delimiter = detectDelimiter(probe);
  const skip = await titleRows(probe.replace(/^\uFEFF/, ''), delimiter, isHeader);
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  // The file is hashed as it streams by; the digest exists once every byte has passed.
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* bytes(): AsyncGenerator<Buffer> {
    let skip = enc.skip;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk);
      const part = skip > 0 ? chunk.subarray(skip) : chunk;
      skip = Math.max(0, skip - chunk.length);
      if (part.length > 0) yield part;
    }
    digest = hash.digest('hex');
  }
  async function* text(): AsyncIterable<string> {
    const decoder = new TextDecoder(enc.encoding);
    for await (const part of bytes()) yield decoder.decode(part, { stream: true });
    yield decoder.decode();
  }
  // UTF-8 files are read in place (byte-rows.ts); other encodings are decoded first.
  const records: AsyncIterable<RecordBatch> =
    enc.encoding === 'utf-8' ? byteRecords(bytes(), delimiter, skip) : csvRecords(text(), delimiter);
  const it = records[Symbol.asyncIterator]();
  const findings: Finding[] = [finding('INTAKE_CSV_DIALECT', { file }, { delimiter, encoding: enc.label })];
  const malformed = (e: unknown): Finding =>
    finding(
      'INTAKE_CSV_MALFORMED',
      { file, ...(e instanceof UnterminatedQuote ? { row: e.line } : {}) },
      { detail: shortError(e) },
    );
  // Title rows, then the header: they always come as ordinary records (byte-rows.ts).
  let start: CsvRecord[] = [];
  for (let left = skip; ; ) {
    let next: IteratorResult<RecordBatch>;
    try {
      next = await it.next();
    } catch (e) {
      return { findings: [...findings, malformed(e)] };
    }
    if (next.done || isByteBatch(next.value)) break;
    if (left >= next.value.length) {
      left -= next.value.length;
      continue;
    }
    start = next.value.slice(left);
    break;
  }
  if (start.length === 0) return { findings: [finding('INTAKE_EMPTY_FILE', { file }, {})] };
  const header = start[0]!.cells.map((h) => h.replace(/^\uFEFF/, '').trim());
  const headerRow = start[0]!.line;
  const rest = start.slice(1);
  const late: Finding[] = [];
  const toRow = (r: CsvRecord): AnswerRow => ({ row: r.line, cells: r.cells });
  async function* rows(): AsyncIterable<AnswerBatch> {
    try {
      if (rest.length > 0) yield rest.map(toRow);
      for (;;) {
        const n = await it.next();
        if (n.done) return;
        yield isByteBatch(n.value) ? n.value : n.value.map(toRow);
      }
    } catch (e) {
      late.push(malformed(e));
      source.destroy();
    }
  }
  return {
    answers: {
      file,
      header,
      ...(headerRow !== 1 ? { headerRow } : {}),
      rows: rows(),
      dialect: { delimiter, encoding: enc.label },
      late,
      sha256: () => digest,
    },
    findings,
  };
}

async function openXlsx(
  path: string,
  file: string,
  sha256: () => string,
  isHeader?: (cells: string[]) => boolean,
): Promise<{ answers?: AnswerFile; findings: Finding[] }> {
  const Excel = await loadExcel();
  const reader = new Excel.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<
    ExcelJS.stream.xlsx.WorksheetReader & { name?: string }
  >;
  const late: Finding[] = [];
  let ws: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader & { name?: string }>;
  try {
    ws = await sheets.next();
  } catch (e) {
    return { findings: [finding('INTAKE_CORRUPT', { file }, { detail: shortError(e) })] };
  }
  if (ws.done) return { findings: [finding('INTAKE_EMPTY_FILE', { file }, {})] };
  const rowIt = (ws.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  // The header is the first non-blank row, or with `isHeader` the first of the first ten it accepts
  // (title rows above it are skipped); rows read past the header while looking are data.
  const seen: AnswerRow[] = [];
  const textOf = (cells: AnswerCell[]): string[] => cells.map((c) => (c === undefined ? '' : String(c).trim()));
  let at = -1;
  try {
    while (seen.length < (isHeader ? HEADER_SEARCH : 1)) {
      const r = await rowIt.next();
      if (r.done) break;
      const cells = rowCells(r.value);
      if (!cells.some((c) => c !== undefined && String(c).trim() !== '')) continue;
      seen.push({ row: r.value.number, cells });
      if (!isHeader || isHeader(textOf(cells))) {
        at = seen.length - 1;
        break;
      }
    }
  } catch (e) {
    return { findings: [finding('INTAKE_CORRUPT', { file }, { detail: shortError(e) })] };
  }
  if (seen.length === 0) return { findings: [finding('INTAKE_EMPTY_FILE', { file }, {})] };
  if (at < 0) at = 0;
  const header = textOf(seen[at]!.cells);
  const headerRow = seen[at]!.row;
  const early = seen.slice(at + 1);
  async function* rows(): AsyncIterable<AnswerRow[]> {
    try {
      if (early.length > 0) yield early;
      for (;;) {
        const r = await rowIt.next();
        if (r.done) return;
        yield [{ row: r.value.number, cells: rowCells(r.value) }];
      }
    } catch (e) {
      late.push(finding('INTAKE_CORRUPT', { file }, { detail: shortError(e) }));
    }
  }
  const name = (ws.value as { name?: string }).name;
  return {
    answers: {
      file,
      header,
      ...(headerRow !== 1 ? { headerRow } : {}),
      rows: rows(),
      late,
      sha256,
      ...(name ? { sheet: name } : {}),
    },
    findings: [],
  };
}

/** A streamed row's values, 0-based, normalised to text or number. */
function rowCells(row: ExcelJS.Row): AnswerCell[] {
  const values = row.values as unknown[];
  const out: AnswerCell[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellValue(values[i]));
  return out;
}

function cellValue(v: unknown): AnswerCell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return o.error;
  }
  return String(v);
}

function shortError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').slice(0, 160);
}
