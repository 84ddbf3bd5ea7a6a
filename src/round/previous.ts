/**
 * Last year's result, for changes in index and rank ("tăng 3 bậc"). Read from a previous
 * `result.json` (format 1); agencies keep their exact index, rank, group and field indices.
 */
import { Rational } from '../core/rational.js';
import type { PreviousResult } from '../rank/types.js';
import { readResultFile } from '../result/read.js';
import type { RoundResult } from '../result/schema.js';
import { crosswalkCode, type Crosswalk } from '../criteria/crosswalk.js';

/** Last year's figures for the comparison, by agency code. */
export interface PreviousFigures {
  index: Rational;
  rank?: number;
  group?: string;
  fields: Map<string, Rational>;
}

/** Last year's figures by agency code, and the shape ranking needs. */
export interface LoadedPrevious {
  figures: Map<string, PreviousFigures>;
  ranking: PreviousResult;
  /** The criteria sets (id@version) last year's result used. */
  criteria: string[];
}

/** Reads a previous result.json. Throws `InputError` (exit 2) when it is not one. */
export function loadPreviousResult(path: string, display: string, crosswalk?: Crosswalk): LoadedPrevious {
  return previousFromResult(readResultFile(path, display), crosswalk);
}

const exact = (n: { exact: string; value: number }): Rational =>
  Rational.fromExact(n.exact) ?? Rational.fromNumber(n.value);

/**
 * Last year's figures from a result document. With a crosswalk, each field index is worked out
 * again on this year's fields: last year's appraisal and survey items are carried to this
 * year's codes (`crosswalkCode`) and a field's index is their points ÷ their maxima × 100, so an
 * agency is compared on like terms when fields were split, merged or renumbered.
 */
export function previousFromResult(result: RoundResult, crosswalk?: Crosswalk): LoadedPrevious {
  const figures = new Map<string, PreviousFigures>();
  const ranking: PreviousResult = { agencies: [] };
  for (const a of result.agencies) {
    if (a.status === 'missing') continue;
    const index = exact(a.total.index);
    const fields = crosswalk
      ? fieldsThroughCrosswalk(a, crosswalk)
      : new Map(a.fields.map((f) => [f.code, exact(f.index)]));
    figures.set(a.code, { index, group: a.group, fields, ...(a.rank !== undefined ? { rank: a.rank } : {}) });
    if (a.rank !== undefined) ranking.agencies.push({ code: a.code, group: a.group, rank: a.rank, index });
  }
  return { figures, ranking, criteria: result.criteria.map((c) => c.ref).sort() };
}

function fieldsThroughCrosswalk(a: RoundResult['agencies'][number], cw: Crosswalk): Map<string, Rational> {
  const sums = new Map<string, { points: Rational; max: Rational }>();
  for (const item of a.items) {
    if (!item.applicable || (item.source !== 'appraisal' && item.source !== 'survey')) continue;
    const to = crosswalkCode(cw, item.code);
    if (to === undefined) continue;
    const field = to.split('.')[0]!;
    const s = sums.get(field) ?? { points: Rational.ZERO, max: Rational.ZERO };
    sums.set(field, { points: s.points.add(exact(item.final)), max: s.max.add(exact(item.max)) });
  }
  const out = new Map<string, Rational>();
  for (const [field, s] of sums) if (!s.max.isZero()) out.set(field, s.points.div(s.max).mul(Rational.HUNDRED));
  return out;
}
