/**
 * Reading an .xlsx workbook into the neutral grid with exceljs. Every shape exceljs gives a
 * value in (number, string, boolean, Date, formula with or without a cached result, rich text,
 * hyperlink, error) is normalised here and nowhere else. Macros, external links and pictures
 * are never run or kept: only cell values are read.
 */
import type ExcelJS from 'exceljs';
import { loadExcel, mergedRanges } from '../core/excel.js';
import type { CellValue, SheetState } from './grid.js';
import { GridSheet } from './grid.js';
import { cellAddress, parseCellAddress } from '../findings/finding.js';

/**
 * Sheet elements exceljs is told to skip: only values, merges and hidden rows and columns are
 * read. exceljs makes an entry for every cell a data validation or conditional format covers, so
 * a validation of a whole column (as Excel writes one) costs 150 MB, of the whole sheet more memory
 * than there is; the lean reader never reads them either.
 */
const IGNORED = ['dataValidations', 'conditionalFormatting', 'extLst'];

/** Reads every worksheet's values. Throws on a broken file; the caller turns that into a finding. */
export async function readXlsxSheets(
  buf: Buffer,
  opts: {
    stringLength?: number;
    onLong?: (at: { sheet: string; row: number; column: number; cell: string }, length: number) => void;
  } = {},
): Promise<GridSheet[]> {
  const maxText = opts.stringLength ?? Infinity;
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  await wb.xlsx.load(
    buf as unknown as ArrayBuffer,
    { ignoreNodes: IGNORED } as unknown as Parameters<typeof wb.xlsx.load>[1],
  );
  const sheets: GridSheet[] = [];
  wb.eachSheet((ws) => {
    const state = (ws.state ?? 'visible') as SheetState;
    const sheet = new GridSheet(ws.name, state === 'hidden' || state === 'veryHidden' ? state : 'visible');
    const merges = mergeRanges(ws);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (row.hidden) sheet.hiddenRows.add(r);
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // exceljs's `cell.value` drops a formula's cached result when it is 0 (it copies only
        // truthy fields); `cell.result` keeps it.
        const raw = cell.type === Excel.ValueType.Formula ? { formula: cell.formula, result: cell.result } : cell.value;
        const n = normalise(raw, cell.numFmt);
        const { formula } = n;
        let v = n.v;
        if (v.t === 'text' && v.s.length > maxText) {
          opts.onLong?.({ sheet: ws.name, row: r, column: c, cell: cellAddress(r, c) }, v.s.length);
          v = { t: 'text', s: v.s.slice(0, maxText) };
        }
        const extra: { formula?: string; merged?: { role: 'master' | 'child'; range: string } } = {};
        if (formula !== undefined) extra.formula = formula;
        const range = merges.get(cell.address);
        if (range) extra.merged = range;
        if (v.t === 'empty' && !extra.merged) return;
        sheet.set(r, c, v, extra);
      });
    });
    // Merged child cells are often not visited by eachCell: record them too.
    for (const [address, m] of merges) {
      const pos = parseCellAddress(address);
      if (pos && !sheet.get(pos.row, pos.col)) sheet.set(pos.row, pos.col, { t: 'empty' }, { merged: m });
    }
    const cols = ws.columnCount;
    for (let c = 1; c <= cols; c++) if (ws.getColumn(c).hidden) sheet.hiddenCols.add(c);
    sheets.push(sheet);
  });
  return sheets;
}

/** Normalises an exceljs cell value. */
export function normalise(value: unknown, numFmt: string | undefined): { v: CellValue; formula?: string } {
  if (value === null || value === undefined) return { v: { t: 'empty' } };
  if (typeof value === 'number')
    return {
      v: Number.isFinite(value)
        ? { t: 'number', n: value, percentFormat: isPercentFormat(numFmt) }
        : { t: 'error', e: '#NUM!' },
    };
  if (typeof value === 'string') return { v: { t: 'text', s: value } };
  if (typeof value === 'boolean') return { v: { t: 'bool', b: value } };
  if (value instanceof Date)
    return {
      v: Number.isNaN(value.getTime())
        ? { t: 'error', e: '#VALUE!' }
        : { t: 'date', iso: value.toISOString().slice(0, 10) },
    };
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const formula = String(o.formula ?? o.sharedFormula ?? '');
      if (o.result === undefined || o.result === null) return { v: { t: 'formula', formula }, formula };
      return { v: normalise(o.result, numFmt).v, formula };
    }
    if ('error' in o) return { v: { t: 'error', e: String(o.error) } };
    if (Array.isArray(o.richText))
      return { v: { t: 'text', s: (o.richText as { text?: unknown }[]).map((p) => String(p.text ?? '')).join('') } };
    if ('text' in o) return { v: { t: 'text', s: typeof o.text === 'string' ? o.text : normaliseText(o.text) } };
  }
  return { v: { t: 'text', s: String(value) } };
}

function normaliseText(t: unknown): string {
  if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText))
    return (t as { richText: { text?: unknown }[] }).richText.map((p) => String(p.text ?? '')).join('');
  return String(t ?? '');
}

function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /%/.test(numFmt.replace(/"[^"]*"/g, ''));
}

/** Every cell of every merged range → its role and range. */
function mergeRanges(ws: ExcelJS.Worksheet): Map<string, { role: 'master' | 'child'; range: string }> {
  const out = new Map<string, { role: 'master' | 'child'; range: string }>();
  for (const box of mergedRanges(ws)) {
    const range = box.range;
    const span = (box.bottom - box.top + 1) * (box.right - box.left + 1);
    if (span > 10_000) continue; // a huge merge is a sheet-shape problem, not an input problem
    for (let r = box.top; r <= box.bottom; r++)
      for (let c = box.left; c <= box.right; c++) {
        const address = cellAddress(r, c);
        out.set(address, { role: r === box.top && c === box.left ? 'master' : 'child', range });
      }
  }
  return out;
}
