/**
 * The survey-points workbook of a round: a round folder comes in, the xlsx buffer goes out. Only
 * round.yaml, the criteria sets and the roster are read (no submissions): the workbook is one row per
 * agency × survey item.
 */
import type { Finding } from '../findings/finding.js';
import { roundPath, type LoadedRound, type RoundConfig } from '../round/config.js';
import type { Lang } from '../messages/types.js';
import { surveyWorkbook } from '../report/survey-template.js';
import { loadCriteria, readRoster, readRound, type RoundFolder, type RunOptions } from './steps.js';

/** Writes the workbook, or gives the findings that kept round.yaml or the roster from being read. */
export async function makeSurveyTemplate(
  dirOrFile: string,
  lang: Lang,
  opts: RunOptions = {},
): Promise<{ workbook?: Buffer; findings: Finding[] }> {
  const round = readRound(dirOrFile, opts.cwd);
  const folder = round.folder ?? withWorkbookToCome(round.value, round.findings, opts.cwd);
  if (!folder) return { findings: round.findings };
  const sets = loadCriteria(folder).value;
  const roster = await readRoster(folder, sets, opts);
  const findings = [...round.findings.filter((f) => !toCome(folder.config, f)), ...roster.findings];
  const workbook = await surveyWorkbook({ config: folder.config, roster: roster.value.agencies, sets }, lang);
  return { workbook, findings };
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
