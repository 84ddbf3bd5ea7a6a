/**
 * The whole round in one function: round.yaml → criteria → roster → submissions → survey →
 * appraisal → scores → ranking → result. Every finding is collected first; errors block scoring
 * unless `allowIncomplete`. Paths in the result and findings are relative to the round folder,
 * so the same round gives the same result.json wherever it lies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { Rational } from '../core/rational.js';
import { loadCriteriaSet, resolveCriteriaRef } from '../criteria/load.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { compareFindings, finding, hasErrors, promoteWarnings, type Finding } from '../findings/finding.js';
import { missingSurveyFindings, openErrorsByAgency } from './marks.js';
import { rankAgencies } from '../rank/rank.js';
import { scoreAgency } from '../score/score.js';
import type { AgencyScore, SurveyValue } from '../score/types.js';
import { ruleOutcome } from '../validate/rule-points.js';
import type { ItemInput, Submission } from '../validate/submission.js';
import { collectFiles, validateFiles, type ValidationReport } from '../validate/validate.js';
import { mergeAppraisals, type AppraisalLine, type MergedAppraisal } from './appraisal.js';
import { buildRoundResult, numOf, type RosterAgency } from './build-result.js';
import { isCriteriaRef, loadRoundConfig, roundPath, type LoadedRound } from './config.js';
import { loadPreviousResult, type LoadedPrevious } from './previous.js';
import { loadCrosswalk, type Crosswalk } from '../criteria/crosswalk.js';
import type { RoundResult } from './result.js';
import { readRoster } from './roster.js';
import { readAppraisalFile, readSurveyPoints } from './tables.js';
import { loadQuestionnaire, type QuestionnaireIndex } from '../sipas/questionnaire.js';
import { measureIndex, runSipas, type SipasResult } from '../sipas/sipas.js';

export interface RunOptions {
  /** Score even when inputs have errors (the errors stay in the result). */
  allowIncomplete?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for checking the submissions (0: this thread), or a choice by file count; the result is the same. */
  workers?: number | ((files: number) => number);
  /** Called as each step ends ("validate", "score", "rank", "result"), for --debug. */
  onPhase?: (phase: string) => void;
  /** Warnings count as errors (`--strict`): they block scoring unless `allowIncomplete`. */
  strict?: boolean;
}

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

type InputRole = RoundResult['inputs'][number]['role'];

export async function runRound(dirOrFile: string, opts: RunOptions = {}): Promise<RoundRun> {
  const round = loadRoundConfig(dirOrFile);
  const base = {
    round,
    submissions: new Map<string, Submission>(),
    sets: new Map<string, CriteriaIndex>(),
    roster: [] as RosterAgency[],
    scores: [] as AgencyScore[],
  };
  if (!round.config || hasErrors(round.findings)) return { ...base, findings: round.findings, blocked: true };
  const cfg = round.config;
  const show = (abs: string): string => relative(round.dir, abs).split(sep).join('/');
  const inputs: RoundResult['inputs'] = [];
  const addInput = (role: InputRole, abs: string, sha?: string): void => {
    inputs.push({ role, file: show(abs), sha256: sha ?? sha256Of(abs) });
  };
  addInput('round', round.file);

  // Criteria per agency kind (a failure to load is "cannot run": CriteriaError, exit 2).
  const extraDirs = cfg.criteriaDir ? [roundPath(round, cfg.criteriaDir)] : [];
  const sets = base.sets;
  /** A criteria file named as `id@version` or by a round path: what to load, recorded as an input. */
  const criteriaInput = (role: 'criteria' | 'questionnaire', ref: string): string => {
    const target = isCriteriaRef(ref) ? ref : roundPath(round, ref);
    const { path } = resolveCriteriaRef(target, extraDirs);
    inputs.push({ role, file: isCriteriaRef(ref) ? ref : show(path), sha256: sha256Of(path) });
    return target;
  };
  for (const [kind, ref] of Object.entries(cfg.criteria))
    sets.set(kind, loadCriteriaSet(criteriaInput('criteria', ref), extraDirs));

  // Roster.
  const rosterPath = roundPath(round, cfg.roster);
  const roster = await readRoster(rosterPath, cfg.roster, [...sets.keys()]);
  if (roster.sha256) addInput('roster', rosterPath, roster.sha256);
  base.roster = roster.agencies;
  const rosterMap = new Map(roster.agencies.map((a) => [a.code, a]));
  const setOf = (agency: string): CriteriaIndex | undefined => {
    const a = rosterMap.get(agency);
    return a ? sets.get(a.kind) : undefined;
  };

  // Submissions.
  const subPaths = (Array.isArray(cfg.submissions) ? cfg.submissions : [cfg.submissions]).map((s) =>
    roundPath(round, s),
  );
  const files = collectFiles(subPaths, round.dir).map((f) => ({ ...f, file: f.file.split(sep).join('/') }));
  const validation = await validateFiles(files, {
    sets,
    ...(opts.workers !== undefined
      ? { workers: typeof opts.workers === 'number' ? opts.workers : opts.workers(files.length) }
      : {}),
    roster: rosterMap,
    year: cfg.year,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  for (const f of validation.files) if (f.sha256) inputs.push({ role: 'submission', file: f.file, sha256: f.sha256 });
  const selfByAgency = new Map<string, Map<string, ItemInput>>();
  for (const s of validation.submissions) {
    const code = s.submission.agency?.code;
    if (!code || !rosterMap.has(code) || selfByAgency.has(code)) continue;
    base.submissions.set(code, s.submission);
    selfByAgency.set(code, new Map(s.submission.items.map((i) => [i.code, i])));
  }
  const roundFindings: Finding[] = [];
  for (const a of roster.agencies)
    if (!selfByAgency.has(a.code))
      roundFindings.push(
        finding(
          'ROUND_SUBMISSION_MISSING',
          { file: cfg.roster },
          { agency: a.code, zero: cfg.missingSubmission === 'zero', name: a.name },
          { agency: a.code },
        ),
      );

  // Survey points.
  const survey = new Map<string, Map<string, SurveyValue>>();
  for (const rel of cfg.survey.points) {
    const abs = roundPath(round, rel);
    const r = await readSurveyPoints(abs, rel, { setOf });
    if (r.sha256) addInput('survey', abs, r.sha256);
    roundFindings.push(...r.findings);
    for (const [agency, items] of r.value) {
      const m = survey.get(agency) ?? new Map<string, SurveyValue>();
      for (const [item, v] of items) if (!m.has(item)) m.set(item, v);
      survey.set(agency, m);
    }
  }

  // Survey shares from raw answers (SIPAS); a points table above takes precedence.
  if (cfg.survey.sipas) {
    const sp = cfg.survey.sipas;
    const qi = loadQuestionnaire(criteriaInput('questionnaire', sp.questionnaire), extraDirs);
    const res = await runSipas(
      sp.answers.map((rel) => ({ path: roundPath(round, rel), display: rel })),
      {
        questionnaire: qi,
        roster: new Map(roster.agencies.map((a) => [a.code, a.name])),
        ...(sp.weights !== undefined ? { weights: sp.weights } : {}),
      },
    );
    for (const i of res.inputs) inputs.push({ role: 'survey', file: show(roundPath(round, i.file)), sha256: i.sha256 });
    roundFindings.push(...res.findings);
    roundFindings.push(
      ...applySipas(res, qi, sets, roster.agencies, survey, sp.map, cfg.survey.sipas.answers[0] ?? ''),
    );
  }

  // Appraisal, in the declared order.
  const lines: AppraisalLine[][] = [];
  for (const rel of cfg.appraisal) {
    const abs = roundPath(round, rel);
    const r = await readAppraisalFile(abs, rel);
    if (r.sha256) addInput('appraisal', abs, r.sha256);
    roundFindings.push(...r.findings);
    lines.push(r.value);
  }
  const appraisal: MergedAppraisal = mergeAppraisals(lines, {
    setOf,
    selfPoints: (agency, item) => {
      const idx = setOf(agency);
      const entry = idx?.byCode.get(item);
      const input = selfByAgency.get(agency)?.get(item);
      return entry && input ? ruleOutcome(entry.item, input)?.points : undefined;
    },
    num: (agency, r) => numOf(setOf(agency)!)(r),
  });
  roundFindings.push(...appraisal.findings);

  // Last year.
  let previous: LoadedPrevious | undefined;
  if (cfg.previous) {
    const abs = roundPath(round, cfg.previous);
    let crosswalk: Crosswalk | undefined;
    if (cfg.crosswalk) {
      const cwPath = roundPath(round, cfg.crosswalk);
      crosswalk = loadCrosswalk(cwPath, cfg.crosswalk);
      addInput('crosswalk', cwPath);
    }
    previous = loadPreviousResult(abs, cfg.previous, crosswalk);
    addInput('previous', abs);
    const current = [...new Set([...sets.values()].map((s) => s.ref))].sort();
    const before = previous.criteria;
    const at = { file: cfg.crosswalk ?? cfg.previous };
    if (crosswalk) {
      if (!before.includes(crosswalk.from))
        roundFindings.push(
          finding('ROUND_CROSSWALK_SET_MISMATCH', at, { side: 'from', declared: crosswalk.from, used: before }),
        );
      if (!current.includes(crosswalk.to))
        roundFindings.push(
          finding('ROUND_CROSSWALK_SET_MISMATCH', at, { side: 'to', declared: crosswalk.to, used: current }),
        );
    } else if (before.some((r) => !current.includes(r)))
      roundFindings.push(finding('ROUND_CRITERIA_CHANGED', at, { previous: before, current }));
  }

  // Survey items without data score 0: never silently (issue 20, item 2).
  const surveyAt = cfg.survey.points[0] ?? cfg.survey.sipas?.answers[0] ?? show(round.file);
  roundFindings.push(...missingSurveyFindings(roster.agencies, sets, survey, { file: surveyAt }, cfg.survey.missing));

  opts.onPhase?.('validate');
  const all = [...round.findings, ...roster.findings, ...validation.findings, ...roundFindings].sort(compareFindings);
  const findings = opts.strict ? promoteWarnings(all) : all;
  const blocked = hasErrors(findings) && opts.allowIncomplete !== true;
  if (blocked) return { ...base, findings, blocked, validation };

  const scores = roster.agencies
    .filter((a) => sets.has(a.kind))
    .map((a) =>
      scoreAgency({
        agency: a,
        criteria: sets.get(a.kind)!,
        self: selfByAgency.get(a.code),
        appraisal: appraisal.values.get(a.code),
        survey: survey.get(a.code),
        missingScoresZero: cfg.missingSubmission === 'zero',
        evaluate: ruleOutcome,
      }),
    );
  opts.onPhase?.('score');
  const kindOfGroup = new Map<string, string>();
  for (const a of roster.agencies) if (!kindOfGroup.has(a.group)) kindOfGroup.set(a.group, a.kind);
  const ranking = rankAgencies(scores, (group) => sets.get(kindOfGroup.get(group)!)!.set, previous?.ranking);
  opts.onPhase?.('rank');
  const result = buildRoundResult({
    config: cfg,
    sets,
    roster: roster.agencies,
    scores,
    ranking,
    submissions: base.submissions,
    ...(previous ? { previous: previous.figures } : {}),
    appraisalChanges: appraisal.changes,
    inputs,
    findings,
    openErrors: openErrorsByAgency(findings, base.submissions),
  });
  opts.onPhase?.('result');
  return { ...base, scores, findings, blocked: false, result, validation };
}

/**
 * Turns SIPAS indices into survey shares: each survey item whose measure (round.yaml's map, else
 * the criteria set's rule) is one of the questionnaire's gets share = index ÷ 100 for every agency
 * with valid answers, unless a points table already gave that item. A measure under one of the
 * questionnaire's domains that it does not have is an error; a measure of another survey is left to
 * the points tables; an agency without valid answers for its measure is a warning (no points).
 */
function applySipas(
  res: SipasResult,
  qi: QuestionnaireIndex,
  sets: ReadonlyMap<string, CriteriaIndex>,
  roster: readonly RosterAgency[],
  survey: Map<string, Map<string, SurveyValue>>,
  map: Readonly<Record<string, string>>,
  file: string,
): Finding[] {
  const out: Finding[] = [];
  const measures = new Set(qi.measures);
  const domains = new Set(qi.q.domains.map((d) => d.id));
  const units = new Map(res.units.map((u) => [u.code, u]));
  const measuresOf = new Map<string, { code: string; measure: string }[]>();
  for (const [kind, idx] of sets) {
    const list: { code: string; measure: string }[] = [];
    for (const [code, entry] of idx.byCode) {
      const rule = entry.item.rule;
      if (rule.kind !== 'survey') continue;
      const measure = map[code] ?? rule.measure;
      if (measure === undefined) continue;
      // A measure of another survey (e.g. "leaders.direction") comes from a points table.
      if (!measures.has(measure)) {
        if (measure !== 'sipas' && !domains.has(measure.split('.')[0]!)) continue;
        out.push(
          finding(
            'SIPAS_MEASURE_UNKNOWN',
            { file },
            { measure, item: code, measures: qi.measures },
            { criterion: code },
          ),
        );
        continue;
      }
      list.push({ code, measure });
    }
    measuresOf.set(kind, list);
  }
  for (const a of roster) {
    const list = measuresOf.get(a.kind) ?? [];
    if (list.length === 0) continue;
    const m = survey.get(a.code) ?? new Map<string, SurveyValue>();
    const u = units.get(a.code);
    for (const { code, measure } of list) {
      if (m.has(code)) continue;
      const hit = u ? measureIndex(u, measure) : undefined;
      const share = hit ? Rational.fromExact(hit.index.exact)?.div(Rational.HUNDRED) : undefined;
      if (!hit || !share) {
        out.push(finding('SIPAS_NO_ANSWERS', { file }, { measure, item: code }, { agency: a.code, criterion: code }));
        continue;
      }
      m.set(code, { share, from: { measure, valid: hit.valid } });
    }
    survey.set(a.code, m);
  }
  return out;
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The exact index of an agency in a result, for tests and explain. */
export function exactIndex(result: RoundResult, code: string): Rational | undefined {
  const a = result.agencies.find((x) => x.code === code);
  return a ? Rational.fromExact(a.total.index.exact) : undefined;
}
