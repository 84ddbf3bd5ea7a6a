/**
 * Worker threads for validation: each worker reads, maps and checks whole files (the CPU-bound
 * part) and sends back only the compact result (submission and findings, never the grid); this
 * thread assembles the reports strictly in file order, so the output is the same as with one
 * thread. Used only from the built package (the worker is dist/pipeline/worker.js).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Rational } from '../core/rational.js';
import { DEFAULT_READ_OPTIONS } from '../load/index.js';
import { remember } from '../core/memo.js';
import type { FileWork, ValidateOptions, WorkerSetup } from './check-file.js';
import type { InputFileRef } from '../validate/types.js';
import type { CellLocation } from '../validate/submission.js';

export interface Pool {
  run(files: readonly InputFileRef[], assemble: (work: FileWork) => void): Promise<void>;
  close(): Promise<void>;
}

const WORKER = new URL('./worker.js', import.meta.url);
/** Files in flight per worker: one being checked, one waiting, so a worker never idles on a round trip. */
const IN_FLIGHT = 2;

/** Starts `opts.workers` workers, or returns undefined when the worker script is not there (tests on the sources). */
export async function startPool(opts: ValidateOptions): Promise<Pool | undefined> {
  if (!existsSync(fileURLToPath(WORKER))) return undefined;
  const setup: WorkerSetup = { read: opts.read ?? DEFAULT_READ_OPTIONS, submissions: opts.submissions !== false };
  if (opts.expected) setup.expected = opts.expected;
  if (opts.sets) setup.sets = opts.sets;
  if (opts.resolveNamed) setup.resolveNamed = true;
  if (opts.roster) setup.roster = opts.roster;
  if (opts.kind !== undefined) setup.kind = opts.kind;
  if (opts.year !== undefined) setup.year = opts.year;
  const workers = Array.from({ length: opts.workers! }, () => new Worker(WORKER, { workerData: setup }));
  const shared = sharedStrings();
  return {
    run: (files, assemble) =>
      new Promise<void>((resolve, reject) => {
        const results = new Map<number, FileWork>();
        let next = 0;
        let assembled = 0;
        const send = (w: Worker): void => {
          if (next < files.length) {
            w.postMessage({ i: next, ref: files[next] });
            next++;
          }
        };
        const fail = (e: unknown): void => reject(e instanceof Error ? e : new Error(String(e)));
        for (const w of workers) {
          w.on('message', (m: { i: number; work?: FileWork; error?: string }) => {
            if (m.error !== undefined) return fail(new Error(m.error));
            results.set(m.i, revive(m.work!, shared));
            try {
              while (results.has(assembled)) {
                const work = results.get(assembled)!;
                results.delete(assembled);
                assembled++;
                assemble(work);
              }
            } catch (e) {
              return fail(e);
            }
            if (assembled === files.length) resolve();
            else send(w);
          });
          w.on('error', fail);
          w.on('exit', (code) => {
            if (assembled < files.length) fail(new Error(`validation worker exited with code ${code}`));
          });
        }
        if (files.length === 0) return resolve();
        for (let k = 0; k < IN_FLIGHT; k++) for (const w of workers) send(w);
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

const itself = (s: string): string => s;

/** Strings that recur in every workbook (sheet names, cell addresses, item codes), one copy each, for one pool. */
function sharedStrings(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => remember(seen, s, itself, 50_000);
}

/**
 * Exact numbers lose their class on the way between threads; give it back. A copy of each string
 * also arrives for every cell location (the file's name, the sheet's, the address: a hundred
 * times per workbook): they are made one again, which for thousands of workbooks is tens of MB.
 */
function revive(work: FileWork, shared: (s: string) => string): FileWork {
  const one = (loc: CellLocation & { file?: string }): void => {
    if (loc.file !== undefined && loc.file === work.file) loc.file = work.file;
    if (loc.sheet !== undefined) loc.sheet = shared(loc.sheet);
    if (loc.cell !== undefined) loc.cell = shared(loc.cell);
  };
  for (const c of work.checked)
    for (const item of c.submission?.items ?? []) {
      for (const k of ['points', 'numerator', 'denominator', 'percent'] as const) {
        const v = item[k] as unknown as { n: bigint; d: bigint } | undefined;
        if (v !== undefined) item[k] = Rational.revive(v);
      }
      item.code = shared(item.code);
      one(item.location);
      for (const loc of Object.values(item.cells)) one(loc);
    }
  return work;
}

/**
 * How many workers to use for `files` files when the user did not say: none for a few files
 * (starting a worker costs about what checking 20 files does), else one per core, at most 8.
 */
export function autoWorkers(files: number, cores = availableParallelism()): number {
  if (files < 40 || cores < 2) return 0;
  return Math.min(cores, 8);
}
