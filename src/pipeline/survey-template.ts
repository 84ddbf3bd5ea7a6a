/**
 * The survey-points workbook of a round: a round folder comes in, the xlsx buffer goes out. Only
 * round.yaml, the criteria sets and the roster are read (no submissions): the workbook is one row per
 * agency × survey item.
 */
import type { Finding } from '../findings/finding.js';
import type { Lang } from '../messages/types.js';
import { surveyWorkbook } from '../report/survey-template.js';
import { loadCriteria, readRoster, readRound, type RunOptions } from './steps.js';

/** Writes the workbook, or gives the findings that kept round.yaml or the roster from being read. */
export async function makeSurveyTemplate(
  dirOrFile: string,
  lang: Lang,
  opts: RunOptions = {},
): Promise<{ workbook?: Buffer; findings: Finding[] }> {
  const round = readRound(dirOrFile, opts.cwd);
  const folder = round.folder;
  if (!folder) return { findings: round.findings };
  const sets = loadCriteria(folder).value;
  const roster = await readRoster(folder, sets, opts);
  const findings = [...round.findings, ...roster.findings];
  const workbook = await surveyWorkbook({ config: folder.config, roster: roster.value.agencies, sets }, lang);
  return { workbook, findings };
}
