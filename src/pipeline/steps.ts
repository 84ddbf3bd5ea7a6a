/**
 * The steps of a round, each a function of the previous steps' values: the round folder in, a
 * `StepResult` out (its value, its findings, and the input files it read with their SHA-256).
 * `runRound` and `explainFile` are these steps composed; every rule and sentence is in its stage.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { Rational } from '../core/rational.js';
import { loadCrosswalk, type Crosswalk } from '../criteria/crosswalk.js';
import { loadCriteriaSet, resolveCriteriaRef } from '../criteria/load.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { finding, hasErrors, type Finding } from '../findings/finding.js';
import { rankAgencies as rankScores } from '../rank/rank.js';
import type { Ranking } from '../rank/types.js';
import { buildRoundResult, numOf, type ResultCache } from './build-result.js';
import type { RoundResult } from '../result/schema.js';
import { readLoop, type LoopResult } from '../round/loop.js';
import { isCriteriaRef, loadRoundConfig, roundPath, type LoadedRound, type RoundConfig } from '../round/config.js';
import { applyPredecessors, loadPreviousResult, previousFromTable, type LoadedPrevious } from '../round/previous.js';
import { readPreviousTable, type KnownAgency, type PreviousTable } from '../round/previous-table.js';
import { looseKey } from '../core/text.js';
import { z } from 'zod';
import { DataFileError, readDataFile } from '../core/yaml.js';
import { indexInterval, indexWithMaxima, type IndexInterval } from '../score/interval.js';
import { overlappingRuns, rankIntervals, weightShifts, type IndexSpread } from '../rank/uncertainty.js';
import type { Uncertainty } from './build-result.js';
import { readRoster as readRosterTable, type RosterAgency } from '../round/roster.js';
import { readSurveyPoints } from '../round/tables.js';
import { missingSurveyFindings } from '../round/marks.js';
import type { ReadOptions } from '../load/index.js';
import { ruleOutcome } from '../score/rules.js';
import { scoreAgency } from '../score/score.js';
import type { AgencyScore, AppraisalValue, SurveyValue } from '../score/types.js';
import { loadQuestionnaire, type QuestionnaireIndex } from '../criteria/questionnaire.js';
import { runSipas } from './run-sipas.js';
import type { SipasResult } from '../result/sipas.js';
import { measureIndex } from '../score/sipas.js';
import type { ItemInput, Submission } from '../validate/submission.js';
import type { ValidationReport } from '../validate/types.js';
import { collectFiles, validateFiles } from './check-files.js';

/** An input file of the round as result.json lists it: role, path relative to the round, SHA-256. */
export type RoundInput = RoundResult['inputs'][number];

/** What a step hands on: its value, the findings it made, and the input files it read. */
export interface StepResult<T> {
  value: T;
  findings: Finding[];
  inputs: RoundInput[];
}

/** A round whose round.yaml loaded: where it is, its configuration, and the extra criteria folder. */
export interface RoundFolder {
  round: LoadedRound;
  config: RoundConfig;
  /** Folders searched for criteria sets and questionnaires named by id@version, besides the bundled ones. */
  extraDirs: string[];
  /** The working folder, for showing the path of a criteria set found in a folder. */
  cwd?: string;
  /** Alternative field maxima from this file (an absolute path), in place of round.yaml's `weightsAlt`. */
  weightsAlt?: string;
}

/** The agencies of the roster, with their criteria set by kind and a lookup by code. */
export interface RoundRoster {
  agencies: RosterAgency[];
  byCode: Map<string, RosterAgency>;
  /** The criteria set of an agency in the roster. */
  setOf: (agency: string) => CriteriaIndex | undefined;
}

/** The self-scoring files checked, and what each agency of the roster sent (its first submission). */
export interface CheckedSubmissions {
  validation: ValidationReport;
  submissions: Map<string, Submission>;
  /** Per agency, its item inputs by item code. */
  self: Map<string, Map<string, ItemInput>>;
}

/** Per agency, the survey value of each survey item (points tables first, then SIPAS shares). */
export type SurveyValues = Map<string, Map<string, SurveyValue>>;

/** Options of a run; every step that reads a file takes them as they are (how files are read goes here). */
export interface RunOptions {
  /** Score even when inputs have errors (the errors stay in the result). */
  allowIncomplete?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads for checking the submissions (0: this thread), or a choice by file count; the result is the same.
   */
  workers?: number | ((files: number) => number);
  /** Called as each step ends ("validate", "score", "rank", "result"), for --debug. */
  onPhase?: (phase: string) => void;
  /** How input files are read (limits, workbook reader); the defaults when not given. */
  read?: ReadOptions;
  /** The working folder, for showing the path of a criteria set found in a folder. */
  cwd?: string;
  /** Alternative field maxima from this file (an absolute path), in place of round.yaml's `weightsAlt`. */
  weightsAlt?: string;
  /** Warnings count as errors (`--strict`): they block scoring unless `allowIncomplete`. */
  strict?: boolean;
}

const found = <T>(value: T, findings: Finding[] = [], inputs: RoundInput[] = []): StepResult<T> => ({
  value,
  findings,
  inputs,
});

/** A path of the round as result.json shows it: relative to the round folder, with forward slashes. */
function shown(folder: RoundFolder, abs: string): string {
  return relative(folder.round.dir, abs).split(sep).join('/');
}

function fileInput(folder: RoundFolder, role: RoundInput['role'], abs: string, sha?: string): RoundInput {
  return { role, file: shown(folder, abs), sha256: sha ?? sha256Of(abs) };
}

/**
 * A criteria file named as `id@version` or by a round path: what to load, and the input it is
 * (a failure to find it is "cannot run": CriteriaError, exit 2).
 */
function criteriaInput(
  folder: RoundFolder,
  role: 'criteria' | 'questionnaire',
  ref: string,
): { target: string; input: RoundInput } {
  const target = isCriteriaRef(ref) ? ref : roundPath(folder.round, ref);
  const { path } = resolveCriteriaRef(target, folder.extraDirs, folder.cwd);
  return { target, input: { role, file: isCriteriaRef(ref) ? ref : shown(folder, path), sha256: sha256Of(path) } };
}

/** round.yaml: the folder and configuration, or undefined (with findings) when it cannot be used. */
export function readRound(dirOrFile: string, cwd?: string): StepResult<LoadedRound> & { folder?: RoundFolder } {
  const round = loadRoundConfig(dirOrFile);
  if (!round.config || hasErrors(round.findings)) return found(round, round.findings);
  const cfg = round.config;
  const folder: RoundFolder = {
    round,
    config: cfg,
    extraDirs: cfg.criteriaDir ? [roundPath(round, cfg.criteriaDir)] : [],
    ...(cwd !== undefined ? { cwd } : {}),
  };
  return { ...found(round, round.findings, [fileInput(folder, 'round', round.file)]), folder };
}

/** The criteria set of each agency kind, as round.yaml names them (a failure to load throws CriteriaError). */
export function loadCriteria(folder: RoundFolder): StepResult<Map<string, CriteriaIndex>> {
  const sets = new Map<string, CriteriaIndex>();
  const inputs: RoundInput[] = [];
  for (const [kind, ref] of Object.entries(folder.config.criteria)) {
    const { target, input } = criteriaInput(folder, 'criteria', ref);
    inputs.push(input);
    sets.set(kind, loadCriteriaSet(target, folder.extraDirs, folder.cwd));
  }
  return found(sets, [], inputs);
}

/** The roster: every agency with its kind (one the round has a set for) and group. */
export async function readRoster(
  folder: RoundFolder,
  sets: ReadonlyMap<string, CriteriaIndex>,
  opts: RunOptions = {},
): Promise<StepResult<RoundRoster>> {
  const cfg = folder.config;
  const path = roundPath(folder.round, cfg.roster);
  const roster = await readRosterTable(path, cfg.roster, [...sets.keys()], opts.read);
  const byCode = new Map(roster.agencies.map((a) => [a.code, a]));
  const setOf = (agency: string): CriteriaIndex | undefined => {
    const a = byCode.get(agency);
    return a ? sets.get(a.kind) : undefined;
  };
  return found(
    { agencies: roster.agencies, byCode, setOf },
    roster.findings,
    roster.sha256 ? [fileInput(folder, 'roster', path, roster.sha256)] : [],
  );
}

/** Every self-scoring file checked; each agency's submission; an agency of the roster without one is a finding. */
export async function checkSubmissions(
  folder: RoundFolder,
  sets: Map<string, CriteriaIndex>,
  roster: RoundRoster,
  opts: RunOptions = {},
): Promise<StepResult<CheckedSubmissions>> {
  const cfg = folder.config;
  const paths = (Array.isArray(cfg.submissions) ? cfg.submissions : [cfg.submissions]).map((s) =>
    roundPath(folder.round, s),
  );
  const files = collectFiles(paths, folder.round.dir).map((f) => ({ ...f, file: f.file.split(sep).join('/') }));
  const validation = await validateFiles(files, {
    sets,
    read: opts.read,
    ...(opts.workers !== undefined
      ? { workers: typeof opts.workers === 'number' ? opts.workers : opts.workers(files.length) }
      : {}),
    roster: roster.byCode,
    year: cfg.year,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const inputs: RoundInput[] = [];
  for (const f of validation.files) if (f.sha256) inputs.push({ role: 'submission', file: f.file, sha256: f.sha256 });
  const submissions = new Map<string, Submission>();
  const self = new Map<string, Map<string, ItemInput>>();
  for (const s of validation.submissions) {
    const code = s.submission.agency?.code;
    if (!code || !roster.byCode.has(code) || self.has(code)) continue;
    submissions.set(code, s.submission);
    self.set(code, new Map(s.submission.items.map((i) => [i.code, i])));
  }
  const findings = [...validation.findings];
  for (const a of roster.agencies)
    if (!self.has(a.code))
      findings.push(
        finding(
          'ROUND_SUBMISSION_MISSING',
          { file: cfg.roster },
          { agency: a.code, zero: cfg.missingSubmission === 'zero', name: a.name },
          { agency: a.code },
        ),
      );
  return found({ validation, submissions, self }, findings, inputs);
}

/** Survey points tables, then survey shares from raw SIPAS answers for the items no table gave. */
export async function readSurvey(
  folder: RoundFolder,
  sets: ReadonlyMap<string, CriteriaIndex>,
  roster: RoundRoster,
  /** Whether an agency is scored (sent its file, or `missingSubmission: zero`). */
  scored: (code: string) => boolean,
  opts: RunOptions = {},
): Promise<StepResult<SurveyValues>> {
  const cfg = folder.config;
  const survey: SurveyValues = new Map();
  const findings: Finding[] = [];
  const inputs: RoundInput[] = [];
  for (const rel of cfg.survey.points) {
    const abs = roundPath(folder.round, rel);
    const r = await readSurveyPoints(abs, rel, { setOf: roster.setOf }, opts.read);
    if (r.sha256) inputs.push(fileInput(folder, 'survey', abs, r.sha256));
    for (const x of r.findings) findings.push(x);
    for (const [agency, items] of r.value) {
      const m = survey.get(agency) ?? new Map<string, SurveyValue>();
      for (const [item, v] of items) if (!m.has(item)) m.set(item, v);
      survey.set(agency, m);
    }
  }

  // Survey shares from raw answers (SIPAS); a points table above takes precedence.
  if (cfg.survey.sipas) {
    const sp = cfg.survey.sipas;
    const { target, input } = criteriaInput(folder, 'questionnaire', sp.questionnaire);
    inputs.push(input);
    const qi = loadQuestionnaire(target, folder.extraDirs);
    const res = await runSipas(
      sp.answers.map((rel) => ({ path: roundPath(folder.round, rel), display: rel })),
      {
        questionnaire: qi,
        roster: new Map(roster.agencies.map((a) => [a.code, a.name])),
        unitGroups: new Map(roster.agencies.map((a) => [a.code, a.group])),
        groupTitles: new Map((cfg.groups ?? []).map((g) => [g.id, g.title])),
        read: opts.read,
        ...(sp.weights !== undefined ? { weights: sp.weights } : {}),
      },
    );
    for (const i of res.inputs)
      inputs.push({ role: 'survey', file: shown(folder, roundPath(folder.round, i.file)), sha256: i.sha256 });
    for (const x of res.findings) findings.push(x);
    for (const x of applySipas(res, qi, sets, roster.agencies, survey, sp.map, sp.answers[0] ?? '')) findings.push(x);
  }
  // Survey items without data score 0: never silently (issue 20, item 2).
  const at = { file: cfg.survey.points[0] ?? cfg.survey.sipas?.answers[0] ?? shown(folder, folder.round.file) };
  for (const x of missingSurveyFindings(roster.agencies, sets, survey, at, cfg.survey.missing, scored))
    findings.push(x);
  return found(survey, findings, inputs);
}

/**
 * The appraisal loop in the declared order (appraisal rounds and the agencies' explanations),
 * merged over the self-scores, with each item's path; the trail's numbers from the run's cache.
 */
export async function readAppraisal(
  folder: RoundFolder,
  roster: RoundRoster,
  self: ReadonlyMap<string, ReadonlyMap<string, ItemInput>>,
  cache: ResultCache,
  opts: RunOptions = {},
): Promise<StepResult<LoopResult>> {
  const { setOf } = roster;
  const loop = await readLoop(
    folder.round,
    {
      setOf,
      selfPoints: (agency, item) => {
        const idx = setOf(agency);
        const entry = idx?.byCode.get(item);
        const input = self.get(agency)?.get(item);
        return entry && input ? ruleOutcome(entry.item, input)?.points : undefined;
      },
      num: (agency, r) => numOf(setOf(agency)!, cache)(r),
    },
    opts.read,
  );
  return found(loop, loop.findings, loop.inputs);
}

/**
 * Last year's figures, when round.yaml names them: a result.json (through a crosswalk when the set
 * changed) or a published ranking table (.xlsx, .csv) matched to the roster by code or name. Then
 * re-keyed to this year's agencies through the roster's predecessors and round.yaml's merger rule.
 */
export async function readPrevious(
  folder: RoundFolder,
  sets: ReadonlyMap<string, CriteriaIndex>,
  roster: RoundRoster,
  opts: RunOptions = {},
): Promise<StepResult<LoadedPrevious | undefined>> {
  const cfg = folder.config;
  if (!cfg.previous) return found(undefined);
  const findings: Finding[] = [];
  const inputs: RoundInput[] = [];
  const abs = roundPath(folder.round, cfg.previous);
  let loaded: LoadedPrevious;
  let table: PreviousTable | undefined;
  if (/\.(xlsx|xlsm|csv|txt)$/i.test(cfg.previous)) {
    const known: KnownAgency[] = roster.agencies.map((a) => ({ code: a.code, name: a.name, group: a.group }));
    for (const a of roster.agencies) for (const p of a.predecessors ?? []) known.push({ code: p, group: a.group });
    const titles = new Map<string, string>();
    for (const g of cfg.groups ?? []) {
      titles.set(looseKey(g.id), g.id);
      titles.set(looseKey(g.title.vi), g.id);
      if (g.title.en) titles.set(looseKey(g.title.en), g.id);
    }
    for (const a of roster.agencies) titles.set(looseKey(a.group), a.group);
    table = await readPreviousTable(abs, cfg.previous, known, (t) => titles.get(looseKey(t)), opts.read);
    findings.push(...table.findings);
    if (table.sha256) inputs.push(fileInput(folder, 'previous', abs, table.sha256));
    loaded = previousFromTable(table.figures);
  } else {
    let crosswalk: Crosswalk | undefined;
    if (cfg.crosswalk) {
      const cwPath = roundPath(folder.round, cfg.crosswalk);
      crosswalk = loadCrosswalk(cwPath, cfg.crosswalk);
      inputs.push(fileInput(folder, 'crosswalk', cwPath));
    }
    loaded = loadPreviousResult(abs, cfg.previous, crosswalk);
    inputs.push(fileInput(folder, 'previous', abs));
    const current = [...new Set([...sets.values()].map((s) => s.ref))].sort();
    const before = loaded.criteria;
    const at = { file: cfg.crosswalk ?? cfg.previous };
    if (crosswalk) {
      if (!before.includes(crosswalk.from))
        findings.push(
          finding('ROUND_CROSSWALK_SET_MISMATCH', at, { side: 'from', declared: crosswalk.from, used: before }),
        );
      if (!current.includes(crosswalk.to))
        findings.push(
          finding('ROUND_CROSSWALK_SET_MISMATCH', at, { side: 'to', declared: crosswalk.to, used: current }),
        );
    } else if (before.some((r) => !current.includes(r)))
      findings.push(finding('ROUND_CRITERIA_CHANGED', at, { previous: before, current }));
  }
  const applied = applyPredecessors(
    loaded,
    roster.agencies.filter((a) => sets.has(a.kind)),
    cfg.merged.compare,
    cfg.merged.weights,
    cfg.roster,
  );
  findings.push(...applied.findings);
  const previous = applied.previous;
  if (table) {
    previous.table = { file: cfg.previous, rows: table.rows, matched: table.matched, ...table.comparisons };
    for (const a of roster.agencies)
      if (sets.has(a.kind) && !previous.figures.has(a.code) && previous.basis?.get(a.code)?.rule !== 'none')
        findings.push(
          finding('ROUND_PREVIOUS_AGENCY_ABSENT', { file: cfg.previous }, { agency: a.code }, { agency: a.code }),
        );
  }
  return found(previous, findings, inputs);
}

/** What scoring reads per agency: self-scoring inputs, appraised values and survey values, by agency code. */
export interface ScoringInputs {
  self: ReadonlyMap<string, ReadonlyMap<string, ItemInput>>;
  appraisal?: ReadonlyMap<string, ReadonlyMap<string, AppraisalValue>>;
  survey?: ReadonlyMap<string, ReadonlyMap<string, SurveyValue>>;
  /** An agency without a submission scores 0 (round.yaml `missingSubmission: zero`). */
  missingScoresZero?: boolean;
}

/** Every agency of the roster whose kind has a set, scored (`score/`), in roster order. */
export function scoreAgencies(
  agencies: readonly RosterAgency[],
  sets: ReadonlyMap<string, CriteriaIndex>,
  inputs: ScoringInputs,
): StepResult<AgencyScore[]> {
  // Agencies with no input at all score alike: one score per kind, shared (scores are never
  // changed once made), so a roster of 100,000 that mostly sent nothing does not hold 100,000 copies.
  const nothingSent = new Map<string, AgencyScore>();
  const scores = agencies
    .filter((a) => sets.has(a.kind))
    .map((a) => {
      const input = {
        self: inputs.self.get(a.code),
        appraisal: inputs.appraisal?.get(a.code),
        survey: inputs.survey?.get(a.code),
      };
      const blank = input.self === undefined && input.appraisal === undefined && input.survey === undefined;
      const shared = blank ? nothingSent.get(a.kind) : undefined;
      if (shared) return { ...shared, agency: a };
      const score = scoreAgency({
        agency: a,
        criteria: sets.get(a.kind)!,
        ...input,
        missingScoresZero: inputs.missingScoresZero === true,
      });
      if (blank) nothingSent.set(a.kind, score);
      return score;
    });
  return found(scores);
}

/** The scores ranked in their groups (`rank/`), by the rules of each group's criteria set, with last year's places. */
export function rankAgencies(
  scores: readonly AgencyScore[],
  agencies: readonly RosterAgency[],
  sets: ReadonlyMap<string, CriteriaIndex>,
  previous: LoadedPrevious | undefined,
): StepResult<Ranking> {
  const kindOfGroup = new Map<string, string>();
  for (const a of agencies) if (!kindOfGroup.has(a.group)) kindOfGroup.set(a.group, a.kind);
  return found(rankScores(scores, (group) => sets.get(kindOfGroup.get(group)!)!.set, previous?.ranking));
}

/** result.json from the steps' values (`result/`), with every input the steps read and every finding. */
export function buildResult(parts: Parameters<typeof buildRoundResult>[0]): StepResult<RoundResult> {
  return found(buildRoundResult(parts));
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

/**
 * Alternative field maxima, for the sensitivity of ranks: from `override` (an absolute path, the
 * command line's `--weights-alt`) when given, else from the file round.yaml names (`weightsAlt`).
 */
export function readWeightsAlt(
  folder: RoundFolder,
  sets: ReadonlyMap<string, CriteriaIndex>,
  override?: string,
): StepResult<{ file: string; maxima: Map<string, Rational> } | undefined> {
  const declared = folder.config.weightsAlt;
  if (!override && !declared) return found(undefined);
  const abs = override ?? roundPath(folder.round, declared!);
  const rel = override ? shown(folder, abs) : declared!;
  const inputs = [fileInput(folder, 'weights', abs)];
  const bad = (message: string): StepResult<undefined> =>
    found(undefined, [finding('ROUND_WEIGHTS_ALT_INVALID', { file: rel }, { message })], inputs);
  let data: unknown;
  try {
    data = readDataFile(abs, rel, 1024 * 1024).data;
  } catch (e) {
    return bad(e instanceof DataFileError ? e.text.en : String(e));
  }
  const parsed = WeightsAlt.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return bad(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const fields = new Set([...sets.values()].flatMap((s) => s.set.fields.map((f) => f.code)));
  const maxima = new Map<string, Rational>();
  for (const [code, max] of Object.entries(parsed.data.maxima)) {
    if (!fields.has(code)) return bad(`maxima.${code}: no such field`);
    maxima.set(code, Rational.fromNumber(max));
  }
  return found({ file: rel, maxima }, [], inputs);
}

const WeightsAlt = z.strictObject({
  name: z.string().optional(),
  maxima: z.record(z.string().min(1), z.number().positive()),
});

/**
 * How sure the ranks are: each agency's index interval from the Wilson intervals of its sampled
 * survey shares (`score/interval.ts`), the best and worst rank those allow in its group, the runs of
 * ranks within each other's intervals, and the ranks under alternative field maxima when given.
 */
export function assessUncertainty(
  scores: readonly AgencyScore[],
  ranking: Ranking,
  sets: ReadonlyMap<string, CriteriaIndex>,
  weightsAlt: { file: string; maxima: Map<string, Rational> } | undefined,
): StepResult<Uncertainty | undefined> {
  const byCode = new Map(scores.map((s) => [s.agency.code, s]));
  const u: Uncertainty = {
    intervals: new Map(),
    alternatives: new Map(),
    overlaps: new Map(),
    info: {
      method:
        'Wilson score interval (95%, z = 1.959964) for each survey share from its count of valid answers, ' +
        'bounds rounded outward to 6 decimals; index interval with every such share at its lower, then upper ' +
        'bound (conservative); rank interval: best = 1 + others whose lower bound is above this upper bound, ' +
        'worst = 1 + others whose upper bound is above this lower bound.',
      confidence: 0.95,
      ...(weightsAlt
        ? {
            weightsAlt: {
              file: weightsAlt.file,
              maxima: Object.fromEntries([...weightsAlt.maxima].map(([k, v]) => [k, v.toNumber()])),
            },
          }
        : {}),
    },
  };
  for (const g of ranking.groups) {
    const spreads: IndexSpread[] = [];
    const bounds = new Map<string, IndexInterval>();
    for (const a of g.agencies) {
      const s = byCode.get(a.code)!;
      const iv = indexInterval(s, sets.get(s.agency.kind)!.set);
      if (iv) bounds.set(a.code, iv);
      spreads.push({ code: a.code, index: a.index, ...(iv ? { lower: iv.lower, upper: iv.upper } : {}) });
    }
    if (bounds.size > 0) {
      const ranks = new Map(rankIntervals(spreads).map((r) => [r.code, r]));
      for (const [code, iv] of bounds) {
        const r = ranks.get(code)!;
        u.intervals.set(code, { ...iv, best: r.best, worst: r.worst });
      }
      const notes = overlappingRuns(g.agencies, ranks);
      if (notes.length > 0) u.overlaps.set(g.group, notes);
    }
    if (weightsAlt) {
      const rows = g.agencies.map((a) => {
        const s = byCode.get(a.code)!;
        const alt = indexWithMaxima(s, sets.get(s.agency.kind)!.set, weightsAlt.maxima) ?? a.index;
        return { code: a.code, rank: a.rank, index: a.index, alternative: alt };
      });
      for (const w of weightShifts(rows))
        u.alternatives.set(w.code, { index: w.alternativeIndex, rank: w.alternativeRank, shift: w.shift });
    }
  }
  const any = u.intervals.size > 0 || u.alternatives.size > 0;
  return found(any ? u : undefined);
}
