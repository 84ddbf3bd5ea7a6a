/**
 * Last year's result, for changes in index and rank ("tăng 3 bậc"). Read from a previous
 * `result.json` (format 1); agencies keep their exact index, rank, group and field indices.
 */
import { Rational } from '../core/rational.js';
import type { PreviousResult } from '../rank/types.js';
import { readResultFile } from '../result/read.js';
import type { RoundResult } from '../result/schema.js';
import { crosswalkCode, type Crosswalk } from '../criteria/crosswalk.js';
import { finding, type Finding } from '../findings/finding.js';

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
  /** How this year's agencies were compared, for those not compared with their own code. */
  basis?: Map<string, PreviousBasis>;
  /** When last year came as a published table: the file, its rows, and what it lets the round compare. */
  table?: { file: string; rows: number; matched: number; rank: boolean; index: boolean; fields: string[] };
}

/** Last year's figures from a published table (already matched to codes): ranks where the table gives them. */
export function previousFromTable(figures: Map<string, PreviousFigures>): LoadedPrevious {
  const ranking: PreviousResult = { agencies: [] };
  for (const [code, f] of figures)
    if (f.rank !== undefined && f.group !== undefined)
      ranking.agencies.push({ code, group: f.group, rank: f.rank, index: f.index });
  return { figures, ranking, criteria: [] };
}

/** How a merged agency (several predecessors) is compared: not at all, their mean, or a weighted mean. */
export type MergerRule = 'none' | 'mean' | 'weighted';

/**
 * What an agency was compared with: `successor` (one predecessor with another code: its figures,
 * rank included), `mean` or `weighted` (several: their indices averaged; no rank change, since
 * their ranks were among other agencies), or `none` (several, not compared: "mới, hợp nhất từ …").
 */
export interface PreviousBasis {
  rule: 'successor' | MergerRule;
  from: string[];
  /** Declared weights, for `weighted`. */
  weights?: number[];
}

/** This year's agency as the comparison needs it. */
export interface SuccessorAgency {
  code: string;
  group: string;
  predecessors?: string[];
}

/**
 * Last year's figures re-keyed to this year's agencies: an agency without predecessors keeps its
 * own code's figures; one predecessor gives its figures (rank too); several follow `rule`. A
 * predecessor missing from last year's figures, or a weighted merger without a positive weight for
 * every predecessor, is a finding and the agency is not compared.
 */
export function applyPredecessors(
  loaded: LoadedPrevious,
  agencies: readonly SuccessorAgency[],
  rule: MergerRule,
  weights: Readonly<Record<string, Readonly<Record<string, number>>>>,
  file: string,
): { previous: LoadedPrevious; findings: Finding[] } {
  const findings: Finding[] = [];
  const figures = new Map<string, PreviousFigures>();
  const ranking: PreviousResult = { agencies: [] };
  const basis = new Map<string, PreviousBasis>();
  const rankOf = new Map(loaded.ranking.agencies.map((a) => [a.code, a]));
  for (const a of agencies) {
    const from = a.predecessors ?? [];
    if (from.length === 0) {
      const f = loaded.figures.get(a.code);
      if (f) figures.set(a.code, f);
      const r = rankOf.get(a.code);
      if (r) ranking.agencies.push(r);
      continue;
    }
    const absent = from.filter((c) => !loaded.figures.has(c));
    for (const c of absent)
      findings.push(finding('ROUND_PREDECESSOR_NOT_FOUND', { file }, { predecessor: c }, { agency: a.code }));
    if (from.length === 1) {
      const f = loaded.figures.get(from[0]!);
      if (!f) continue;
      figures.set(a.code, f);
      basis.set(a.code, { rule: 'successor', from });
      const r = rankOf.get(from[0]!);
      if (r) ranking.agencies.push({ ...r, code: a.code });
      continue;
    }
    let used: MergerRule = absent.length > 0 ? 'none' : rule;
    let w: number[] = from.map(() => 1);
    if (used === 'weighted') {
      const declared = weights[a.code] ?? {};
      const given = from.map((c) => declared[c]);
      if (given.some((x) => x === undefined || !(x > 0))) {
        findings.push(finding('ROUND_MERGER_WEIGHTS_MISSING', { file }, { predecessors: from }, { agency: a.code }));
        used = 'none';
      } else w = given as number[];
    }
    basis.set(a.code, { rule: used, from, ...(used === 'weighted' ? { weights: w } : {}) });
    if (used === 'none') continue;
    const parts = from.map((c) => loaded.figures.get(c)!);
    const ws = w.map((x) => Rational.fromNumber(x));
    const total = Rational.sum(ws);
    const mean = (vals: Rational[]): Rational => Rational.sum(vals.map((v, i) => v.mul(ws[i]!))).div(total);
    const fields = new Map<string, Rational>();
    for (const code of parts[0]!.fields.keys()) {
      const vals = parts.map((p) => p.fields.get(code));
      if (vals.every((v) => v !== undefined)) fields.set(code, mean(vals as Rational[]));
    }
    figures.set(a.code, { index: mean(parts.map((p) => p.index)), group: a.group, fields });
  }
  return { previous: { figures, ranking, criteria: loaded.criteria, basis }, findings };
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
