/**
 * A round's SIPAS on its own (`parindex sipas --round <dir>`): round.yaml's questionnaire, answer files,
 * respondent weights and roster in; the SIPAS result out, compared with last year's SIPAS when
 * round.yaml names it (`survey.sipas.previous`) or the caller gives another file, merged units by the
 * round's `merged` rule and the roster's predecessors.
 */
import { InputError } from '../findings/errors.js';
import { hasErrors, type Finding } from '../findings/finding.js';
import { loadQuestionnaire, type QuestionnaireIndex } from '../criteria/questionnaire.js';
import type { ReadOptions } from '../load/index.js';
import type { SipasResult } from '../result/sipas.js';
import { isCriteriaRef, loadRoundConfig, roundPath } from '../round/config.js';
import { readRoster } from '../round/roster.js';
import { runSipas } from './run-sipas.js';
import { compareSipasWithPrevious } from './sipas-previous.js';

export interface RoundSipasOptions {
  read?: ReadOptions;
  /** Last year's SIPAS file (path as given, and how to show it), in place of round.yaml's. */
  previous?: { path: string; display: string };
  /** The merger rule, in place of round.yaml's `merged.compare`. */
  merged?: 'none' | 'mean' | 'weighted';
  onRows?: (rows: number) => void;
}

export interface RoundSipas {
  result: SipasResult;
  questionnaire: QuestionnaireIndex;
  /** The round's answer files and last year's file, which an output must never replace. */
  inputs: string[];
}

/**
 * Runs the SIPAS part of the round in `dir`. Throws `InputError` (exit 2) when the round has none or
 * cannot be read.
 */
export async function runRoundSipas(dir: string, opts: RoundSipasOptions = {}): Promise<RoundSipas> {
  const round = loadRoundConfig(dir);
  const cfg = round.config;
  if (!cfg || hasErrors(round.findings)) {
    const first = round.findings[0];
    throw new InputError({
      vi: `${round.file}: không đọc được round.yaml${first ? ` (${first.code})` : ''}; chạy parindex score để xem lỗi.`,
      en:
        `${round.file}: cannot read round.yaml${first ? ` (${first.code})` : ''}; ` +
        'run parindex score for the findings.',
    });
  }
  const sp = cfg.survey.sipas;
  if (!sp)
    throw new InputError({
      vi: `${round.file}: không khai báo survey.sipas (bộ câu hỏi và tệp trả lời).`,
      en: `${round.file}: declares no survey.sipas (questionnaire and answer files).`,
    });
  const extraDirs = cfg.criteriaDir ? [roundPath(round, cfg.criteriaDir)] : [];
  const questionnaire = loadQuestionnaire(
    isCriteriaRef(sp.questionnaire) ? sp.questionnaire : roundPath(round, sp.questionnaire),
    extraDirs,
  );
  const roster = await readRoster(roundPath(round, cfg.roster), cfg.roster, Object.keys(cfg.criteria), opts.read);
  const files = sp.answers.map((rel) => ({ path: roundPath(round, rel), display: rel }));
  let result = await runSipas(files, {
    questionnaire,
    roster: new Map(roster.agencies.map((a) => [a.code, a.name])),
    // Ranked per block, as in the round's own SIPAS.
    unitGroups: new Map(roster.agencies.map((a) => [a.code, a.group])),
    groupTitles: new Map((cfg.groups ?? []).map((g) => [g.id, g.title])),
    ...(opts.read ? { read: opts.read } : {}),
    ...(sp.weights !== undefined ? { weights: sp.weights } : {}),
    ...(opts.onRows ? { onRows: opts.onRows } : {}),
  });
  const previous =
    opts.previous ?? (sp.previous ? { path: roundPath(round, sp.previous), display: sp.previous } : undefined);
  if (previous)
    result = await compareSipasWithPrevious(result, questionnaire, {
      ...previous,
      predecessors: new Map(roster.agencies.filter((a) => a.predecessors).map((a) => [a.code, a.predecessors!])),
      predecessorsFile: cfg.roster,
      merged: { compare: opts.merged ?? cfg.merged.compare, weights: cfg.merged.weights },
      ...(opts.read ? { read: opts.read } : {}),
    });
  const early: Finding[] = roster.findings;
  result.findings.unshift(...early);
  for (const f of early) result.counts[f.code] = (result.counts[f.code] ?? 0) + 1;
  return {
    result,
    questionnaire,
    inputs: [...files.map((f) => f.path), roundPath(round, cfg.roster), ...(previous ? [previous.path] : [])],
  };
}
