/** Formula-injection guard for spreadsheets: text typed by people stays inert text. */
import type ExcelJS from 'exceljs';

/** Text that a spreadsheet or CSV reader could take for a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes `text` as a string cell. exceljs never writes a string as a formula; a string that
 * starts like one also gets the text number format "@", so that editing the cell in Excel or
 * LibreOffice keeps it text rather than evaluating it.
 */
export function setTextCell(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  if (FORMULA_START.test(text)) cell.numFmt = '@';
}

/** CSV form of the guard: a leading apostrophe, the convention spreadsheet programs honour. */
export function guardCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Print setup of every sheet parindex writes: A4 landscape, one page wide, the header row repeated. */
export const PRINT_A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
};
