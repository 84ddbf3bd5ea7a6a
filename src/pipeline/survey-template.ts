/**
 * The survey-points workbook of a round: a round folder comes in, the xlsx buffer goes out. Only
 * round.yaml, the criteria sets, the roster and the survey points tables that exist are read (no
 * submissions): the workbook is one row per agency × survey item, carrying the figures those tables
 * already hold, so it can be made again (a roster changed) without losing them.
 */
import { existsSync } from 'node:fs';
import type { Finding } from '../findings/finding.js';
import { readSurveyPoints } from '../round/tables.js';
import type { SurveyValue } from '../score/types.js';
import { loadQuestionnaire } from '../criteria/questionnaire.js';
import { isCriteriaRef, roundPath, type LoadedRound, type RoundConfig } from '../round/config.js';
import type { Lang } from '../messages/types.js';
import { surveyWorkbook } from '../report/survey-template.js';
import { loadCriteria, readRoster, readRound, type RoundFolder, type RunOptions } from './steps.js';

/**
 * Writes the workbook, or gives the findings that kept round.yaml or the roster from being read.
 * `notes`: what reading the existing tables found (their bad values are not carried over).
 */
export async function makeSurveyTemplate(
  dirOrFile: string,
  lang: Lang,
  opts: RunOptions = {},
): Promise<{ workbook?: Buffer; findings: Finding[]; notes: Finding[] }> {
  const round = readRound(dirOrFile, opts.cwd);
  const folder = round.folder ?? withWorkbookToCome(round.value, round.findings, opts.cwd);
  if (!folder) return { findings: round.findings, notes: [] };
  const sets = loadCriteria(folder).value;
  const roster = await readRoster(folder, sets, opts);
  const findings = [...round.findings.filter((f) => !toCome(folder.config, f)), ...roster.findings];
  // The figures the round's tables already hold, the first table's first (as `score` takes them).
  const filled = new Map<string, Map<string, SurveyValue>>();
  const notes: Finding[] = [];
  for (const rel of folder.config.survey.points) {
    const abs = roundPath(folder.round, rel);
    if (!existsSync(abs)) continue;
    const r = await readSurveyPoints(abs, rel, { setOf: roster.value.setOf }, opts.read);
    notes.push(...r.findings);
    for (const [agency, items] of r.value) {
      const m = filled.get(agency) ?? new Map<string, SurveyValue>();
      for (const [item, v] of items) if (!m.has(item)) m.set(item, v);
      filled.set(agency, m);
    }
  }
  // The measures the round's SIPAS questionnaire gives (an item left empty takes its share from them).
  const sp = folder.config.survey.sipas;
  const target = sp && (isCriteriaRef(sp.questionnaire) ? sp.questionnaire : roundPath(folder.round, sp.questionnaire));
  const sipasMeasures = target ? new Set(loadQuestionnaire(target, folder.extraDirs).measures) : undefined;
  const src = {
    config: folder.config,
    roster: roster.value.agencies,
    sets,
    filled,
    ...(sipasMeasures ? { sipasMeasures } : {}),
  };
  return { workbook: await surveyWorkbook(src, lang), findings, notes };
}

/** A missing file that survey.points names: the workbook this command is about to write. */
function toCome(cfg: RoundConfig, f: Finding): boolean {
  return f.code === 'ROUND_PATH_MISSING' && cfg.survey.points.includes(f.args.path);
}

/**
 * The round's folder when round.yaml's only errors are survey points files that do not exist yet
 * (round.yaml may name the workbook before it is written); undefined otherwise.
 */
function withWorkbookToCome(round: LoadedRound, findings: readonly Finding[], cwd?: string): RoundFolder | undefined {
  const cfg = round.config;
  if (!cfg || findings.some((f) => f.severity === 'error' && !toCome(cfg, f))) return undefined;
  return {
    round,
    config: cfg,
    extraDirs: cfg.criteriaDir ? [roundPath(round, cfg.criteriaDir)] : [],
    ...(cwd !== undefined ? { cwd } : {}),
  };
}
