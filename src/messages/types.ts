/** Shared shapes of the messages module. */
import type { Severity } from '../findings/finding.js';

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
