/**
 * The appraisal loop as round.yaml declares it: `stages` (appraisal, explanation, appraisal
 * again…, each with an optional deadline) or the older `appraisal` list (each file a round of
 * appraisal). Comes in: the round config; goes out: the stages in order, numbered.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { finding, type Finding } from '../findings/finding.js';

/**
 * The part of round.yaml that declares the loop (config.ts checks it with `stageFindings`, so it is not
 * imported here).
 */
export interface LoopConfig {
  appraisal: readonly string[];
  stages?:
    | readonly {
        appraisal?: readonly string[] | undefined;
        explanation?: readonly string[] | undefined;
        deadline?: string | undefined;
      }[]
    | undefined;
}

/** One step of the loop after self-scoring. */
export interface LoopStage {
  kind: 'appraisal' | 'explanation';
  /**
   * For an appraisal stage, its round (1 for the first appraisal, 2 for the next); for an
   * explanation stage, the appraisal round it answers (the number of appraisal rounds before it).
   */
  number: number;
  /** Paths as round.yaml gives them (files or folders), relative to the round folder. */
  paths: string[];
  /** Last day (ISO), when declared. */
  deadline?: string;
}

/** The loop's stages in order. */
export function loopStages(cfg: LoopConfig): LoopStage[] {
  if (!cfg.stages) return cfg.appraisal.map((rel, i) => ({ kind: 'appraisal', number: i + 1, paths: [rel] }));
  const out: LoopStage[] = [];
  let rounds = 0;
  for (const s of cfg.stages) {
    const kind = s.appraisal ? 'appraisal' : 'explanation';
    if (kind === 'appraisal') rounds++;
    const stage: LoopStage = { kind, number: rounds, paths: [...(s.appraisal ?? s.explanation ?? [])] };
    if (s.deadline) stage.deadline = s.deadline;
    out.push(stage);
  }
  return out;
}

/** Rules over the declared stages: each has one kind, and `stages` replaces `appraisal`. */
export function stageFindings(cfg: LoopConfig, file: string, at: (path: string) => { line?: number }): Finding[] {
  const out: Finding[] = [];
  if (!cfg.stages) return out;
  if (cfg.appraisal.length > 0)
    out.push(finding('ROUND_STAGES_AND_APPRAISAL', { file, path: 'stages', ...at('stages') }, {}));
  cfg.stages.forEach((s, i) => {
    if ((s.appraisal === undefined) === (s.explanation === undefined))
      out.push(finding('ROUND_STAGE_KIND', { file, path: `stages.${i}`, ...at(`stages.${i}`) }, { index: i + 1 }));
  });
  return out;
}

/**
 * The files a stage path stands for: the file itself, or a folder's workbooks and CSV files
 * (one per agency) by name; Excel's lock files (`~$…`) and hidden files are left out.
 */
export function stageFiles(dir: string, rel: string): string[] {
  const abs = join(dir, normalize(rel));
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs)
    .filter((n) => /\.(xlsx|xlsm|csv)$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
    .sort()
    .map((n) => `${rel.replace(/\/+$/, '')}/${n}`);
}
