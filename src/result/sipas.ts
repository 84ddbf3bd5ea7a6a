/**
 * The SIPAS result model (`parindex-sipas`, what sipas.json holds and the SIPAS reports read). Comes
 * in: the run's inputs, scored and ranked units, the pooled overall and the findings. Goes out: the result.
 */
import type { Provenance } from '../criteria/schema.js';
import type { QuestionnaireIndex } from '../criteria/questionnaire.js';
import type { Finding } from '../findings/finding.js';
import type { SipasChange } from '../rank/sipas-change.js';
import type { SipasBy, SipasFindings, SipasUnit } from '../score/sipas.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export interface SipasInput {
  file: string;
  sha256: string;
  sheet?: string;
  dialect?: { delimiter: string; encoding: string };
  /** Data rows read (after the header). */
  rows: number;
  /** Rows counted as respondents. */
  respondents: number;
}

/** A unit as the result shows it: its indices and rank, and, when last year was given, its change. */
export type SipasResultUnit = SipasUnit & {
  /** Change against last year (`parindex sipas --previous`). */
  previous?: SipasChange;
  /** True when last year has no figures for the unit (nor its predecessors). */
  isNew?: true;
  /** Predecessors of a merged unit that is not compared ("mới, hợp nhất từ …"). */
  mergedFrom?: string[];
};

/** What last year's SIPAS figures allowed comparing, and how merged units were compared. */
export interface SipasComparisonInfo {
  file: string;
  kind: 'result' | 'table';
  sha256?: string;
  /** Rank changes are made. */
  rank: boolean;
  /** Units whose rank was not compared: last year ranked them in another block (or in one list). */
  rankOtherBlock?: number;
  /** Measures (domain, "domain.element", question) with a column last year; "*" for every one a result has. */
  measures: string[];
  /** The rule for units with several predecessors. */
  merged: 'none' | 'mean' | 'weighted';
  change: string;
  rows?: number;
  matched?: number;
}

export interface SipasResult {
  format: 'parindex-sipas';
  formatVersion: 1;
  tool: { name: string; version: string };
  questionnaire: { ref: string; title: { vi: string; en?: string }; illustrative: boolean; provenance?: Provenance };
  by: SipasBy;
  aggregation: {
    item: string;
    element: string;
    domains: {
      id: string;
      title: { vi: string; en?: string };
      weight: number;
      elements: { id: string; title: { vi: string; en?: string }; weight: number }[];
    }[];
    respondentWeights: string | null;
    overall: string;
    rounding: string;
  };
  minSample: number;
  inputs: SipasInput[];
  overall: SipasResultUnit;
  /** The ranking blocks in order, with titles when the round gives them; units are ranked within theirs. */
  groups?: { id: string; title?: { vi: string; en?: string | undefined } }[];
  units: SipasResultUnit[];
  /** Present when last year's result or table was given. */
  comparison?: SipasComparisonInfo;
  findings: Finding[];
  /** True count of every finding code, listed or not. */
  counts: Record<string, number>;
}

/** The result of a SIPAS run, with the aggregation it used spelled out. */
export function buildSipasResult(run: {
  questionnaire: QuestionnaireIndex;
  by: SipasBy;
  /** Header of the respondent-weight column, when weights were declared. */
  weights: string | undefined;
  inputs: SipasInput[];
  overall: SipasUnit;
  units: SipasUnit[];
  findings: SipasFindings;
  groups?: { id: string; title?: { vi: string; en?: string | undefined } }[];
}): SipasResult {
  const qi = run.questionnaire;
  return {
    format: 'parindex-sipas',
    formatVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    questionnaire: {
      ref: qi.ref,
      title: qi.q.title,
      illustrative: qi.q.illustrative,
      ...(qi.q.provenance ? { provenance: qi.q.provenance } : {}),
    },
    by: run.by,
    aggregation: {
      item: qi.scales.some((x) => x.rule === 'score')
        ? qi.scales.every((x) => x.rule === 'score')
          ? "mean score of valid answers (the scale's scores, %)"
          : 'satisfied ÷ valid answers × 100, or the mean score on a scored scale'
        : 'satisfied ÷ valid answers × 100',
      element: 'mean of its items with valid answers',
      domains: qi.q.domains.map((d) => ({
        id: d.id,
        title: d.title,
        weight: d.weight ?? 1,
        elements: d.elements.map((e) => ({ id: e.id, title: e.title, weight: e.weight ?? 1 })),
      })),
      respondentWeights: run.weights ?? null,
      overall: 'all counted respondents pooled',
      rounding: '2 decimals, half up, once',
    },
    minSample: qi.q.minSample,
    inputs: run.inputs,
    overall: run.overall,
    ...blocksOf(run.units, run.groups),
    units: run.units,
    findings: run.findings.list,
    counts: run.findings.counts,
  };
}

/** The ranking blocks the units fall in: the declared ones first (with titles), then others by id. */
function blocksOf(
  units: readonly SipasUnit[],
  declared: { id: string; title?: { vi: string; en?: string | undefined } }[] | undefined,
): { groups?: { id: string; title?: { vi: string; en?: string | undefined } }[] } {
  const used = new Set(units.map((u) => u.group).filter((g): g is string => g !== undefined));
  if (used.size === 0) return {};
  const known = (declared ?? []).filter((g) => used.has(g.id));
  const rest = [...used].filter((g) => !known.some((k) => k.id === g)).sort();
  return { groups: [...known, ...rest.map((id) => ({ id }))] };
}
