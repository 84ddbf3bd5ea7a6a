/**
 * How sure a rank is: from each agency's index interval, the best and worst rank it could hold in
 * its group; and from an index under alternative weights, the rank it would hold and the shift.
 * Pure; agencies without an interval count as a point (their index is exact as far as known).
 */
import type { Rational } from '../core/rational.js';
import { compareCodes } from './rank.js';

/** An agency's index, and its interval when known. */
export interface IndexSpread {
  code: string;
  index: Rational;
  lower?: Rational;
  upper?: Rational;
}

/** The ranks an agency could hold: best (smallest number) and worst. */
export interface RankInterval {
  code: string;
  best: number;
  worst: number;
}

/**
 * The rank interval of each agency in a group: best = 1 + the others whose lower bound is above its
 * upper bound (they beat it whatever the samples say); worst = 1 + the others whose upper bound is
 * above its lower bound (they could beat it). Consistent with the ranking's rule that equal indices
 * share a rank: an other that can at most equal it does not push it down. Without intervals, best
 * and worst are the rank itself.
 */
export function rankIntervals(group: readonly IndexSpread[]): RankInterval[] {
  const lo = (a: IndexSpread): Rational => a.lower ?? a.index;
  const hi = (a: IndexSpread): Rational => a.upper ?? a.index;
  return group
    .map((a) => {
      let best = 1;
      let worst = 1;
      for (const b of group) {
        if (b === a) continue;
        if (lo(b).gt(hi(a))) best++;
        if (hi(b).gt(lo(a))) worst++;
      }
      return { code: a.code, best, worst };
    })
    .sort((x, y) => x.best - y.best || x.worst - y.worst || compareCodes(x.code, y.code));
}

/** Ranks by an index, highest first, equal indices sharing a rank (1, 2, 2, 4), as the ranking does. */
export function ranksOf(entries: readonly { code: string; index: Rational }[]): Map<string, number> {
  const sorted = [...entries].sort((a, b) => b.index.cmp(a.index) || compareCodes(a.code, b.code));
  const out = new Map<string, number>();
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    out.set(e.code, prev?.index.eq(e.index) ? out.get(prev!.code)! : i + 1);
  });
  return out;
}

/** One agency under alternative weights: its rank there and the shift (positive: it would rise). */
export interface WeightShift {
  code: string;
  rank: number;
  index: Rational;
  alternativeRank: number;
  alternativeIndex: Rational;
  shift: number;
}

/**
 * Ranks a group under alternative indices and compares with the ranks it holds: shift = rank −
 * alternative rank. Listed by the largest shift first (then by rank), so the first rows are the
 * largest shifts.
 */
export function weightShifts(
  group: readonly { code: string; rank: number; index: Rational; alternative: Rational }[],
): WeightShift[] {
  const alt = ranksOf(group.map((g) => ({ code: g.code, index: g.alternative })));
  return group
    .map((g) => {
      const alternativeRank = alt.get(g.code)!;
      return {
        code: g.code,
        rank: g.rank,
        index: g.index,
        alternativeRank,
        alternativeIndex: g.alternative,
        shift: g.rank - alternativeRank,
      };
    })
    .sort((a, b) => Math.abs(b.shift) - Math.abs(a.shift) || a.rank - b.rank || compareCodes(a.code, b.code));
}

/**
 * Pairs of agencies in rank order whose ranks differ but whose intervals overlap (each could hold
 * the other's place): for the rounding note, "xếp thứ 3 và 4 nằm trong khoảng của nhau".
 */
export function overlappingRuns(
  ranked: readonly { code: string; rank: number }[],
  intervals: ReadonlyMap<string, RankInterval>,
): { agencies: string[]; ranks: number[] }[] {
  const out: { agencies: string[]; ranks: number[] }[] = [];
  let run: { code: string; rank: number }[] = [];
  const flush = (): void => {
    if (new Set(run.map((r) => r.rank)).size > 1)
      out.push({ agencies: run.map((r) => r.code), ranks: run.map((r) => r.rank) });
  };
  for (const a of ranked) {
    const last = run[run.length - 1];
    const ia = intervals.get(a.code);
    const il = last ? intervals.get(last.code) : undefined;
    // Rank order: the later one's best reaches the earlier one's rank, or the earlier one's worst reaches the later's.
    if (last && ia && il && (ia.best <= last.rank || il.worst >= a.rank)) run.push(a);
    else {
      flush();
      run = [a];
    }
  }
  flush();
  return out;
}
