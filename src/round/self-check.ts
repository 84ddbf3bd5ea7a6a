/**
 * `parindex explain file.xlsx`: an agency's expected score from its own self-scoring file,
 * without a round (no appraisal, no survey, no ranking), so staff see their score and gaps
 * before they submit.
 */
import { loadCriteriaSet } from '../criteria/load.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { hasErrors, type Finding } from '../findings/finding.js';
import { rankAgencies } from '../rank/rank.js';
import { scoreAgency } from '../score/score.js';
import { ruleOutcome } from '../validate/rule-points.js';
import { validateFiles } from '../validate/validate.js';
import { buildRoundResult, type RosterAgency } from './build-result.js';
import type { RoundConfig } from './config.js';
import type { AgencyResult, RoundResult } from './result.js';

export interface SelfCheck {
  result?: RoundResult;
  agency?: AgencyResult;
  findings: Finding[];
}

export async function explainWorkbook(
  path: string,
  opts: { expected?: CriteriaIndex; kind?: string },
): Promise<SelfCheck> {
  const resolve = (ref: string): CriteriaIndex | undefined => {
    try {
      return loadCriteriaSet(ref);
    } catch {
      return undefined;
    }
  };
  const report = await validateFiles([{ path, file: path }], { ...opts, resolve });
  const findings = report.findings;
  const checked = report.submissions[0];
  if (!checked || (hasErrors(findings) && checked.submission.items.length === 0)) return { findings };
  const idx = checked.criteria;
  const kind = checked.kind ?? opts.kind ?? idx.set.agencyKinds[0]!.id;
  const sub = checked.submission;
  const agency: RosterAgency = {
    code: sub.agency?.code ?? '?',
    name: sub.agency?.name ?? sub.agency?.code ?? path,
    kind,
    group: kind,
  };
  const score = scoreAgency({
    agency,
    criteria: idx,
    self: new Map(sub.items.map((i) => [i.code, i])),
    evaluate: ruleOutcome,
  });
  const year = sub.year ?? 2000;
  const config: RoundConfig = {
    format: 1,
    name: agency.name,
    year,
    criteria: { [kind]: idx.ref },
    roster: '-',
    submissions: path,
    appraisal: [],
    survey: { points: [], missing: 'warning' },
    missingSubmission: 'report',
  };
  const result = buildRoundResult({
    config,
    sets: new Map([[kind, idx]]),
    roster: [agency],
    scores: [score],
    ranking: rankAgencies([score], idx.set),
    submissions: new Map([[agency.code, sub]]),
    appraisalChanges: [],
    inputs: [{ role: 'submission', file: path, sha256: sub.sha256 }],
    findings,
  });
  const a = result.agencies[0]!;
  delete a.rank;
  delete a.groupSize;
  // A single file is scored without survey data by design (the footnote of `explain file` says so).
  delete a.surveyMissing;
  return { result, agency: a, findings };
}
