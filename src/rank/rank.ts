/**
 * Ranking: agency scores in, each group ranked by exact index with bands, change against last
 * year, a summary and notes on ranks that look equal when rounded. Pure and deterministic: the
 * order of the input does not matter, ties are listed by agency code.
 */
import { Rational } from '../core/rational.js';
import { findBand } from '../criteria/bands.js';
import type { CriteriaSet } from '../criteria/schema.js';
import { formatIndex } from '../score/score.js';
import type { AgencyScore } from '../score/types.js';
import type {
  GroupRanking,
  GroupSummary,
  PreviousResult,
  RankChange,
  RankedAgency,
  Ranking,
  RoundingNote,
} from './types.js';

/** What ranking needs from a criteria set: grading bands and the rounding rule. */
export type RankingRules = Pick<CriteriaSet, 'bands' | 'rounding'>;

/** Compares codes by UTF-16 code units: the same everywhere, unlike a locale compare. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks every group separately (§1.4, §3.2: blocks are ranked separately) by exact index,
 * highest first. Equal exact indices share a rank and the next rank skips (1, 2, 2, 4); the
 * methodology names no tie-break (§1.4 "[?]"), so none is invented. Agencies with status
 * "missing" are listed as unranked. `rules` is one set's bands and rounding, or a lookup by group
 * when groups use different sets.
 */
export function rankAgencies(
  scores: readonly AgencyScore[],
  rules: RankingRules | ((group: string) => RankingRules),
  previous?: PreviousResult,
): Ranking {
  const rulesOf = typeof rules === 'function' ? rules : (): RankingRules => rules;
  const before = new Map<string, PreviousResult['agencies'][number]>();
  for (const p of previous?.agencies ?? []) if (!before.has(p.code)) before.set(p.code, p);

  const byGroup = new Map<string, AgencyScore[]>();
  for (const s of scores) {
    const list = byGroup.get(s.agency.group) ?? [];
    list.push(s);
    byGroup.set(s.agency.group, list);
  }
  const groups = [...byGroup.keys()].sort(compareCodes).map((group) => {
    const members = byGroup.get(group) ?? [];
    return rankGroup(group, members, rulesOf(group), previous ? before : undefined);
  });
  return { groups };
}

function rankGroup(
  group: string,
  members: AgencyScore[],
  rules: RankingRules,
  before: Map<string, PreviousResult['agencies'][number]> | undefined,
): GroupRanking {
  const ranked = members
    .filter((s) => s.status !== 'missing')
    .sort((a, b) => b.total.index.cmp(a.total.index) || compareCodes(a.agency.code, b.agency.code));
  const unranked = members
    .filter((s) => s.status === 'missing')
    .map((s) => s.agency.code)
    .sort(compareCodes);

  const agencies: RankedAgency[] = [];
  ranked.forEach((s, i) => {
    const prev = agencies[i - 1];
    const rank = prev?.index.eq(s.total.index) ? prev.rank : i + 1;
    const r: RankedAgency = {
      code: s.agency.code,
      name: s.agency.name,
      rank,
      index: s.total.index,
      shown: formatIndex(s.total.index, rules),
    };
    if (before) r.change = changeOf(s, rank, before);
    const band = findBand(rules.bands, s.total.index);
    if (band) r.band = band.id;
    agencies.push(r);
  });

  return {
    group,
    agencies,
    unranked,
    summary: summarise(agencies, rules),
    roundingNotes: roundingNotes(agencies, rules),
  };
}

/**
 * Change against last year's result (what the press reports as "tăng 10 bậc"): places gained
 * are last year's rank minus this year's. A rank from another group is not compared.
 */
function changeOf(s: AgencyScore, rank: number, before: Map<string, PreviousResult['agencies'][number]>): RankChange {
  const p = before.get(s.agency.code);
  if (!p) return { kind: 'new' };
  const indexChange = s.total.index.sub(p.index);
  if (p.group !== s.agency.group)
    return { kind: 'other-group', previousGroup: p.group, previousRank: p.rank, previousIndex: p.index, indexChange };
  const places = p.rank - rank;
  return {
    kind: places > 0 ? 'up' : places < 0 ? 'down' : 'same',
    places: Math.abs(places),
    previousRank: p.rank,
    previousIndex: p.index,
    indexChange,
  };
}

/** Group summary (§1.4: count per band and mean, e.g. "A 13, B 50, mean 88,37%"). */
function summarise(agencies: RankedAgency[], rules: RankingRules): GroupSummary {
  const counts = new Map<string, number>(rules.bands.map((b) => [b.id, 0]));
  for (const a of agencies) if (a.band !== undefined) counts.set(a.band, (counts.get(a.band) ?? 0) + 1);
  const summary: GroupSummary = {
    count: agencies.length,
    mean:
      agencies.length === 0
        ? Rational.ZERO
        : Rational.sum(agencies.map((a) => a.index)).div(Rational.of(agencies.length)),
    bands: [...counts].map(([id, count]) => ({ id, count })),
  };
  const first = agencies[0];
  const last = agencies[agencies.length - 1];
  if (first && last) {
    summary.highest = {
      agencies: agencies.filter((a) => a.index.eq(first.index)).map((a) => a.code),
      index: first.index,
    };
    summary.lowest = { agencies: agencies.filter((a) => a.index.eq(last.index)).map((a) => a.code), index: last.index };
  }
  return summary;
}

/**
 * Runs of agencies that show the same rounded index but hold different ranks (§1.4: published
 * with 2 decimals; 89,13% was ranked both 22nd and 23rd in 2024), with the fewest decimals at
 * which every distinct index among them shows differently.
 */
function roundingNotes(agencies: RankedAgency[], rules: RankingRules): RoundingNote[] {
  const notes: RoundingNote[] = [];
  let i = 0;
  while (i < agencies.length) {
    let j = i + 1;
    while (j < agencies.length && agencies[j]!.shown === agencies[i]!.shown) j++;
    const run = agencies.slice(i, j);
    if (new Set(run.map((a) => a.rank)).size > 1) {
      const decimals = decimalsApart(
        run.map((a) => a.index),
        rules,
      );
      notes.push({
        agencies: run.map((a) => a.code),
        shown: run[0]!.shown,
        decimals,
        values: run.map((a) => a.index.toFixed(decimals, rules.rounding.mode)),
      });
    }
    i = j;
  }
  return notes;
}

/**
 * Fewest decimals (more than the set's) at which distinct values all round differently. It
 * exists: once 10^-d is below half the smallest gap, rounding keeps them apart.
 */
export function decimalsApart(values: readonly Rational[], rules: Pick<RankingRules, 'rounding'>): number {
  const distinct = new Set(values.map((v) => v.toExact())).size;
  for (let d = rules.rounding.decimals + 1; ; d++) {
    if (new Set(values.map((v) => v.toFixed(d, rules.rounding.mode))).size === distinct) return d;
  }
}
