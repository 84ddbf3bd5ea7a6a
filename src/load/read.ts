/**
 * The grid reader: a small table's file (a submission, roster, appraisal or survey table, a
 * criteria table) → open, sniff, guard (open.ts) → the lean xlsx reader, exceljs or the CSV
 * reader → one neutral grid, with findings for what cannot be read. Files are never written.
 */
import { cellAddress, finding, parseCellAddress, type Finding } from '../findings/finding.js';
import type { Grid, GridSheet } from './grid.js';
import { readCsvText } from './csv.js';
import { isRefused, openWhole, type Opened, type ReadOptions } from './open.js';
import { readXlsxSheets } from './xlsx.js';
import { readXlsxLean } from './xlsx-lean.js';
import { guardWorkbookZip } from './zip-guard.js';
import { showLimit, type Limits } from '../core/limits.js';
import { convertLegacyCells } from './legacy-text.js';

function tooLong(
  file: string,
  loc: { sheet: string; row: number; column: number; cell: string },
  length: number,
  limits: Limits,
): Finding {
  const { sheet, ...rest } = loc;
  return finding(
    'INTAKE_LIMIT_EXCEEDED',
    { file, ...(sheet ? { sheet } : {}), ...rest },
    { limit: 'stringLength', found: String(length), max: String(limits.stringLength) },
    { severity: 'warning' },
  );
}

export interface GridRead {
  grid?: Grid;
  findings: Finding[];
  sha256?: string;
}

/**
 * Reads `path` (shown to users as `file`) into a grid, as `opts` allow. Never throws on user input.
 * Text typed in a legacy Vietnamese encoding (TCVN3, VNI) is converted, with a warning at each such cell.
 */
export async function readGrid(path: string, file: string, opts: ReadOptions): Promise<GridRead> {
  const read = await readGridAs(path, file, opts);
  if (read.grid) for (const x of convertLegacyCells(read.grid)) read.findings.push(x);
  return read;
}

async function readGridAs(path: string, file: string, opts: ReadOptions): Promise<GridRead> {
  const { limits } = opts;
  const at = { file };
  const opened = openWhole(path, file, limits);
  if (isRefused(opened)) return opened;
  const { sha256, head: buf } = opened as Opened & { sha256: string };
  switch (opened.kind) {
    case 'xlsx': {
      const parts = new Map<string, Buffer>();
      const guard = await guardWorkbookZip(buf, file, limits, parts);
      if (guard.some((f) => f.severity === 'error')) return { sha256, findings: guard };
      try {
        const long: Finding[] = [];
        const onLong = (loc: { sheet: string; row: number; column: number; cell: string }, length: number): number =>
          long.push(tooLong(file, loc, length, limits));
        // The lean reader for the plain case; exceljs for everything else (and when asked to).
        const lean =
          opts.reader === 'exceljs' ? undefined : readXlsxLean(parts, { stringLength: limits.stringLength, onLong });
        const sheets = lean ?? (await readXlsxSheets(buf, { stringLength: limits.stringLength, onLong }));
        return {
          sha256,
          grid: { file, format: 'xlsx', sha256, sheets },
          findings: [...guard, ...long, ...circular(file, sheets)],
        };
      } catch (e) {
        return { sha256, findings: [finding('INTAKE_CORRUPT', at, { detail: shortError(e) })] };
      }
    }
    default: {
      const r = readCsvText(buf, limits);
      const findings: Finding[] = [finding('INTAKE_CSV_DIALECT', at, { delimiter: r.delimiter, encoding: r.encoding })];
      if (r.limit)
        return {
          sha256,
          findings: [
            ...findings,
            finding('INTAKE_LIMIT_EXCEEDED', at, {
              limit: r.limit.limit,
              found: String(r.limit.found),
              max: showLimit(r.limit.limit, limits[r.limit.limit]),
            }),
          ],
        };
      if (r.nul) findings.push(finding('INTAKE_CSV_NUL_REMOVED', at, {}));
      for (const [row, column, length] of r.long)
        findings.push(tooLong(file, { sheet: '', row, column, cell: cellAddress(row, column) }, length, limits));
      const width = r.width;
      for (const [row, found] of r.ragged)
        findings.push(finding('INTAKE_RAGGED_ROW', { file, row }, { found, expected: width }));
      if (r.error)
        findings.push(finding('INTAKE_CSV_MALFORMED', { file, row: r.error.row }, { detail: r.error.detail }));
      return {
        sha256,
        grid: { file, format: 'csv', sha256, sheets: [r.sheet], csv: { delimiter: r.delimiter, encoding: r.encoding } },
        findings,
      };
    }
  }
}

/** Formulas that name their own cell ("E3" in E3's formula, or a range around it on its column). */
function circular(file: string, sheets: readonly GridSheet[]): Finding[] {
  const out: Finding[] = [];
  for (const sheet of sheets)
    for (const row of sheet.rows.values())
      for (const cell of row.values()) {
        if (!cell.formula) continue;
        const refs =
          cell.formula
            .toUpperCase()
            .replace(/\$/g, '')
            .match(/[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?/g) ?? [];
        if (refs.some((r) => covers(r, cell.row, cell.col)))
          out.push(
            finding(
              'INTAKE_CIRCULAR_FORMULA',
              {
                file,
                ...(sheet.name ? { sheet: sheet.name } : {}),
                row: cell.row,
                column: cell.col,
                cell: cell.address,
              },
              { formula: cell.formula },
            ),
          );
      }
  return out;
}

function covers(ref: string, row: number, col: number): boolean {
  const [a, b = a] = ref.split(':') as [string, string?];
  const p = parseCellAddress(a);
  const q = parseCellAddress(b ?? a);
  if (!p || !q) return false;
  return (
    row >= Math.min(p.row, q.row) &&
    row <= Math.max(p.row, q.row) &&
    col >= Math.min(p.col, q.col) &&
    col <= Math.max(p.col, q.col)
  );
}

function shortError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').slice(0, 160);
}
