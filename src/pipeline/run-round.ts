/**
 * The whole round as a table of contents: a round folder in; round.yaml → criteria → roster →
 * submissions → survey → appraisal → last year → scores → ranking → result.json out. Every finding
 * is collected first; errors block scoring unless `allowIncomplete`. Paths in the result and
 * findings are relative to the round folder, so the same round gives the same result.json wherever
 * it lies. Each step is in `steps.ts`.
 */
import { Rational } from '../core/rational.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { compareFindings, hasErrors, promoteWarnings, type Finding } from '../findings/finding.js';
import { openErrorsByAgency } from '../round/marks.js';
import { newResultCache } from './build-result.js';
import type { RoundResult } from '../result/schema.js';
import type { LoadedRound } from '../round/config.js';
import type { RosterAgency } from '../round/roster.js';
import type { AgencyScore } from '../score/types.js';
import type { Submission } from '../validate/submission.js';
import type { ValidationReport } from '../validate/types.js';
import {
  buildResult,
  checkSubmissions,
  loadCriteria,
  rankAgencies,
  readAppraisal,
  readPrevious,
  readWeightsAlt,
  assessUncertainty,
  readRoster,
  readRound,
  readSurvey,
  scoreAgencies,
  type RunOptions,
  type StepResult,
} from './steps.js';

export type { RunOptions } from './steps.js';

export interface RoundRun {
  round: LoadedRound;
  /** Undefined when the round could not be scored (blocked). */
  result?: RoundResult;
  findings: Finding[];
  blocked: boolean;
  /** Per agency, the self-scoring it sent (for explain and the appraisal workbook). */
  submissions: Map<string, Submission>;
  sets: Map<string, CriteriaIndex>;
  roster: RosterAgency[];
  scores: AgencyScore[];
  validation?: ValidationReport;
}

/** Scores and ranks the round in `dirOrFile` (a folder with round.yaml, or the file itself). */
export async function runRound(dirOrFile: string, opts: RunOptions = {}): Promise<RoundRun> {
  const round = readRound(dirOrFile, opts.cwd);
  const base = {
    round: round.value,
    submissions: new Map<string, Submission>(),
    sets: new Map<string, CriteriaIndex>(),
    roster: [] as RosterAgency[],
    scores: [] as AgencyScore[],
  };
  const folder = round.folder;
  if (!folder) return { ...base, findings: round.findings, blocked: true };
  const cache = newResultCache();

  const criteria = loadCriteria(folder);
  const sets = criteria.value;
  const roster = await readRoster(folder, sets, opts);
  const submissions = await checkSubmissions(folder, sets, roster.value, opts);
  const zero = folder.config.missingSubmission === 'zero';
  const scored = (code: string): boolean => zero || submissions.value.self.has(code);
  const survey = await readSurvey(folder, sets, roster.value, scored, opts);
  const appraisal = await readAppraisal(folder, roster.value, submissions.value.self, cache, opts);
  const previous = await readPrevious(folder, sets, roster.value, opts);
  const weightsAlt = readWeightsAlt(folder, sets, opts.weightsAlt);
  const read: StepResult<unknown>[] = [round, criteria, roster, submissions, survey, appraisal, previous, weightsAlt];

  opts.onPhase?.('validate');
  const all = read.flatMap((s) => s.findings).sort(compareFindings);
  const findings = opts.strict ? promoteWarnings(all) : all;
  const blocked = hasErrors(findings) && opts.allowIncomplete !== true;
  const run = {
    ...base,
    sets,
    roster: roster.value.agencies,
    submissions: submissions.value.submissions,
    validation: submissions.value.validation,
  };
  if (blocked) return { ...run, findings, blocked };

  const agencies = roster.value.agencies;
  const scores = scoreAgencies(agencies, sets, {
    self: submissions.value.self,
    appraisal: appraisal.value.appraisal.values,
    survey: survey.value,
    missingScoresZero: zero,
  }).value;
  opts.onPhase?.('score');
  const ranking = rankAgencies(scores, agencies, sets, previous.value).value;
  const uncertainty = assessUncertainty(scores, ranking, sets, weightsAlt.value).value;
  opts.onPhase?.('rank');
  const prev = previous.value;
  const cfg = folder.config;
  const result = buildResult({
    config: folder.config,
    sets,
    roster: agencies,
    scores,
    ranking,
    submissions: run.submissions,
    ...(prev ? { previous: prev.figures } : {}),
    ...(prev && cfg.previous
      ? {
          comparison: {
            basis: prev.basis ?? new Map(),
            info: {
              file: cfg.previous,
              kind: prev.table ? ('table' as const) : ('result' as const),
              rank: prev.table ? prev.table.rank : true,
              index: true,
              fields: prev.table ? prev.table.fields : ['*'],
              merged: cfg.merged.compare,
              ...(prev.table ? { rows: prev.table.rows, matched: prev.table.matched } : {}),
            },
          },
        }
      : {}),
    ...(uncertainty ? { uncertainty } : {}),
    appraisalChanges: appraisal.value.appraisal.changes,
    ...(appraisal.value.stages.length > 0 ? { loop: { steps: appraisal.value.steps } } : {}),
    inputs: read.flatMap((s) => s.inputs),
    findings,
    cache,
    openErrors: openErrorsByAgency(findings, run.submissions),
  }).value;
  opts.onPhase?.('result');
  return { ...run, scores, findings, blocked: false, result };
}

/** The exact index of an agency in a result, for tests and explain. */
export function exactIndex(result: RoundResult, code: string): Rational | undefined {
  const a = result.agencies.find((x) => x.code === code);
  return a ? Rational.fromExact(a.total.index.exact) : undefined;
}
