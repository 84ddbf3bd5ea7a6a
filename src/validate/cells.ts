/**
 * Reading one input cell of the neutral grid as the value its column means (points, option,
 * yes/no, ratio, percentage, count, text), or a finding that says why it cannot be read.
 */
import { withKnownInputs } from '../core/memo.js';
import { Rational } from '../core/rational.js';
import { cleanText, looseKey } from '../core/text.js';
import { finding, type Finding, type FindingLocation } from '../findings/finding.js';
import { NO_WORDS, YES_NO_LABELS, YES_WORDS } from '../intake/columns.js';
import type { GridCell } from '../load/grid.js';
import { numberText, valueText } from '../load/grid.js';
import { parseNumberText, type DecimalConvention } from '../load/numbers.js';

const YES: ReadonlySet<string> = new Set(YES_WORDS.map(looseKey));
const NO: ReadonlySet<string> = new Set(NO_WORDS.map(looseKey));

/** What a mark means: yes, no, blank (null), or not a mark (undefined). */
const markOf = withKnownInputs(
  [...YES_WORDS, ...NO_WORDS, ...YES_NO_LABELS.vi, ...YES_NO_LABELS.en],
  (text): boolean | null | undefined => {
    const k = looseKey(text);
    if (k === '') return null;
    if (YES.has(k)) return true;
    if (NO.has(k)) return false;
    return undefined;
  },
);

export type CellRead<T> = { value?: T; finding?: Finding };

/** A number cell. `percent`: the percentage column ("91,43%", 0.9143, and a %-formatted 0.9143 all mean 91.43). */
export function readNumberCell(
  cell: GridCell,
  field: string,
  at: FindingLocation,
  convention: DecimalConvention | undefined,
  percent = false,
): CellRead<Rational> {
  const v = cell.v;
  switch (v.t) {
    case 'empty':
      return {};
    case 'number': {
      const r = Rational.fromNumber(v.n);
      if (percent) return shareOrPercent(r, v.percentFormat, numberText(v.n), field, at);
      return { value: r };
    }
    case 'text': {
      const p = parseNumberText(v.s, convention);
      if (p.ok) {
        if (percent) return shareOrPercent(p.value, p.percent, cleanText(v.s), field, at);
        if (p.percent) return { finding: finding('INTAKE_NOT_A_NUMBER', at, { field, value: cleanText(v.s) }) };
        return { value: p.value };
      }
      if (p.reason === 'empty') return {};
      if (p.reason === 'ambiguous')
        return {
          finding: finding('INTAKE_AMBIGUOUS_NUMBER', at, {
            field,
            value: cleanText(v.s),
            readings: [p.readings[0].toExact(), p.readings[1].toExact()],
          }),
        };
      return { finding: finding('INTAKE_NOT_A_NUMBER', at, { field, value: cleanText(v.s) }) };
    }
    case 'bool':
      return { finding: finding('INTAKE_NOT_A_NUMBER', at, { field, value: valueText(v) }) };
    case 'date':
      return { finding: finding('INTAKE_DATE_NOT_NUMBER', at, { field, value: v.iso }) };
    case 'error':
      return { finding: finding('INTAKE_ERROR_VALUE', at, { field, value: v.e }) };
    case 'formula':
      return { finding: finding('INTAKE_FORMULA_NO_RESULT', at, { formula: v.formula }) };
  }
}

/**
 * A percentage as written: with a % sign (or % format) the number is the share (91.43% or
 * 0.9143 formatted as %); without, a value above 1 is a percentage and a fraction below 1 a
 * share; exactly 1 could be either and is a finding.
 */
function shareOrPercent(
  r: Rational,
  markedPercent: boolean,
  shown: string,
  field: string,
  at: FindingLocation,
): CellRead<Rational> {
  if (markedPercent) return { value: shownPercent(r, shown) };
  if (r.gt(Rational.ONE) || r.isZero() || r.lt(Rational.ZERO)) return { value: r };
  if (r.eq(Rational.ONE))
    return { finding: finding('INTAKE_AMBIGUOUS_NUMBER', at, { field, value: shown, readings: ['1%', '100%'] }) };
  return { value: r.mul(Rational.HUNDRED) };
}

/** "91,43%" typed as text is 91.43 already; a %-formatted number cell holds the share 0.9143. */
function shownPercent(r: Rational, shown: string): Rational {
  return /%/.test(shown) ? r : r.mul(Rational.HUNDRED);
}

/** A yes/no or a "not applicable" mark. */
export function readYesNoCell(cell: GridCell, field: string, at: FindingLocation): CellRead<boolean> {
  const v = cell.v;
  if (v.t === 'empty') return {};
  if (v.t === 'bool') return { value: v.b };
  if (v.t === 'number' && (v.n === 0 || v.n === 1)) return { value: v.n === 1 };
  if (v.t === 'formula') return { finding: finding('INTAKE_FORMULA_NO_RESULT', at, { formula: v.formula }) };
  const mark = markOf(valueText(v));
  if (mark === null) return {};
  if (mark !== undefined) return { value: mark };
  return { finding: finding('INTAKE_BAD_YES_NO', at, { field, value: cleanText(valueText(v)) }) };
}

/** A text cell (evidence, explanation, note, option), cleaned; numbers as their text. */
export function readTextCell(cell: GridCell, at: FindingLocation): CellRead<string> {
  const v = cell.v;
  if (v.t === 'formula') return { finding: finding('INTAKE_FORMULA_NO_RESULT', at, { formula: v.formula }) };
  if (v.t === 'error') return { finding: finding('INTAKE_ERROR_VALUE', at, { field: 'text', value: v.e }) };
  const s = cleanText(valueText(v));
  return s === '' ? {} : { value: s };
}
