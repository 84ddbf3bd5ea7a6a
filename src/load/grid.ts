/**
 * The neutral grid: what intake reads from a workbook or a CSV file before any meaning is
 * given to it. Every cell carries its sheet, row, column and A1 address, its value in one of a
 * few normalised shapes, and what matters for findings (formula without cached value, merged,
 * hidden). Mapping onto a submission is a separate step (src/validate/map.ts).
 */
import { cellAddress } from '../findings/finding.js';

/** A cell's value, normalised. */
export type CellValue =
  | { t: 'empty' }
  | { t: 'number'; n: number; percentFormat: boolean }
  | { t: 'text'; s: string }
  | { t: 'bool'; b: boolean }
  | { t: 'date'; iso: string }
  | { t: 'error'; e: string }
  /** A formula whose result was never computed (the file was not saved by a spreadsheet program). */
  | { t: 'formula'; formula: string };

export interface GridCell {
  row: number;
  col: number;
  address: string;
  v: CellValue;
  /** The formula, when the value is a formula's cached result. */
  formula?: string;
  /** Part of a merged range: its top-left cell ('master') or another cell of it ('child'). */
  merged?: { role: 'master' | 'child'; range: string };
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export class GridSheet {
  readonly rows = new Map<number, Map<number, GridCell>>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  rowCount = 0;
  colCount = 0;
  constructor(
    readonly name: string | undefined,
    readonly state: SheetState = 'visible',
  ) {}

  set(row: number, col: number, v: CellValue, extra: Pick<GridCell, 'formula' | 'merged'> = {}): GridCell {
    // One key order for every cell (a spread of optional parts would give cells many shapes).
    const cell: GridCell = { row, col, address: cellAddress(row, col), v };
    if (extra.formula !== undefined) cell.formula = extra.formula;
    if (extra.merged !== undefined) cell.merged = extra.merged;
    this.put(cell);
    return cell;
  }

  /** Puts a cell built by the caller (its address must be `cellAddress(row, col)`). */
  put(cell: GridCell): void {
    const { row, col } = cell;
    let r = this.rows.get(row);
    if (!r) {
      r = new Map();
      this.rows.set(row, r);
    }
    r.set(col, cell);
    if (row > this.rowCount) this.rowCount = row;
    if (col > this.colCount) this.colCount = col;
  }

  get(row: number, col: number): GridCell | undefined {
    return this.rows.get(row)?.get(col);
  }

  /** The cell's value as display text ("" when empty); numbers in plain decimal notation. */
  text(row: number, col: number): string {
    const c = this.get(row, col);
    return c ? valueText(c.v) : '';
  }

  /** Row numbers that hold at least one cell, in order. */
  rowNumbers(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }
}

/** One file read into sheets. A CSV file is one sheet without a name. */
export interface Grid {
  file: string;
  format: 'xlsx' | 'csv';
  sha256: string;
  sheets: GridSheet[];
  /** How a CSV file was read. */
  csv?: { delimiter: string; encoding: string };
}

/** Display text of a value. */
export function valueText(v: CellValue): string {
  switch (v.t) {
    case 'empty':
      return '';
    case 'number':
      return numberText(v.n);
    case 'text':
      return v.s;
    case 'bool':
      return v.b ? 'TRUE' : 'FALSE';
    case 'date':
      return v.iso;
    case 'error':
      return v.e;
    case 'formula':
      return '=' + v.formula;
  }
}

/** A float as the shortest decimal text that reads back to it, without exponent. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

export function isEmpty(v: CellValue): boolean {
  return v.t === 'empty' || (v.t === 'text' && v.s.trim() === '');
}
