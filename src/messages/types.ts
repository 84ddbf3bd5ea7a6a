/** Shared shapes of the messages module, and the finding shapes its sentences read. */

/** How bad a finding is. `error` blocks scoring and makes the exit code 1. */
export type Severity = 'error' | 'warning' | 'info';

/** Where a finding is. Every field is optional; the more is known, the more is given. */
export interface FindingLocation {
  /** Path of the file as the user gave it (relative to the working folder or the round). */
  file?: string;
  /** Worksheet name. */
  sheet?: string;
  /** 1-based number of a table in a Word document (its rows and columns are then the table's). */
  table?: number;
  /** 1-based row number, in the sheet or CSV file (header is row 1). */
  row?: number;
  /** 1-based column number. */
  column?: number;
  /** A1 address of the cell, e.g. "E14". */
  cell?: string;
  /** 1-based line in a text file (YAML, CSV). */
  line?: number;
  /** Path inside a structured file, e.g. "fields.0.children.2.max". */
  path?: string;
}

/** Languages users read. Vietnamese is the default. */
export type Lang = 'vi' | 'en';

/** One code's entry: default severity, an example of its arguments (for tests), and sentences. */
export interface MessageEntry<A> {
  severity: Severity;
  /** Arguments that render a realistic sentence; the messages test renders every code with them. */
  example: A;
  vi: (a: A) => string;
  en: (a: A) => string;
}

/** A stage's catalogue: one entry for every code of its argument map, checked by the compiler. */
export type Catalogue<M> = { [C in keyof M]: MessageEntry<M[C]> };

/** Number as Vietnamese users write it: decimal comma ("2,5"); English keeps the dot. */
export function num(value: number | string, lang: Lang): string {
  const s = typeof value === 'number' ? String(value) : value;
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** Quoted value for messages. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  const short = s.length > 60 ? s.slice(0, 57) + '…' : s;
  return `“${short}”`;
}

/** A list joined for display. */
export function list(values: readonly (string | number)[], lang: Lang): string {
  const shown = values.slice(0, 8).map(String);
  const more = values.length - shown.length;
  return shown.join(', ') + (more > 0 ? (lang === 'vi' ? ` và ${more} mục khác` : ` and ${more} more`) : '');
}
