/**
 * The formulas that let the template score itself: one per item for its rule kind, subtotals of
 * fields and criteria, bonus and penalty with their caps, the projected total and index. They
 * mirror `score/rules.ts` and `score/score.ts` cell for cell, but parindex never reads them: it
 * scores from the raw inputs. A test recalculates filled templates in LibreOffice and compares.
 *
 * Ratios are compared by cross-multiplication (numerator × 100 against bound × denominator) so
 * that a boundary such as 7/10 = 70% is not lost to binary floating point.
 */
import type { Band, Item } from '../criteria/schema.js';
import { isScored } from '../criteria/tree.js';
import type { CriteriaSet } from '../criteria/schema.js';
import { YES_WORDS, NO_WORDS, NOT_APPLICABLE_MARK, type ColumnField } from './columns.js';
import type { z } from 'zod';

type BandT = z.infer<typeof Band>;

/** The A1 address of an input of the item's row. */
export type CellOf = (field: ColumnField) => string;

const num = (n: number): string => String(n);
const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const anyOf = (cell: string, words: readonly string[]): string =>
  `OR(${[...new Set(words.map((w) => w.toLowerCase()))].map((w) => `${cell}=${str(w)}`).join(',')})`;

/** The mark an agency writes for "not applicable" (the reader takes every yes word). */
export function naTest(at: CellOf): string {
  return anyOf(at('notApplicable'), [NOT_APPLICABLE_MARK, ...YES_WORDS]);
}

/** Points of an item from its inputs, as `ruleOutcome` then `scoreItem` give them (no appraisal, no survey). */
export function itemFormula(item: Item, set: CriteriaSet, at: CellOf): string {
  const max = num(item.max);
  const clamp = (x: string): string => `MIN(MAX(${x},0),${max})`;
  const p = at('points');
  const entered = `IF(ISNUMBER(${p}),${clamp(p)},0)`;
  const rule = item.rule;
  let body: string;
  switch (rule.kind) {
    case 'points':
      body = entered;
      break;
    case 'survey':
      body = '0';
      break;
    case 'choice': {
      const o = at('option');
      body = rule.options.reduceRight(
        (rest, opt) =>
          `IF(${anyOf(o, [opt.label.vi, ...(opt.label.en ? [opt.label.en] : []), opt.id])},` +
          `${num(Math.min(opt.points, item.max))},${rest})`,
        entered,
      );
      body = `IF(${o}="",${entered},${body})`;
      break;
    }
    case 'boolean': {
      const y = at('yes');
      body = `IF(${y}="",${entered},IF(${anyOf(y, YES_WORDS)},${max},IF(${anyOf(y, NO_WORDS)},0,${entered})))`;
      break;
    }
    case 'bands': {
      const n = at('numerator');
      const d = at('denominator');
      const c = at('percent');
      const ratio = bandsFormula(
        rule.bands,
        { ge: (b) => `${n}*100>=${b}*${d}`, eq: (b) => `${n}*100=${b}*${d}`, pct: `${n}*100/${d}` },
        entered,
        clamp,
      );
      const pct = bandsFormula(rule.bands, { ge: (b) => `${c}>=${b}`, eq: (b) => `${c}=${b}`, pct: c }, entered, clamp);
      const both = `AND(ISNUMBER(${n}),ISNUMBER(${d}))`;
      const ratioOk = `AND(${d}>0,${n}>=0,${n}<=${d})`;
      const pctGiven = rule.input === 'percent' ? `ISNUMBER(${c})` : `AND(ISNUMBER(${c}),NOT(ISNUMBER(${n})))`;
      body =
        `IF(${both},IF(${ratioOk},${ratio},${entered}),` +
        `IF(${pctGiven},IF(AND(${c}>=0,${c}<=100),${pct},${entered}),${entered}))`;
      break;
    }
    case 'deduction': {
      const k = at('count');
      body = `IF(ISNUMBER(${k}),${clamp(`${max}-${num(rule.perUnit)}*${k}`)},${entered})`;
      break;
    }
    case 'count': {
      const k = at('count');
      body = `IF(ISNUMBER(${k}),${clamp(`${num(rule.perUnit)}*${k}`)},${entered})`;
      break;
    }
    default: {
      const never: never = rule;
      return never;
    }
  }
  if (!item.notApplicable) return body;
  const na = set.notApplicable === 'full' && isScored(item) ? max : '0';
  return `IF(${naTest(at)},${na},${body})`;
}

/** The maximum an item adds to the total: 0 for bonus and penalty, 0 when marked not applicable under rescale. */
export function itemMaxFormula(item: Item, set: CriteriaSet, at: CellOf): string {
  if (!isScored(item)) return '0';
  if (!item.notApplicable || set.notApplicable === 'full') return num(item.max);
  return `IF(${naTest(at)},0,${num(item.max)})`;
}

/** `findBand` then the band's points (linear within it when declared), clamped; `otherwise` when no band holds it. */
function bandsFormula(
  bands: readonly BandT[],
  t: { ge: (bound: string) => string; eq: (bound: string) => string; pct: string },
  otherwise: string,
  clamp: (x: string) => string,
): string {
  const value = (b: BandT): string => {
    if (b.linearTo === undefined || b.max <= b.min) return clamp(num(b.points));
    const rise = b.linearTo - b.points;
    return clamp(`${num(b.points)}+${num(rise)}*(${t.pct}-${num(b.min)})/${num(b.max - b.min)}`);
  };
  const cases: [string, string][] = [];
  for (const b of bands) if (b.min === b.max) cases.push([t.eq(num(b.min)), value(b)]);
  for (const b of bands)
    if (b.min !== b.max) cases.push([`AND(${t.ge(num(b.min))},NOT(${t.ge(num(b.max))}))`, value(b)]);
  for (const b of bands) if (b.min !== b.max && b.max === 100) cases.push([t.eq('100'), value(b)]);
  return cases.reduceRight((rest, [cond, v]) => `IF(${cond},${v},${rest})`, otherwise);
}
