/**
 * `parindex explain file.xlsx`: one self-scoring file in; the agency's expected scorecard out (no
 * appraisal, no survey, no ranking), so staff see their score and gaps before they submit. The
 * round's own steps, composed for one file: check it, score it, build the agency's result.
 */
import type { ReadOptions } from '../load/index.js';
import { loadCriteriaSet } from '../criteria/load.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { hasErrors, type Finding } from '../findings/finding.js';
import { agencyResult, criteriaRef, newResultCache } from './build-result.js';
import type { AgencyResult, CriteriaRef } from '../result/schema.js';
import type { RosterAgency } from '../round/roster.js';
import { validateFiles } from './check-files.js';
import { scoreAgencies } from './steps.js';

/**
 * The scorecard of one file: the agency's result and the set it was scored by; absent when the file could not be
 * scored.
 */
export interface FileExplained {
  agency?: AgencyResult;
  /** The criteria set of the agency, as a result names it. */
  criteria: CriteriaRef[];
  findings: Finding[];
}

/** Checks and scores one self-scoring file against `expected`, or the set it names. */
export async function explainFile(
  path: string,
  opts: { expected?: CriteriaIndex; kind?: string; read?: ReadOptions },
): Promise<FileExplained> {
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
  if (!checked || (hasErrors(findings) && checked.submission.items.length === 0)) return { criteria: [], findings };
  const idx = checked.criteria;
  const kind = checked.kind ?? opts.kind ?? idx.set.agencyKinds[0]!.id;
  const sub = checked.submission;
  const agency: RosterAgency = {
    code: sub.agency?.code ?? '?',
    name: sub.agency?.name ?? sub.agency?.code ?? path,
    kind,
    group: kind,
  };
  const sets = new Map([[kind, idx]]);
  const scores = scoreAgencies([agency], sets, {
    self: new Map([[agency.code, new Map(sub.items.map((i) => [i.code, i]))]]),
  }).value;
  const result = agencyResult(agency, scores[0]!, { idx, group: scores, cache: newResultCache(), submission: sub });
  // A single file is scored without survey data by design (the footnote of `explain file` says so).
  delete result.surveyMissing;
  return { agency: result, criteria: [criteriaRef(idx, [kind])], findings };
}
