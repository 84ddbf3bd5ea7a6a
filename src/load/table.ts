/**
 * A table in a grid: the first row (within the first 30 of a visible sheet) whose cells name the
 * required columns, and the rows below it. Used for appraisal workbooks and survey tables.
 */
import { looseKey } from '../core/text.js';
import { cellAddress, type FindingLocation } from '../findings/finding.js';
import { valueText, type Grid, type GridCell, type GridSheet } from './grid.js';

export interface TableSpec<F extends string> {
  /** Header words per field (any language; compared by `looseKey`). */
  fields: Record<F, readonly string[]>;
  required: readonly F[];
}

export interface TableRow<F extends string> {
  row: number;
  cells: Partial<Record<F, GridCell>>;
  /** Location of a field's cell in this row (also when the cell is empty). */
  at(field: F): FindingLocation;
}

export interface Table<F extends string> {
  sheet: GridSheet;
  headerRow: number;
  columns: Partial<Record<F, number>>;
  rows: TableRow<F>[];
}

export function findTable<F extends string>(
  grid: Grid,
  spec: TableSpec<F>,
  preferSheet?: readonly string[],
): Table<F> | undefined {
  const index = new Map<string, F>();
  for (const [f, words] of Object.entries(spec.fields) as [F, readonly string[]][])
    for (const w of words) index.set(looseKey(w), f);
  const prefer = new Set((preferSheet ?? []).map(looseKey));
  const sheets = [...grid.sheets].sort(
    (a, b) => Number(prefer.has(looseKey(b.name ?? ''))) - Number(prefer.has(looseKey(a.name ?? ''))),
  );
  for (const sheet of sheets) {
    if (sheet.state !== 'visible' && !prefer.has(looseKey(sheet.name ?? ''))) continue;
    for (const r of sheet.rowNumbers()) {
      if (r > 30) break;
      const columns: Partial<Record<F, number>> = {};
      for (const [c, cell] of sheet.rows.get(r)!) {
        const f = index.get(looseKey(valueText(cell.v)));
        if (f !== undefined && columns[f] === undefined) columns[f] = c;
      }
      if (spec.required.every((f) => columns[f] !== undefined))
        return { sheet, headerRow: r, columns, rows: rowsOf(grid, sheet, r, columns) };
    }
  }
  return undefined;
}

function rowsOf<F extends string>(
  grid: Grid,
  sheet: GridSheet,
  headerRow: number,
  columns: Partial<Record<F, number>>,
): TableRow<F>[] {
  const out: TableRow<F>[] = [];
  for (const r of sheet.rowNumbers()) {
    if (r <= headerRow) continue;
    const cells: Partial<Record<F, GridCell>> = {};
    for (const [f, c] of Object.entries(columns) as [F, number][]) {
      const cell = sheet.get(r, c);
      if (cell && cell.v.t !== 'empty') cells[f] = cell;
    }
    if (Object.keys(cells).length === 0) continue;
    out.push({
      row: r,
      cells,
      at: (f) => {
        const loc: FindingLocation = { file: grid.file, row: r };
        if (sheet.name !== undefined) loc.sheet = sheet.name;
        const c = columns[f];
        if (c !== undefined) {
          loc.column = c;
          loc.cell = cellAddress(r, c);
        }
        return loc;
      },
    });
  }
  return out;
}
