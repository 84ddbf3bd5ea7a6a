/**
 * Numbers as people write them in Vietnamese and English spreadsheets: "2,5" and "2.5",
 * "91,43%", "1.234,5", "1 234". Exact (Rational), never through a float. A value that can be
 * read two ways ("1.234": one thousand two hundred thirty-four, or one point two three four)
 * is reported as ambiguous unless the file's own convention settles it.
 */
import { Rational } from '../core/rational.js';
import { cleanText, foldWidth } from '../core/text.js';

/** Which character a file uses as decimal separator, when its other values say so. */
export type DecimalConvention = 'comma' | 'dot';

export type NumberReading =
  | { ok: true; value: Rational; percent: boolean }
  | { ok: false; reason: 'empty' | 'not-number' }
  | { ok: false; reason: 'ambiguous'; readings: [Rational, Rational] };

const PLAIN = /^[+-]?\d+$/;

/**
 * Reads a number written as text. `%` at the end sets `percent` (the value stays as written:
 * "91,43%" → 91.43). Spaces (also no-break) are thousands separators. With both separators,
 * the last one is the decimal separator. A lone separator followed by exactly three digits is
 * ambiguous unless `convention` says which one is decimal; otherwise one comma or one dot is the
 * decimal separator, and several of the same kind are thousands separators.
 */
export function parseNumberText(raw: string, convention?: DecimalConvention): NumberReading {
  let s = foldWidth(cleanText(raw)).replace(/[\s\u00A0\u202F']/g, '');
  if (s === '') return { ok: false, reason: 'empty' };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (s.startsWith('(') && s.endsWith(')')) s = '-' + s.slice(1, -1);
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, reason: 'not-number' };
  const sign = s.startsWith('-') ? '-' : '';
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  const commas = count(s, ',');
  const dots = count(s, '.');
  const done = (intPart: string, frac: string): NumberReading => {
    const v = Rational.parse(`${sign}${intPart || '0'}${frac ? '.' + frac : ''}`);
    return v ? { ok: true, value: v, percent } : { ok: false, reason: 'not-number' };
  };
  if (commas === 0 && dots === 0) return PLAIN.test(s) ? done(s, '') : { ok: false, reason: 'not-number' };
  if (commas > 0 && dots > 0) {
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thou = dec === ',' ? '.' : ',';
    if (count(s, dec) !== 1) return { ok: false, reason: 'not-number' };
    const [intPart, frac] = s.split(dec) as [string, string];
    if (!groupedThousands(intPart, thou) || !/^\d+$/.test(frac)) return { ok: false, reason: 'not-number' };
    return done(intPart.split(thou).join(''), frac);
  }
  const sep = commas > 0 ? ',' : '.';
  const n = Math.max(commas, dots);
  if (n > 1) {
    // "1.234.567" or "1,234,567": thousands only.
    return groupedThousands(s, sep) ? done(s.split(sep).join(''), '') : { ok: false, reason: 'not-number' };
  }
  const [intPart, frac] = s.split(sep) as [string, string];
  if (!/^\d*$/.test(intPart) || !/^\d+$/.test(frac)) return { ok: false, reason: 'not-number' };
  const couldBeThousands = frac.length === 3 && /^[1-9]\d{0,2}$/.test(intPart);
  if (couldBeThousands) {
    const asDecimal = done(intPart, frac);
    const asThousands = done(intPart + frac, '');
    if (convention !== undefined) return (convention === 'comma') === (sep === ',') ? asDecimal : asThousands;
    if (asDecimal.ok && asThousands.ok)
      return { ok: false, reason: 'ambiguous', readings: [asDecimal.value, asThousands.value] };
  }
  return done(intPart, frac);
}

/**
 * What a set of written numbers says about the decimal separator: "2,5" is evidence for the
 * comma, "2.5" for the dot; undefined when there is no evidence or it conflicts.
 */
export function conventionOf(texts: Iterable<string>): DecimalConvention | undefined {
  let comma = false;
  let dot = false;
  for (const raw of texts) {
    const s = foldWidth(cleanText(raw)).replace(/[\s%]/g, '');
    if (/^[+-]?\d+,\d+$/.test(s) && !/^[+-]?[1-9]\d{0,2},\d{3}$/.test(s)) comma = true;
    else if (/^[+-]?\d+\.\d+$/.test(s) && !/^[+-]?[1-9]\d{0,2}\.\d{3}$/.test(s)) dot = true;
    else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^\d{1,3}(\.\d{3}){2,}$/.test(s)) comma = true;
    else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s) || /^\d{1,3}(,\d{3}){2,}$/.test(s)) dot = true;
  }
  return comma === dot ? undefined : comma ? 'comma' : 'dot';
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

function groupedThousands(s: string, sep: string): boolean {
  const parts = s.split(sep);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}
