/**
 * SIPAS against last year: a SIPAS result and last year's result or published table come in; the same
 * result goes out with each unit's change (overall, domains, elements, questions, rank), the rule each
 * comparison used, and findings for rows that match no unit and units last year's table lacks. Merged
 * units follow the PAR side's predecessors and rule (`round/previous.ts`).
 */
import type { QuestionnaireIndex } from '../criteria/questionnaire.js';
import { compareFindings, finding, type Finding } from '../findings/finding.js';
import type { ReadOptions } from '../load/index.js';
import { sipasChangeOf, type SipasBasis } from '../rank/sipas-change.js';
import type { SipasResult, SipasResultUnit } from '../result/sipas.js';
import type { KnownAgency } from '../round/previous-table.js';
import { applyPredecessors, type MergerRule } from '../round/previous.js';
import { readSipasPrevious } from '../round/sipas-previous.js';

/** Last year's SIPAS file and how this year's units continue last year's. */
export interface SipasPreviousSpec {
  path: string;
  display: string;
  /** Unit code → last year's codes it continues (the roster's "Tiền thân"). */
  predecessors?: ReadonlyMap<string, readonly string[]>;
  /** The file the predecessors came from, where a finding about them points. */
  predecessorsFile?: string;
  merged?: { compare: MergerRule; weights: Readonly<Record<string, Readonly<Record<string, number>>>> };
  read?: ReadOptions;
}

const CHANGE_RULE =
  'this year’s exact index − last year’s (exact, or as printed), percentage points, 2 decimals half up, once';

/** The SIPAS result with every unit compared against last year; findings added to the result's list and counts. */
export async function compareSipasWithPrevious(
  result: SipasResult,
  qi: QuestionnaireIndex,
  spec: SipasPreviousSpec,
): Promise<SipasResult> {
  const preds = spec.predecessors ?? new Map<string, readonly string[]>();
  const known: KnownAgency[] = result.units.map((u) => ({ code: u.code, ...(u.name ? { name: u.name } : {}) }));
  for (const from of preds.values()) for (const p of from) known.push({ code: p });
  const prev = await readSipasPrevious(spec.path, spec.display, known, qi, spec.read, result.groups ?? []);
  const rule = spec.merged?.compare ?? 'none';
  const agencies = result.units
    .filter((u) => u.index)
    .map((u) => {
      const from = preds.get(u.code);
      return { code: u.code, group: '', ...(from && from.length > 0 ? { predecessors: [...from] } : {}) };
    });
  const applied = applyPredecessors(
    prev.loaded,
    agencies,
    rule,
    spec.merged?.weights ?? {},
    spec.predecessorsFile ?? spec.display,
  );
  const findings: Finding[] = [...prev.findings, ...applied.findings];
  const { figures, basis } = applied.previous;
  let otherBlock = 0;
  const units = result.units.map((u): SipasResultUnit => {
    if (!u.index) return u;
    const b = basis?.get(u.code);
    const f = figures.get(u.code);
    if (!f) {
      if (prev.kind === 'table' && b?.rule !== 'none')
        findings.push(finding('ROUND_PREVIOUS_AGENCY_ABSENT', { file: spec.display }, { agency: u.code }));
      return { ...u, isNew: true, ...(b?.rule === 'none' ? { mergedFrom: b.from } : {}) };
    }
    const sb: SipasBasis = b
      ? { rule: b.rule as SipasBasis['rule'], from: b.from, ...(b.weights ? { weights: b.weights } : {}) }
      : { rule: 'same', from: [u.code] };
    // Ranks are compared only within one ranking: this year's block (none when one list) must be
    // last year's, else "▲38" would set a rank among 20 against one among 49.
    let fig = f;
    if (f.rank !== undefined && (f.group ?? '') !== (u.group ?? '')) {
      const { rank: _rank, ...rest } = f;
      fig = rest;
      otherBlock++;
    }
    const change = sipasChangeOf(u, fig, sb);
    return change ? { ...u, previous: change } : u;
  });
  const overallChange = prev.overall
    ? sipasChangeOf(result.overall, { ...prev.overall, fields: prev.overall.fields }, { rule: 'same', from: [] })
    : undefined;
  if (overallChange) delete overallChange.previousRank;
  const counts = { ...result.counts };
  for (const x of findings) counts[x.code] = (counts[x.code] ?? 0) + 1;
  const { findings: before, counts: _c, ...rest } = result;
  return {
    ...rest,
    overall: overallChange ? { ...result.overall, previous: overallChange } : result.overall,
    units,
    comparison: {
      file: spec.display,
      kind: prev.kind,
      ...(prev.sha256 ? { sha256: prev.sha256 } : {}),
      rank: prev.rank,
      ...(otherBlock > 0 ? { rankOtherBlock: otherBlock } : {}),
      measures: prev.measures,
      merged: rule,
      change: CHANGE_RULE,
      ...(prev.rows !== undefined ? { rows: prev.rows, matched: prev.matched ?? 0 } : {}),
    },
    findings: [...before, ...findings.sort(compareFindings)],
    counts,
  };
}
