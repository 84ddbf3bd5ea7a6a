/**
 * Rows of a streaming worksheet written as sheet XML directly. The long scorecard sheet of a
 * national round is hundreds of thousands of rows (3,321 communes × 94 rows), and exceljs's row
 * model (a Row, a Cell and a style merge per cell, an XML stream per row) took about 12 s of the
 * report's 17 s there. Here a row goes straight into a byte buffer: the same elements exceljs
 * writes for the same cells (`<row r spans>`, `<c r s t="s"><v>…</v></c>`), text as an index
 * into the workbook's shared strings (exceljs writes and escapes the table) or, for an agency's
 * own text, in the cell (`t="str"`, escaped as exceljs escapes it), style ids taken
 * from exceljs's own style table, so the workbook stays one exceljs document (styles, columns,
 * filter, print setup, comments). Apart from an agency's own text, the sheet XML is ASCII and
 * is written a byte per character. test/report/xlsx-rows.test.ts writes the same cells both
 * ways and reads them back.
 *
 * It relies on members of exceljs 4.4.0's streaming writer that its typings do not declare,
 * reached through core/excel.ts (the one adapter for exceljs internals): a worksheet's `stream`
 * (the sheet part being written), and the workbook's `styles` table (`addStyleModel`) and
 * `sharedStrings` (`add`). `directRows` refuses to run, with an internal error, if any is missing.
 */
import type ExcelJS from 'exceljs';
import { columnLetters } from '../findings/finding.js';
import { InternalError } from '../findings/errors.js';
import { remember } from '../core/memo.js';
import { xmlCarried } from '../core/text.js';
import {
  queuedBytes,
  streamingParts,
  type SharedStrings,
  type StreamingSheet,
  type StylesTable,
} from '../core/excel.js';

/**
 * A cell of a direct row: text or a number, with a shared style object (see `sharedStyles`).
 * Text goes into the workbook's shared string table, except text marked `own`: what one agency
 * wrote (evidence, reasons), which recurs nowhere and would only make the table, held in memory
 * until the workbook is finished, as long as the sheet. It is written in its cell, as exceljs
 * writes text without a shared string table.
 */
export interface DirectCell {
  col: number;
  text?: string;
  num?: number;
  own?: boolean;
  style: Partial<ExcelJS.Style>;
}

/** exceljs's ValueType numbers for the two kinds of cell written here. */
const NUMBER = 2;
const STRING = 3;
/** Rows are handed to the sheet stream in pieces of this many bytes (a row is far shorter). */
const PIECE = 256 * 1024;
/** Room kept free at the end of a piece, besides 64 bytes for each cell's markup. */
const ROW_ROOM = 16 * 1024;
/** Bytes that may wait in front of the compressor before the writer waits for it. */
const QUEUED = 8 * 1024 * 1024;

export class DirectRows {
  /** Number of the next row (the header is row 1). */
  private next: number;
  /** The piece being filled with the rows' sheet XML. */
  private buf = Buffer.allocUnsafe(PIECE);
  private pos = 0;
  /** Bytes kept free for the markup of the row being written. */
  private room = ROW_ROOM;
  /** Whether a piece went out since the last yield. */
  private wrote = false;
  private readonly ids = new Map<Partial<ExcelJS.Style>, [number, number]>();
  private readonly letters: string[] = [];
  /** The text of numbers that are not whole, as String gives it, by value. */
  private readonly numberText = new Map<number, string>();

  constructor(
    private readonly ws: StreamingSheet,
    private readonly styles: StylesTable,
    private readonly strings: SharedStrings,
    firstRow: number,
  ) {
    this.next = firstRow;
  }

  /** Rows written so far, header included. */
  get rows(): number {
    return this.next - 1;
  }

  /**
   * Writes one row of cells (in column order); an empty list still takes a row number. `height`
   * (points) is set for rows of wrapped text, which would print one line high without it.
   */
  add(cells: readonly DirectCell[], height?: number): void {
    const r = this.next++;
    if (cells.length === 0) return;
    // Room for the row's markup (at most 64 bytes a cell) is made before it is written.
    this.room = ROW_ROOM + cells.length * 64;
    if (this.pos + this.room > this.buf.length) this.flush();
    const row = String(r);
    this.ascii('<row r="');
    this.ascii(row);
    this.ascii('" spans="');
    this.int(cells[0]!.col);
    this.ascii(':');
    this.int(cells[cells.length - 1]!.col);
    if (height !== undefined) {
      this.ascii('" ht="');
      this.ascii(String(height));
      this.ascii('" customHeight="1');
    }
    this.ascii('" x14ac:dyDescent="0.25">');
    for (const c of cells) {
      const isText = c.text !== undefined;
      const s = this.styleId(c.style, isText);
      this.ascii('<c r="');
      this.ascii(this.letter(c.col));
      this.ascii(row);
      if (s) {
        this.ascii('" s="');
        this.int(s);
      }
      if (isText && c.own) {
        this.ascii('" t="str"><v>');
        this.utf8(xmlText(c.text!));
      } else if (isText) {
        this.ascii('" t="s"><v>');
        this.int(this.strings.add(c.text!));
      } else {
        this.ascii('"><v>');
        const n = c.num!;
        // What String(n) gives: whole numbers digit by digit, the rest (0.25, 6.75…) made once.
        if (Number.isSafeInteger(n) && n >= 0 && !Object.is(n, -0)) this.int(n);
        else this.ascii(remember(this.numberText, n, String, 10_000));
      }
      this.ascii('</v></c>');
    }
    this.ascii('</row>');
  }

  /** Appends the decimal digits of a whole number ≥ 0. */
  private int(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 2;
    for (let m = n; m >= 100; m = Math.floor(m / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    let m = n;
    do {
      buf[--at] = 48 + (m % 10);
      m = Math.floor(m / 10);
    } while (m > 0);
  }

  /**
   * Appends text as UTF-8. Long text first sends what is pending (and gets a piece of its own
   * when longer than one), so that the row's markup still has its room after it.
   */
  private utf8(s: string): void {
    const most = s.length * 3;
    if (this.pos + most + this.room > this.buf.length) {
      this.flush();
      if (most + this.room > this.buf.length) this.buf = Buffer.allocUnsafe(most + this.room);
    }
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Appends ASCII text (markup, digits, column letters) to the piece, a byte per character. */
  private ascii(s: string): void {
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /**
   * Lets the zip take what was written. The rows are made synchronously and exceljs hands them
   * on without backpressure, so without waiting here the whole sheet (100 MB of XML for 3,321
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
    if (this.pos === 0) return;
    // A byte past the end of the piece would be dropped without a word: `pos` still counts it.
    if (this.pos > this.buf.length) throw new InternalError('directRows: a row ran past the end of its piece');
    // exceljs copies what it is given into its own buffers; a new piece is taken all the same.
    this.ws.stream.write(this.buf.subarray(0, this.pos));
    this.wrote = true;
    this.buf = Buffer.allocUnsafe(PIECE);
    this.pos = 0;
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
  const parts = streamingParts(wb, ws);
  if (!parts)
    throw new InternalError(
      'directRows: this exceljs has no streaming sheet, style table or shared strings (package.json pins ' +
        'exceljs 4.4.0)',
    );
  if (!parts.useSharedStrings) throw new InternalError('directRows: the workbook writer must use shared strings');
  ws.getRow(1).commit();
  return new DirectRows(parts.sheet, parts.styles, parts.sharedStrings, 2);
}

// What exceljs's xmlEncode does: the five XML entities, and control characters XML 1.0 cannot
// carry (all below U+0020 but tab, LF and CR; and DEL) dropped; and, as core/excel.ts makes it
// do, U+FFFE, U+FFFF and unpaired surrogates replaced.
const SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export function xmlText(text: string): string {
  const s = xmlCarried(text);
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (ch) => ENTITY[ch] ?? '') : s;
}
