/**
 * exceljs, loaded on first use. Loading it costs about 0.35 s and 28 MB in every process and worker
 * that imports it; most runs (validate of plain workbooks, sipas from CSV, JSON and HTML reports)
 * never need it.
 */
import type ExcelJS from 'exceljs';

export type Excel = typeof ExcelJS;

let loaded: Promise<Excel> | undefined;

export function loadExcel(): Promise<Excel> {
  loaded ??= import('exceljs').then((m) => m.default);
  return loaded;
}
