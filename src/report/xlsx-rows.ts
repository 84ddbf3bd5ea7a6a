/**
 * Rows of a streaming worksheet written as sheet XML directly. The long scorecard sheet of a
 * national round is hundreds of thousands of rows (3,321 communes × 94 rows), and exceljs's row
 * model (a Row, a Cell and a style merge per cell, an XML stream per row) took about 12 s of the
 * report's 17 s there. Here a row is one string: the same elements exceljs writes for the same
 * cells (`<row r spans>`, `<c r s t="str"><v>…</v></c>`, the same escaping), style ids taken
 * from exceljs's own style table, so the workbook stays one exceljs document (styles, columns,
 * filter, print setup, comments). test/report/xlsx-rows.test.ts writes the same cells both ways
 * and reads them back.
 *
 * It relies on two members of exceljs 4.4.0's streaming writer that its typings do not declare:
 * a worksheet's `stream` (the sheet part being written) and the workbook's `styles` table
 * (`addStyleModel`). package.json pins that exact version; `directRows` refuses to run, with an
 * internal error, if either is missing.
 */
import type ExcelJS from 'exceljs';
import { columnLetters } from '../findings/finding.js';
import { InternalError } from '../findings/errors.js';

/** A cell of a direct row: text or a number, with a shared style object (see `sharedStyle`). */
export interface DirectCell {
  col: number;
  text?: string;
  num?: number;
  style: Partial<ExcelJS.Style>;
}

interface StreamingSheet {
  stream: { write(data: string): unknown; pipes?: unknown };
  getRow(n: number): ExcelJS.Row;
  commit(): void;
}
interface StylesTable {
  addStyleModel(style: Partial<ExcelJS.Style>, type: number): number;
}

/** exceljs's ValueType numbers for the two kinds of cell written here. */
const NUMBER = 2;
const STRING = 3;
/** Rows are handed to the sheet stream in pieces of about this many characters. */
const PIECE = 256 * 1024;
/** Bytes that may wait in front of the compressor before the writer waits for it. */
const QUEUED = 8 * 1024 * 1024;

/**
 * Bytes waiting in the pipes of exceljs's sheet stream (streams of the readable-stream package,
 * whose buffered length is `_writableState.length`); 0 when that cannot be seen, and the writer
 * then only yields.
 */
function queuedBytes(stream: unknown): number {
  const pipes = (stream as { pipes?: unknown }).pipes;
  if (!Array.isArray(pipes)) return 0;
  let n = 0;
  for (const p of pipes) {
    const len = (p as { _writableState?: { length?: unknown } })._writableState?.length;
    if (typeof len === 'number') n += len;
  }
  return n;
}

export class DirectRows {
  /** Number of the next row (the header is row 1). */
  private next: number;
  private parts: string[] = [];
  private size = 0;
  /** Whether a piece went out since the last yield. */
  private wrote = false;
  private readonly ids = new Map<Partial<ExcelJS.Style>, [number, number]>();
  private readonly letters: string[] = [];

  constructor(
    private readonly ws: StreamingSheet,
    private readonly styles: StylesTable,
    firstRow: number,
  ) {
    this.next = firstRow;
  }

  /** Rows written so far, header included. */
  get rows(): number {
    return this.next - 1;
  }

  /** Writes one row of cells (in column order); an empty list still takes a row number. */
  add(cells: readonly DirectCell[]): void {
    const r = this.next++;
    if (cells.length === 0) return;
    let xml = `<row r="${r}" spans="${cells[0]!.col}:${cells[cells.length - 1]!.col}" x14ac:dyDescent="0.25">`;
    for (const c of cells) {
      const isText = c.text !== undefined;
      const s = this.styleId(c.style, isText);
      xml += `<c r="${this.letter(c.col)}${r}"${s ? ` s="${s}"` : ''}${isText ? ' t="str"' : ''}><v>${isText ? xmlText(c.text!) : String(c.num)}</v></c>`;
    }
    xml += '</row>';
    this.parts.push(xml);
    this.size += xml.length;
    if (this.size >= PIECE) this.flush();
  }

  /**
   * Lets the zip take what was written. The rows are made synchronously and exceljs hands them
   * on without backpressure, so without waiting here the whole sheet (136 MB of XML for 3,321
   * agencies) would queue in memory in front of the compressor. Call it between agencies: once
   * a piece has gone out it waits, a millisecond at a time, while more than `QUEUED` bytes are
   * queued in the sheet's pipe into the zip.
   */
  async yieldIfWritten(): Promise<void> {
    if (!this.wrote) return;
    this.wrote = false;
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queuedBytes(this.ws.stream) > QUEUED) await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }

  /** Writes what is pending and commits the sheet. */
  close(): void {
    this.flush();
    this.ws.commit();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.ws.stream.write(this.parts.join(''));
    this.wrote = true;
    this.parts = [];
    this.size = 0;
  }

  private styleId(style: Partial<ExcelJS.Style>, text: boolean): number {
    let pair = this.ids.get(style);
    if (!pair) this.ids.set(style, (pair = [-1, -1]));
    const i = text ? 1 : 0;
    if (pair[i]! < 0) pair[i] = this.styles.addStyleModel(style, text ? STRING : NUMBER);
    return pair[i]!;
  }

  private letter(col: number): string {
    return (this.letters[col] ??= columnLetters(col));
  }
}

/**
 * Direct rows for a streaming worksheet whose header (row 1) is set: commits the header through
 * exceljs, which opens the sheet data, and returns the writer for rows 2 onwards.
 */
export function directRows(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): DirectRows {
  const sheet = ws as unknown as Partial<StreamingSheet>;
  const styles = (wb as unknown as { styles?: Partial<StylesTable> }).styles;
  if (typeof styles?.addStyleModel !== 'function' || !sheet.stream || typeof sheet.stream.write !== 'function')
    throw new InternalError('directRows: this exceljs has no streaming sheet or style table (package.json pins exceljs 4.4.0)');
  ws.getRow(1).commit();
  return new DirectRows(sheet as StreamingSheet, styles as StylesTable, 2);
}

// What exceljs's xmlEncode does: the five XML entities, and control characters XML 1.0 cannot
// carry (all below U+0020 but tab, LF and CR; and DEL) dropped.
const SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export function xmlText(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (ch) => ENTITY[ch] ?? '') : s;
}
