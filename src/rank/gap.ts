/**
 * The gap list for `explain`: one agency's score (and its group's) in, the items where it lost
 * points out, each with what full points on that item alone would give in points, index and
 * places in its group. Pure.
 */
import { Rational } from '../core/rational.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { totalOf } from '../score/score.js';
import type { AgencyScore, ItemScore } from '../score/types.js';
import type { Source } from '../criteria/schema.js';
import { compareCodes } from './rank.js';

/** One item where the agency lost points. */
export interface ItemGap {
  code: string;
  source: Source;
  /** Points lost on the item: counted maximum − final (for a penalty item, the penalty). */
  lost: Rational;
  /** Total points with full points on this item alone, after bonus/penalty caps and the total cap. */
  pointsIfFull: Rational;
  /** Index with full points on this item alone. */
  indexIfFull: Rational;
  /** indexIfFull − the current index. */
  indexGain: Rational;
  /** Rank in the group with full points on this item alone; absent without a group. */
  rankIfFull?: number;
  /** Places gained in the group (current rank − rankIfFull); absent without a group. */
  gainIfFull?: number;
}

/**
 * Items where the agency lost points, most points lost first (ties in tree order), and what
 * full points on each would change (§1.3: index = points ÷ applicable maximum; §1.4: rank by
 * index). Full points mean the counted maximum for scored items and bonus items, and no penalty.
 * `group` holds the scores of the agency's group (the agency itself is recognised by code and
 * left out); agencies with status "missing" are not ranked and are ignored.
 */
export function gapList(score: AgencyScore, criteria: CriteriaIndex, group?: readonly AgencyScore[]): ItemGap[] {
  // Indices of the group, highest first, once per group: a rank is then a binary search. The
  // agency's own index never counts, since full points on an item never lower its index.
  const sorted = group ? sortedIndices(group) : undefined;
  const rankAt = (index: Rational): number | undefined => (sorted ? 1 + countAbove(sorted, index) : undefined);
  const currentRank = rankAt(score.total.index);
  // The total depends only on these sums (see totalOf), so each item's "if full" is a change of one sum.
  const sums = {
    scored: score.total.scored,
    max: score.total.max,
    bonusItems: score.bySource.bonus.items,
    penaltyItems: score.bySource.penalty.items,
  };

  const gaps: { gap: ItemGap; order: number }[] = [];
  score.items.forEach((it, order) => {
    if (!it.applicable) return;
    const full = fullPoints(it);
    const lost = it.source === 'penalty' ? it.final : full.sub(it.final);
    if (!lost.gt(Rational.ZERO)) return;
    const delta = full.sub(it.final);
    const total = totalOf(criteria.set, {
      ...sums,
      ...(it.source === 'bonus'
        ? { bonusItems: sums.bonusItems.add(delta) }
        : it.source === 'penalty'
          ? { penaltyItems: sums.penaltyItems.add(delta) }
          : { scored: sums.scored.add(delta) }),
    }).total;
    const gap: ItemGap = {
      code: it.code,
      source: it.source,
      lost,
      pointsIfFull: total.points,
      indexIfFull: total.index,
      indexGain: total.index.sub(score.total.index),
    };
    const rankIfFull = rankAt(total.index);
    if (rankIfFull !== undefined && currentRank !== undefined) {
      gap.rankIfFull = rankIfFull;
      gap.gainIfFull = currentRank - rankIfFull;
    }
    gaps.push({ gap, order });
  });
  return gaps
    .sort((a, b) => b.gap.lost.cmp(a.gap.lost) || a.order - b.order || compareCodes(a.gap.code, b.gap.code))
    .map((g) => g.gap);
}

const sortedCache = new WeakMap<readonly AgencyScore[], Rational[]>();

function sortedIndices(group: readonly AgencyScore[]): Rational[] {
  let s = sortedCache.get(group);
  if (!s) {
    s = group
      .filter((x) => x.status !== 'missing')
      .map((x) => x.total.index)
      .sort((a, b) => b.cmp(a));
    sortedCache.set(group, s);
  }
  return s;
}

/** How many of `desc` (highest first) are greater than `x`. */
function countAbove(desc: readonly Rational[], x: Rational): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (desc[mid]!.gt(x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The best value of an item: its counted maximum (bonus: its maximum; penalty: none). */
function fullPoints(it: ItemScore): Rational {
  if (it.source === 'penalty') return Rational.ZERO;
  if (it.source === 'bonus') return it.max;
  return it.countedMax;
}
