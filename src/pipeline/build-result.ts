/**
 * Assembles `result.json` from the round's pieces: scores and ranking in, the RoundResult
 * document out, with every number exact and rounded once by its set's rule. Pure; the numbers and
 * sentences it shares between agencies live in a `ResultCache` that belongs to the run.
 */
import { Rational } from '../core/rational.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import type { Finding } from '../findings/finding.js';
import type { Ranking } from '../rank/types.js';
import { gapList } from '../rank/gap.js';
import type { AgencyScore } from '../score/types.js';
import type { ItemInput, Submission } from '../validate/submission.js';
import { selfGapOf } from '../rank/self-gap.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { RoundConfig } from '../round/config.js';
import type { PreviousBasis, PreviousFigures } from '../round/previous.js';
import type { RosterAgency } from '../round/roster.js';
import { itemDetail } from '../score/detail.js';
import { remember } from '../core/memo.js';
import type {
  AgencyResult,
  AppraisalChange,
  CriteriaRef,
  GroupResult,
  HistoryStep,
  ItemResult,
  Num,
  RoundResult,
} from '../result/schema.js';

/**
 * Numbers and item sentences already made in one run. The same few (0, 1, 0.5…, "không tự chấm")
 * recur in every agency's items, and the result is never changed once built, so one object serves
 * them all: for thousands of agencies this is a large part of the result's memory. Made by the run
 * (`newResultCache`), shared by the appraisal trail and the result, gone with the run.
 */
export interface ResultCache {
  /** By rounding rule ("2 half-up"), then exact value. */
  nums: Map<string, Map<string, Num>>;
  /** By both languages' text. */
  details: Map<string, { vi: string; en: string }>;
}

/** An empty cache for one run. */
export function newResultCache(): ResultCache {
  return { nums: new Map(), details: new Map() };
}

export interface ResultParts {
  config: RoundConfig;
  /** Criteria set per agency kind. */
  sets: Map<string, CriteriaIndex>;
  roster: RosterAgency[];
  scores: AgencyScore[];
  ranking: Ranking;
  submissions: Map<string, Submission>;
  previous?: Map<string, PreviousFigures>;
  appraisalChanges: AppraisalChange[];
  /** The appraisal loop's steps per agency and item, when the round declares appraisal or explanation files. */
  loop?: { steps: Map<string, Map<string, HistoryStep[]>> };
  inputs: RoundResult['inputs'];
  findings: Finding[];
  /** The run's cache of numbers and sentences (a new one when not given). */
  cache?: ResultCache;
  /** How agencies were compared with last year, and what last year's figures allow. */
  comparison?: { basis: Map<string, PreviousBasis>; info: NonNullable<RoundResult['comparison']> };
  /** Index and rank intervals, alternative weights, overlap notes. */
  uncertainty?: Uncertainty;
  /** Errors still open per agency code, when the round was scored with them (--allow-incomplete). */
  openErrors?: Map<string, number>;
}

/** How sure the ranks are, as the round worked it out. */
export interface Uncertainty {
  intervals: Map<
    string,
    { lower: Rational; upper: Rational; shares: number; minValid: number; best: number; worst: number }
  >;
  alternatives: Map<string, { index: Rational; rank: number; shift: number }>;
  overlaps: Map<string, { agencies: string[]; ranks: number[] }[]>;
  info: NonNullable<RoundResult['uncertainty']>;
}

/** Builds the result document. Deterministic: every list has a stated order. */
export function buildRoundResult(p: ResultParts): RoundResult {
  const cache = p.cache ?? newResultCache();
  const setByRef = new Map<string, CriteriaIndex>();
  for (const idx of p.sets.values()) setByRef.set(idx.ref, idx);
  const criteria: CriteriaRef[] = [...setByRef.values()].map((idx) =>
    criteriaRef(
      idx,
      [...p.sets].filter(([, v]) => v.ref === idx.ref).map(([k]) => k),
    ),
  );

  const scoreByCode = new Map(p.scores.map((s) => [s.agency.code, s]));
  const rankByCode = new Map<
    string,
    { rank: number; size: number; change: Ranking['groups'][number]['agencies'][number]['change'] }
  >();
  for (const g of p.ranking.groups)
    for (const a of g.agencies) rankByCode.set(a.code, { rank: a.rank, size: g.agencies.length, change: a.change });

  const groupOrder = orderGroups(p.config, p.roster);
  const membersOf = new Map<string, RosterAgency[]>();
  for (const a of p.roster) {
    const list = membersOf.get(a.group);
    if (list) list.push(a);
    else membersOf.set(a.group, [a]);
  }
  const rankingOf = new Map(p.ranking.groups.map((g) => [g.group, g]));
  const groups: GroupResult[] = [];
  const agencies: AgencyResult[] = [];
  for (const gid of groupOrder) {
    const ranking = rankingOf.get(gid);
    const members = membersOf.get(gid) ?? [];
    const memberByCode = new Map(members.map((m) => [m.code, m]));
    const first = members[0];
    const idx = first ? p.sets.get(first.kind) : undefined;
    if (!idx) continue;
    const n = numOf(idx, cache);
    const order = [...(ranking?.agencies.map((a) => a.code) ?? []), ...(ranking?.unranked ?? [])];
    const listed = new Set(order);
    for (const m of members) if (!listed.has(m.code)) order.push(m.code);
    const title = p.config.groups?.find((g) => g.id === gid)?.title ?? { vi: gid };
    const summary = ranking?.summary;
    groups.push({
      id: gid,
      title,
      agencies: order,
      mean: n(summary?.mean ?? Rational.ZERO),
      bands: summary?.bands ?? idx.set.bands.map((b) => ({ id: b.id, count: 0 })),
      ...(summary?.highest?.agencies[0] ? { highest: summary.highest.agencies[0] } : {}),
      ...(summary?.lowest?.agencies[0] ? { lowest: summary.lowest.agencies[0] } : {}),
      ...(summary?.highest && summary.highest.agencies.length > 1 ? { highestTied: summary.highest.agencies } : {}),
      ...(summary?.lowest && summary.lowest.agencies.length > 1 ? { lowestTied: summary.lowest.agencies } : {}),
      roundingNotes: (ranking?.roundingNotes ?? []).map((r) => ({
        agencies: r.agencies,
        shown: r.shown,
        decimals: r.decimals,
      })),
      ...(p.uncertainty?.overlaps.get(gid)?.length ? { overlapNotes: p.uncertainty.overlaps.get(gid)! } : {}),
    });
    const groupScores = members.map((m) => scoreByCode.get(m.code)).filter((s): s is AgencyScore => s !== undefined);
    for (const code of order) {
      const agency = memberByCode.get(code);
      const score = scoreByCode.get(code);
      if (!agency || !score) continue;
      agencies.push(
        agencyResult(agency, score, {
          idx,
          group: groupScores,
          cache,
          submission: p.submissions.get(code),
          previous: p.previous,
          rank: rankByCode.get(code),
          ...(p.loop ? { loop: p.loop.steps.get(code) ?? new Map() } : {}),
          basis: p.comparison?.basis.get(code),
          uncertainty: p.uncertainty,
          openErrors: p.openErrors?.get(code),
        }),
      );
    }
  }

  return {
    format: 'parindex-result',
    formatVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    round: { name: p.config.name, year: p.config.year, date: p.config.date ?? `${p.config.year}-12-31` },
    criteria,
    inputs: [...p.inputs].sort((a, b) => cmp(a.role, b.role) || cmp(a.file, b.file)),
    groups,
    agencies,
    appraisalChanges: [...p.appraisalChanges].sort(
      (a, b) => a.order - b.order || cmp(a.agency, b.agency) || compareItemCodes(a.item, b.item),
    ),
    findings: p.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      location: f.location as Record<string, string | number>,
      ...(f.criterion !== undefined ? { criterion: f.criterion } : {}),
      ...(f.agency !== undefined ? { agency: f.agency } : {}),
      args: f.args,
    })),
    ...(p.comparison ? { comparison: p.comparison.info } : {}),
    ...(p.uncertainty ? { uncertainty: p.uncertainty.info } : {}),
  };
}

/** What an agency's result is made with besides its score. */
export interface AgencyResultParts {
  /** The agency's criteria set. */
  idx: CriteriaIndex;
  /** The scores of its group, for the places it would gain per item (the gap list). */
  group: readonly AgencyScore[];
  cache: ResultCache;
  /** Its self-scoring file, when it sent one. */
  submission?: Submission | undefined;
  /** Last year's figures of every agency, when the round has them. */
  previous?: Map<string, PreviousFigures> | undefined;
  /** Errors still open in its inputs (--allow-incomplete). */
  openErrors?: number | undefined;
  /** Its place in its group, when ranked. */
  rank?: { rank: number; size: number; change: Ranking['groups'][number]['agencies'][number]['change'] } | undefined;
  /** Its items' steps through the appraisal loop, when the round has one (then its self-scoring gap is given too). */
  loop?: ReadonlyMap<string, HistoryStep[]>;
  /** How it was compared with last year, when not by its own code. */
  basis?: PreviousBasis | undefined;
  uncertainty?: Uncertainty | undefined;
}

/** One agency's part of the result: its score as exact and rounded numbers, item sentences, gaps and changes. */
export function agencyResult(agency: RosterAgency, score: AgencyScore, p: AgencyResultParts): AgencyResult {
  const { idx, group, rank } = p;
  const n = numOf(idx, p.cache);
  const sub = p.submission;
  const inputs = new Map((sub?.items ?? []).map((i) => [i.code, i]));
  const gains = new Map(
    score.status === 'missing' ? [] : gapList(score, idx, group).map((g) => [g.code, g.gainIfFull]),
  );
  // An agency that sent nothing and has nothing from appraisal or surveys gets no item list: a
  // national roster of 100,000 would otherwise write 39 KB of zeros for each.
  const empty =
    score.status === 'missing' &&
    score.items.every((it) => it.final.isZero() && it.self === undefined && it.appraised === undefined);
  const items: ItemResult[] = (empty ? [] : score.items).map((it) => {
    const entry = idx.byCode.get(it.code)!;
    const input = inputs.get(it.code);
    const r: ItemResult = {
      code: it.code,
      field: it.field,
      source: it.source,
      max: n(it.source === 'bonus' || it.source === 'penalty' ? it.max : it.countedMax),
      applicable: it.applicable,
      notApplicable: it.notApplicable,
      final: n(it.final),
      detail: sharedDetail(p.cache, itemDetail(entry.item, input, it)),
    };
    if (it.self !== undefined) r.self = n(it.self);
    if (it.appraised !== undefined) r.appraised = n(it.appraised);
    if (it.evidence) r.evidence = it.evidence;
    if (it.explanation) r.explanation = it.explanation;
    if (it.reason) r.reason = it.reason;
    if (it.appraisalFile) r.appraisalFile = it.appraisalFile;
    const gain = gains.get(it.code);
    if (gain !== undefined) r.placesIfFull = gain;
    const steps = p.loop?.get(it.code);
    if (steps) r.history = [...(sub ? [selfStep(sub.file, input, r)] : []), ...steps];
    return r;
  });
  const nodes = (level: number) =>
    (empty ? [] : score.nodes)
      .filter((x) => x.level === level && x.applicable)
      .map((x) => ({ code: x.code, points: n(x.points), max: n(x.max), index: n(x.index) }));
  const out: AgencyResult = {
    code: agency.code,
    name: agency.name,
    kind: agency.kind,
    group: agency.group,
    ...(agency.region ? { region: agency.region } : {}),
    set: idx.ref,
    status: score.status,
    ...(sub ? { submission: { file: sub.file, sha256: sub.sha256 } } : {}),
    total: { points: n(score.total.points), max: n(score.total.max), index: n(score.total.index) },
    bySource: {
      appraisal: { points: n(score.bySource.appraisal.points), max: n(score.bySource.appraisal.max) },
      survey: { points: n(score.bySource.survey.points), max: n(score.bySource.survey.max) },
      bonus: n(score.bySource.bonus.points),
      penalty: n(score.bySource.penalty.points),
    },
    fields: nodes(1),
    criteria: nodes(2),
    items,
  };
  if (p.loop && score.status !== 'missing') {
    const g = selfGapOf(score);
    out.selfGap = {
      self: n(g.self),
      appraised: n(g.appraised),
      gap: n(g.gap),
      fields: g.fields.map((f) => ({ code: f.code, self: n(f.self), appraised: n(f.appraised), gap: n(f.gap) })),
    };
  }
  if (rank) {
    out.rank = rank.rank;
    out.groupSize = rank.size;
  }
  if (score.band !== undefined && score.status !== 'missing') out.band = score.band;
  const prev = p.previous?.get(agency.code);
  if (p.previous && !prev) out.isNew = true;
  if (p.previous && !prev && p.basis?.rule === 'none') out.mergedFrom = p.basis.from;
  if (prev && score.status !== 'missing') {
    const change = rank?.change;
    out.previous = {
      index: n(prev.index),
      ...(prev.rank !== undefined ? { rank: prev.rank } : {}),
      indexChange: n(score.total.index.sub(prev.index)),
      ...(change && (change.kind === 'up' || change.kind === 'down' || change.kind === 'same')
        ? { rankChange: change.kind === 'down' ? -change.places : change.places }
        : {}),
      fields: out.fields
        .filter((f) => prev.fields.has(f.code))
        .map((f) => {
          const before = prev.fields.get(f.code)!;
          const now = Rational.fromExact(f.index.exact)!;
          return { code: f.code, index: n(before), change: n(now.sub(before)) };
        }),
      ...(p.basis && p.basis.rule !== 'none'
        ? {
            basis: { rule: p.basis.rule, from: p.basis.from, ...(p.basis.weights ? { weights: p.basis.weights } : {}) },
          }
        : {}),
    };
  }
  const iv = p.uncertainty?.intervals.get(agency.code);
  if (iv && score.status !== 'missing')
    out.interval = {
      index: { lower: n(iv.lower), upper: n(iv.upper) },
      rank: { best: iv.best, worst: iv.worst },
      shares: iv.shares,
      minValid: iv.minValid,
    };
  const alt = p.uncertainty?.alternatives.get(agency.code);
  if (alt && score.status !== 'missing') out.alternative = { index: n(alt.index), rank: alt.rank, shift: alt.shift };
  if (p.openErrors) out.openErrors = p.openErrors;
  // An agency that sent nothing is not scored: its survey items are not "missing survey data".
  const noSurvey =
    score.status === 'missing'
      ? []
      : score.items.filter((i) => i.applicable && i.source === 'survey' && i.basis === 'missing').map((i) => i.code);
  if (noSurvey.length > 0) out.surveyMissing = noSurvey;
  return out;
}

/** The first step of an item's path: what the agency self-scored, at the cell it wrote it in. */
function selfStep(file: string, input: ItemInput | undefined, r: ItemResult): HistoryStep {
  const step: HistoryStep = { step: 'self', file };
  if (r.self) step.points = r.self;
  if (input?.evidence) step.evidence = input.evidence;
  const at = input ? (SELF_CELLS.map((f) => input.cells[f]).find((c) => c?.cell) ?? input.location) : undefined;
  if (at?.cell) step.cell = at.cell;
  return step;
}

/** The input cells that carry an item's self-score, in the order to name one. */
const SELF_CELLS = ['points', 'option', 'yes', 'numerator', 'percent', 'count', 'notApplicable'] as const;

/** The criteria set as the result names it, for the agency kinds that use it. */
export function criteriaRef(idx: CriteriaIndex, kinds: string[]): CriteriaRef {
  const s = idx.set;
  return {
    ref: idx.ref,
    kinds,
    title: s.title,
    decision: { number: s.decision.number, ...(s.decision.date ? { date: s.decision.date } : {}) },
    rounding: s.rounding,
    bands: s.bands.map((b) => ({ id: b.id, label: b.label, min: b.min, max: b.max })),
    fields: s.fields.map((f) => ({ code: f.code, title: f.title, max: f.max })),
    criteria: s.fields.flatMap((f) => (f.children ?? []).map((c) => ({ code: c.code, title: c.title, max: c.max }))),
    items: idx.items.map((e) => ({ code: e.item.code, title: e.item.title, max: e.item.max })),
  };
}

/** A number exact and rounded once by the set's rule; numbers already made in the run are shared. */
export function numOf(idx: CriteriaIndex, cache: ResultCache): (r: Rational) => Num {
  const { decimals, mode } = idx.set.rounding;
  const rule = `${decimals} ${mode}`;
  let made = cache.nums.get(rule);
  if (!made) cache.nums.set(rule, (made = new Map()));
  const nums = made;
  return (r) => remember(nums, r.toExact(), (exact) => ({ exact, value: Number(r.toFixed(decimals, mode)) }), 100_000);
}

/** Item details already made in the run (the same few sentences recur across agencies); shared like numbers. */
function sharedDetail(cache: ResultCache, d: { vi: string; en: string }): { vi: string; en: string } {
  return remember(cache.details, `${d.vi}\u0000${d.en}`, () => d, 100_000);
}

function orderGroups(config: RoundConfig, roster: RosterAgency[]): string[] {
  const present = new Set(roster.map((a) => a.group));
  const out = new Set<string>();
  for (const g of config.groups ?? []) if (present.has(g.id)) out.add(g.id);
  for (const a of roster) out.add(a.group);
  return [...out];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "1.2.10" after "1.2.9". */
export function compareItemCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return cmp(a, b);
}
