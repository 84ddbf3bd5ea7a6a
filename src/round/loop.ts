/**
 * The appraisal loop of a round: its stages' files in (appraisal rounds and the agencies'
 * explanations, in the order round.yaml gives), out: the merged appraisal, each item's path
 * through the loop (file and cell of every step), late rows and the findings at their cells.
 */
import { relative, sep } from 'node:path';
import type { CriteriaIndex } from '../criteria/tree.js';
import { finding, type Finding } from '../findings/finding.js';
import type { Rational } from '../core/rational.js';
import { mergeAppraisals, type AppraisalLine, type MergedAppraisal } from './appraisal.js';
import { roundPath, type LoadedRound } from './config.js';
import { checkExplanations, readExplanationFile, type ExplanationLine } from './explanation.js';
import type { HistoryStep, Num } from '../result/schema.js';
import { DEFAULT_READ_OPTIONS, type ReadOptions } from '../load/index.js';
import { loopStages, stageFiles, type LoopStage } from './stages.js';
import { readAppraisalFile } from './tables.js';

export interface LoopContext {
  setOf: (agency: string) => CriteriaIndex | undefined;
  selfPoints: (agency: string, item: string) => Rational | undefined;
  num: (agency: string, r: Rational) => Num;
}

/** What the loop gives the rest of the round. */
export interface LoopResult {
  stages: LoopStage[];
  appraisal: MergedAppraisal;
  /** Per agency and item, the steps after self-scoring (appraisal changes and explanations), in order. */
  steps: Map<string, Map<string, HistoryStep[]>>;
  /** Every file read, with its role and SHA-256, as shown to users. */
  inputs: { role: 'appraisal' | 'explanation'; file: string; sha256: string }[];
  findings: Finding[];
}

/** Reads every stage's files and merges them (see `mergeAppraisals`, `checkExplanations`). */
export async function readLoop(
  round: LoadedRound,
  ctx: LoopContext,
  read: ReadOptions = DEFAULT_READ_OPTIONS,
): Promise<LoopResult> {
  const stages = loopStages(round.config!);
  const findings: Finding[] = [];
  const inputs: LoopResult['inputs'] = [];
  const show = (abs: string): string => relative(round.dir, abs).split(sep).join('/');
  const appraisalFiles: AppraisalLine[][] = [];
  const orders: number[] = [];
  const explanations: { stage: LoopStage; files: ExplanationLine[][] }[] = [];
  for (const stage of stages) {
    const files = stage.paths.flatMap((p) => stageFiles(round.dir, p));
    const replies: ExplanationLine[][] = [];
    for (const rel of files) {
      const abs = roundPath(round, rel);
      const r =
        stage.kind === 'appraisal'
          ? await readAppraisalFile(abs, rel, read)
          : await readExplanationFile(abs, rel, read);
      if (r.sha256) inputs.push({ role: stage.kind, file: show(abs), sha256: r.sha256 });
      findings.push(...r.findings);
      findings.push(...lateRows(stage, r.value));
      if (stage.kind === 'appraisal') {
        appraisalFiles.push(r.value as AppraisalLine[]);
        orders.push(stage.number);
      } else replies.push(r.value as ExplanationLine[]);
    }
    if (stage.kind === 'explanation') explanations.push({ stage, files: replies });
  }
  const appraisal = mergeAppraisals(appraisalFiles, ctx, orders);
  findings.push(...appraisal.findings);

  const steps = new Map<string, Map<string, HistoryStep[]>>();
  const add = (agency: string, item: string, s: HistoryStep): void => {
    const byItem = steps.get(agency) ?? new Map<string, HistoryStep[]>();
    steps.set(agency, byItem);
    byItem.set(item, [...(byItem.get(item) ?? []), s]);
  };
  const adjustedBy = new Map<string, number>();
  for (const c of appraisal.changes) {
    const key = `${c.agency}\u0000${c.item}`;
    adjustedBy.set(key, Math.min(adjustedBy.get(key) ?? c.order, c.order));
  }
  const lineOf = new Map<string, AppraisalLine>();
  for (const l of appraisalFiles.flat()) lineOf.set(`${l.file}\u0000${l.cell}`, l);
  const deadlineOf = new Map(stages.filter((s) => s.kind === 'appraisal').map((s) => [s.number, s.deadline]));
  const answers: { round: number; agency: string; item: string; step: HistoryStep }[] = [];
  for (const c of appraisal.changes) {
    const l = lineOf.get(`${c.file}\u0000${c.cell ?? ''}`);
    const step: HistoryStep = { step: 'appraisal', round: c.order, points: c.to, reason: c.reason, file: c.file };
    if (c.cell) step.cell = c.cell;
    if (l?.date) {
      step.date = l.date;
      const deadline = deadlineOf.get(c.order);
      if (deadline && l.date > deadline) step.late = true;
    }
    answers.push({ round: c.order * 2, agency: c.agency, item: c.item, step });
  }
  for (const { stage, files } of explanations) {
    const checked = checkExplanations(files, stage.number, {
      setOf: ctx.setOf,
      adjusted: (agency, item, round) => (adjustedBy.get(`${agency}\u0000${item}`) ?? Infinity) <= round,
    });
    findings.push(...checked.findings);
    for (const l of checked.lines) {
      const step: HistoryStep = { step: 'explanation', round: stage.number, file: l.file, cell: l.cell };
      if (l.reply) step.reply = l.reply;
      if (l.evidence) step.evidence = l.evidence;
      if (l.date) step.date = l.date;
      if (l.date && stage.deadline && l.date > stage.deadline) step.late = true;
      answers.push({ round: stage.number * 2 + 1, agency: l.agency, item: l.item, step });
    }
  }
  // Appraisal round k sorts as 2k, the explanations answering it as 2k + 1.
  answers.sort((a, b) => a.round - b.round);
  for (const a of answers) add(a.agency, a.item, a.step);
  return { stages, appraisal, steps, inputs, findings };
}

/** Rows dated after their stage's deadline: a finding at the date cell, naming agency and item. */
function lateRows(stage: LoopStage, lines: readonly (AppraisalLine | ExplanationLine)[]): Finding[] {
  const deadline = stage.deadline;
  if (!deadline) return [];
  return lines
    .filter((l) => l.date !== undefined && l.date > deadline)
    .map((l) =>
      finding(
        'ROUND_STAGE_LATE',
        { file: l.file, sheet: l.sheet, row: l.row, ...(l.dateCell ? { cell: l.dateCell } : {}) },
        { stage: stage.kind, number: stage.number, agency: l.agency, item: l.item, date: l.date!, deadline },
        { agency: l.agency, criterion: l.item },
      ),
    );
}
