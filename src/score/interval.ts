/**
 * How sure a score is: a Wilson score interval for each satisfaction share from its count of valid
 * answers, carried to the agency's index by putting every such share at its lower (then upper)
 * bound; and the index under alternative field maxima, for sensitivity to weights. Pure.
 */
import { Rational } from '../core/rational.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { totalOf } from './score.js';
import type { AgencyScore } from './types.js';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959964;

/** Bounds are rounded outward to this many decimals of a share, then kept exact. */
const BOUND_DECIMALS = 6;
const SCALE = 10 ** BOUND_DECIMALS;

/** An interval of a share (0…1) or an index (0…100). */
export interface Interval {
  lower: Rational;
  upper: Rational;
}

/**
 * The Wilson score interval of a proportion p from n answers (Wilson 1927, "Probable inference, the
 * law of succession, and statistical inference", JASA 22:209–212; recommended by Brown, Cai and
 * DasGupta 2001, Statistical Science 16:101–133): centre (p + z²/2n) ÷ (1 + z²/n), half-width
 * z·√(p(1−p)/n + z²/4n²) ÷ (1 + z²/n). Chosen over the textbook Wald interval p ± z·√(p(1−p)/n)
 * because it keeps its coverage for small samples and for shares near 0 or 1 (where Wald collapses
 * to a width of 0 at p = 1) and never leaves [0, 1]. The square root is irrational, so the bounds
 * are rounded outward to 6 decimals (lower down, upper up) and are exact from there on. n = 0 gives
 * [0, 1]: nothing is known.
 */
export function wilsonInterval(share: Rational, n: number, z: number = Z95): Interval {
  if (n <= 0) return { lower: Rational.ZERO, upper: Rational.ONE };
  const p = Math.min(1, Math.max(0, share.toNumber()));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  const lower = Math.max(0, Math.floor((centre - half) * SCALE - 1e-9));
  const upper = Math.min(SCALE, Math.ceil((centre + half) * SCALE + 1e-9));
  return { lower: Rational.of(lower, SCALE), upper: Rational.of(upper, SCALE) };
}

/** An agency's index interval, and how many survey shares with a sample size it rests on. */
export interface IndexInterval extends Interval {
  /** Survey items scored by a share with a known count of valid answers. */
  shares: number;
  /** The smallest count of valid answers among them. */
  minValid: number;
}

/**
 * The index interval of a scored agency: every survey item scored by a share with a known count of
 * valid answers is set to its Wilson lower bound (then its upper bound) and the total worked out
 * again by the set's rules (caps included). The index only rises with each share, so these are its
 * least and greatest values over the box of share intervals: conservative, since every share sits
 * at its worst at once (a 95% interval per share, more than 95% jointly). Undefined when no share
 * has a count (then the index has no sampling error the round knows of).
 */
export function indexInterval(score: AgencyScore, set: CriteriaIndex['set']): IndexInterval | undefined {
  if (score.status === 'missing') return undefined;
  let low = score.total.scored;
  let high = score.total.scored;
  let shares = 0;
  let minValid = Number.POSITIVE_INFINITY;
  for (const it of score.items) {
    if (it.basis !== 'survey-share' || it.share === undefined || it.surveyFrom === undefined) continue;
    if (it.source === 'bonus' || it.source === 'penalty') continue;
    const w = wilsonInterval(it.share, it.surveyFrom.valid);
    low = low.sub(it.final).add(it.countedMax.mul(w.lower));
    high = high.sub(it.final).add(it.countedMax.mul(w.upper));
    shares++;
    minValid = Math.min(minValid, it.surveyFrom.valid);
  }
  if (shares === 0) return undefined;
  const at = (scored: Rational): Rational =>
    totalOf(set, {
      scored,
      max: score.total.max,
      bonusItems: score.bySource.bonus.items,
      penaltyItems: score.bySource.penalty.items,
    }).total.index;
  return { lower: at(low), upper: at(high), shares, minValid };
}

/**
 * The index with other field maxima (weights): each field's appraisal and survey points are scaled
 * to its alternative maximum (points ÷ its applicable maximum × the new maximum), fields not listed
 * keep theirs, and the total is worked out by the set's rules with the same bonus and penalty. A
 * field with no applicable maximum for the agency stays out, as it does in the index.
 */
export function indexWithMaxima(
  score: AgencyScore,
  set: CriteriaIndex['set'],
  maxima: ReadonlyMap<string, Rational>,
): Rational | undefined {
  if (score.status === 'missing') return undefined;
  const fields = new Map<string, { points: Rational; max: Rational }>();
  for (const it of score.items) {
    if (it.source === 'bonus' || it.source === 'penalty' || it.countedMax.isZero()) continue;
    const f = fields.get(it.field) ?? { points: Rational.ZERO, max: Rational.ZERO };
    fields.set(it.field, { points: f.points.add(it.final), max: f.max.add(it.countedMax) });
  }
  let scored = Rational.ZERO;
  let max = Rational.ZERO;
  for (const [code, f] of fields) {
    const alt = maxima.get(code);
    if (alt === undefined) {
      scored = scored.add(f.points);
      max = max.add(f.max);
    } else {
      scored = scored.add(f.points.div(f.max).mul(alt));
      max = max.add(alt);
    }
  }
  return totalOf(set, {
    scored,
    max,
    bonusItems: score.bySource.bonus.items,
    penaltyItems: score.bySource.penalty.items,
  }).total.index;
}
