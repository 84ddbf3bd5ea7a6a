/**
 * Publication (công khai): a scored round frozen in a folder. `publishRound` scores the round and
 * writes its result and reports with a manifest (every input and output with its SHA-256, the
 * criteria and questionnaire id@version, the tool version and the publication date the user
 * gives); `verifyPublication` checks a folder against its manifest and, given the round, rescores
 * it and names every input and output that differs. Deterministic: no clock is read.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/fs.js';
import { finding, hasErrors, type Finding } from '../findings/finding.js';
import type { Lang } from '../messages/types.js';
import { renderReport, type ReportFormat } from '../report/write-report.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { InputFile, type RoundResult } from '../result/schema.js';
import { runRound, type RoundRun, type RunOptions } from './run-round.js';

/** The files a publication holds, and the format each is rendered in. */
export const PUBLISHED_FILES: readonly { file: string; format: ReportFormat }[] = [
  { file: 'ket-qua.json', format: 'json' },
  { file: 'bao-cao.xlsx', format: 'xlsx' },
  { file: 'bao-cao.html', format: 'html' },
  { file: 'ket-qua.csv', format: 'csv' },
];

export const MANIFEST = 'manifest.json';

const Sha = z.string().regex(/^[0-9a-f]{64}$/);

export const Manifest = z
  .strictObject({
    format: z.literal('parindex-publication'),
    formatVersion: z.literal(1),
    published: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('Publication date given by the user (ISO).'),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    round: z.strictObject({ name: z.string(), year: z.number().int(), date: z.string() }),
    lang: z.enum(['vi', 'en']).describe('Language the reports were written in.'),
    criteria: z.array(z.string()).describe('Criteria sets used, id@version.'),
    questionnaires: z
      .array(z.string())
      .describe('SIPAS questionnaires used (id@version, or the round path of a local file).'),
    inputs: z.array(InputFile).describe('Every input of the round, as in the result.'),
    outputs: z.array(z.strictObject({ file: z.string(), sha256: Sha, bytes: z.number().int() })),
  })
  .describe('manifest.json of a publication made by parindex publish.');
export type Manifest = z.infer<typeof Manifest>;

export interface PublishOptions extends Pick<RunOptions, 'onProgress' | 'workers' | 'read' | 'cwd'> {
  /** Publication date (ISO), given by the user; never the clock. */
  date: string;
  lang: Lang;
}

export interface Published {
  run: RoundRun;
  /** Undefined when the round could not be scored (errors): nothing is written. */
  manifest?: Manifest;
  /** Paths written, the manifest last. */
  written: string[];
}

/** Scores the round and writes the publication into `out` (created when missing). */
export async function publishRound(dir: string, out: string, opts: PublishOptions): Promise<Published> {
  const { date: _date, lang: _lang, ...runOpts } = opts;
  const run = await runRound(dir, runOpts);
  if (!run.result) return { run, written: [] };
  const rendered = await renderPublished(run.result, opts.lang);
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const r of rendered) {
    const path = join(out, r.file);
    await writeFileAtomic(path, r.bytes);
    written.push(path);
  }
  const manifest = manifestOf(run.result, rendered, opts);
  const path = join(out, MANIFEST);
  await writeFileAtomic(path, JSON.stringify(manifest, null, 2) + '\n');
  written.push(path);
  return { run, manifest, written };
}

/** The published files' bytes for a result. */
async function renderPublished(result: RoundResult, lang: Lang): Promise<{ file: string; bytes: Buffer }[]> {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const { file, format } of PUBLISHED_FILES) {
    const r = await renderReport(result, format, { lang });
    out.push({ file, bytes: typeof r === 'string' ? Buffer.from(r, 'utf8') : r });
  }
  return out;
}

function manifestOf(result: RoundResult, rendered: { file: string; bytes: Buffer }[], opts: PublishOptions): Manifest {
  return {
    format: 'parindex-publication',
    formatVersion: 1,
    published: opts.date,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    round: result.round,
    lang: opts.lang,
    criteria: result.criteria.map((c) => c.ref),
    questionnaires: result.inputs.filter((i) => i.role === 'questionnaire').map((i) => i.file),
    inputs: result.inputs,
    outputs: rendered.map((r) => ({ file: r.file, sha256: sha256(r.bytes), bytes: r.bytes.length })),
  };
}

export interface Verified {
  manifest?: Manifest;
  /** Every difference found; empty when the publication stands. */
  findings: Finding[];
  /** What was compared. */
  checked: { outputs: number; inputs: number; rescored: boolean };
  /** Findings of rescoring the round (its own input problems), when a round was given. */
  roundFindings: Finding[];
}

/**
 * Checks the folder's outputs against its manifest; with `round`, rescores the round from its
 * current files and compares every input and every re-rendered output with the manifest.
 */
export async function verifyPublication(
  folder: string,
  opts: { round?: string } & Pick<RunOptions, 'workers' | 'read' | 'cwd'> = {},
): Promise<Verified> {
  const findings: Finding[] = [];
  const checked = { outputs: 0, inputs: 0, rescored: false };
  const at = { file: join(folder, MANIFEST) };
  let manifest: Manifest | undefined;
  try {
    const parsed = Manifest.safeParse(JSON.parse(readFileSync(at.file, 'utf8')));
    if (parsed.success) manifest = parsed.data;
    else
      findings.push(
        finding('PUBLISH_MANIFEST_BAD', at, {
          reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        }),
      );
  } catch (e) {
    findings.push(
      finding('PUBLISH_MANIFEST_BAD', at, {
        reason: existsSync(at.file) ? (e as Error).message : `${MANIFEST} not found`,
      }),
    );
  }
  if (!manifest) return { findings, checked, roundFindings: [] };
  for (const o of manifest.outputs) {
    checked.outputs++;
    const path = join(folder, o.file);
    if (!existsSync(path)) {
      findings.push(finding('PUBLISH_OUTPUT_CHANGED', { file: o.file }, { file: o.file, expected: o.sha256 }));
      continue;
    }
    const found = sha256(readFileSync(path));
    if (found !== o.sha256)
      findings.push(finding('PUBLISH_OUTPUT_CHANGED', { file: o.file }, { file: o.file, expected: o.sha256, found }));
  }
  if (!opts.round) return { manifest, findings, checked, roundFindings: [] };

  const { round, ...runOpts } = opts;
  const run = await runRound(resolve(round), { ...runOpts, allowIncomplete: true });
  const key = (i: { role: string; file: string }): string => `${i.role}\u0000${i.file}`;
  // A criteria set used for two agency kinds is listed twice: compare lists, not sets.
  const now = new Map<string, { role: string; file: string; sha256: string }[]>();
  for (const i of run.result?.inputs ?? []) now.set(key(i), [...(now.get(key(i)) ?? []), i]);
  for (const i of manifest.inputs) {
    checked.inputs++;
    const cur = now.get(key(i))?.shift();
    if (!cur)
      findings.push(
        finding('PUBLISH_INPUT_CHANGED', { file: i.file }, { file: i.file, role: i.role, expected: i.sha256 }),
      );
    else if (cur.sha256 !== i.sha256)
      findings.push(
        finding(
          'PUBLISH_INPUT_CHANGED',
          { file: i.file },
          { file: i.file, role: i.role, expected: i.sha256, found: cur.sha256 },
        ),
      );
  }
  for (const i of [...now.values()].flat())
    findings.push(finding('PUBLISH_INPUT_CHANGED', { file: i.file }, { file: i.file, role: i.role, found: i.sha256 }));
  if (run.result) {
    checked.rescored = true;
    const rendered = new Map((await renderPublished(run.result, manifest.lang)).map((r) => [r.file, sha256(r.bytes)]));
    for (const o of manifest.outputs) {
      const found = rendered.get(o.file);
      if (found !== undefined && found !== o.sha256)
        findings.push(
          finding('PUBLISH_RESCORE_DIFFERS', { file: o.file }, { file: o.file, expected: o.sha256, found }),
        );
    }
  }
  return { manifest, findings, checked, roundFindings: run.findings.filter((f) => hasErrors([f])) };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
