/**
 * What makes a sheet print: a title block above the table, page numbers in the footer, and row
 * heights that fit wrapped text. Spreadsheet files store no laid-out height for wrapped text
 * (Excel computes it on screen, LibreOffice on load only for rows without a height), so a row
 * gets a height estimated from its text length and column width: characters per line ≈ the
 * column width (in widths of "0") less one for padding, 15 points a line at 11 points.
 */
import type ExcelJS from 'exceljs';
/** The two languages of every text (messages/types.ts names the same pair). */
type Lang = 'vi' | 'en';
import { setTextCell } from './xlsx-text.js';

/** A4 portrait, one page wide, as many pages down as needed. */
export const PRINT_A4_PORTRAIT: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

/** Points per line of 11-point text, with the leading. */
export const LINE_HEIGHT = 15;

/** Lines a text takes in a column `width` characters wide, word-wrapped. */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width - 1));
  let lines = 0;
  for (const para of text.split('\n')) {
    let line = 0;
    let count = 1;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = [...word].length;
      if (line === 0) line = w;
      else if (line + 1 + w <= perLine) line += 1 + w;
      else {
        count++;
        line = w;
      }
      while (line > perLine) {
        count++;
        line -= perLine;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** A row height (points) that fits every cell's wrapped text; at least one line. */
export function rowHeight(cells: readonly { text: string; width: number }[], lineHeight = LINE_HEIGHT): number {
  const lines = Math.max(1, ...cells.map((c) => wrappedLines(c.text, c.width)));
  return lines * lineHeight + 3;
}

/** The header row's height: bold headers wrap a little wider. */
export function headerHeight(cells: readonly { text: string; width: number }[]): number {
  return rowHeight(
    cells.map((c) => ({ text: c.text, width: c.width * 0.9 })),
    LINE_HEIGHT,
  );
}

/** Page numbers at the bottom centre of every printed page ("Trang 2/5"). */
export function pageFooter(lang: Lang, left?: string): Partial<ExcelJS.HeaderFooter> {
  const page = lang === 'vi' ? 'Trang &P/&N' : 'Page &P of &N';
  const l = left ? `&L&8${left.replace(/&/g, '&&')}` : '';
  return { oddFooter: `${l}&C${page}` };
}

/** A bold title centred at the top of every printed page, with page numbers below ("Trang 2/5"). */
export function pageHeaderFooter(title: string, lang: Lang): Partial<ExcelJS.HeaderFooter> {
  return { oddHeader: `&C&"Calibri,Bold"${title.replace(/&/g, '&&')}`, ...pageFooter(lang) };
}

/**
 * Rows 1… of a sheet: a bold title, then lines of context (set, unit, year), each merged across
 * the table's `columns` and tall enough for its text; one empty row follows.
 */
export function titleBlock(ws: ExcelJS.Worksheet, columns: number, lines: readonly string[]): number {
  let width = 0;
  for (let c = 1; c <= columns; c++) width += ws.getColumn(c).width ?? 9;
  lines.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    const cell = row.getCell(1);
    setTextCell(cell, text);
    if (columns > 1) ws.mergeCells(i + 1, 1, i + 1, columns);
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: i === 0 ? 'center' : 'left' };
    // Fonts name their face: without one LibreOffice falls back to a serif face.
    cell.font = i === 0 ? { name: 'Calibri', bold: true, size: 14 } : { name: 'Calibri', italic: i > 1, size: 11 };
    row.height = rowHeight([{ text, width: i === 0 ? width / 1.3 : width }], i === 0 ? 20 : LINE_HEIGHT);
  });
  return lines.length + 1;
}
