/**
 * Writing CSV for people's spreadsheets. Vietnamese files use semicolons and decimal commas
 * (what Excel set to Vietnamese opens in columns, as numbers); English files use commas and
 * decimal points. UTF-8 with BOM so that Excel reads the diacritics, CRLF line ends (RFC 4180).
 * Text that a spreadsheet could take for a formula gets a leading apostrophe.
 */
import { guardCsvText } from './xlsx-text.js';

export interface CsvDialect {
  sep: ';' | ',';
  /** A text field, guarded against formulas and quoted when needed. */
  text: (s: string) => string;
  /** A number with a fixed count of decimals in the language's decimal mark. */
  num: (n: number, decimals: number) => string;
}

export function csvDialect(lang: 'vi' | 'en'): CsvDialect {
  const sep = lang === 'vi' ? ';' : ',';
  return {
    sep,
    text: (s) => {
      const g = guardCsvText(s);
      return /[";,\r\n]/.test(g) ? `"${g.replace(/"/g, '""')}"` : g;
    },
    num: (n, decimals) => {
      const s = n.toFixed(decimals);
      return lang === 'vi' ? s.replace('.', ',') : s;
    },
  };
}

/** Joins rows of already-encoded fields into a CSV document. */
export function csvDocument(rows: string[][], sep: string): string {
  return '\uFEFF' + rows.map((r) => r.join(sep)).join('\r\n') + '\r\n';
}
