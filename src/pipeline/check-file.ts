/**
 * Checking one self-scoring file: a path in; the file read, mapped, checked (validate/) and its
 * self-scores checked against the rules (score/); its findings and submissions out. Runs in a
 * worker thread (worker.ts) or in this one (check-files.ts).
 */
import type { Finding } from '../findings/finding.js';
import { readGrid, type ReadOptions } from '../load/index.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { checkSelfScores } from '../score/check-self.js';
import { checkSubmission, type CheckContext } from '../validate/check.js';
import { mapGrid } from '../validate/map.js';
import type { Submission } from '../validate/submission.js';
import type { InputFileRef } from '../validate/types.js';
import { loadCriteriaSet } from '../criteria/load.js';

export interface ValidateOptions extends CheckContext {
  /** How files are read (limits, workbook reader); the defaults when not given. */
  read?: ReadOptions;
  onProgress?: (done: number, total: number) => void;
  /** The set for each agency kind (a round); used instead of `setForKind`, and passed to workers. */
  sets?: ReadonlyMap<string, CriteriaIndex>;
  /** Load the set a file names (id@version or a path) when nothing is expected; used instead of `resolve`. */
  resolveNamed?: boolean;
  /**
   * Worker threads that read, map and check files while this thread assembles the reports in
   * file order: 0 or 1 checks in this thread. Results are the same either way.
   */
  workers?: number;
  /**
   * Keep the submissions in the report (the round scores them). `validate` only reports findings
   * and passes false: the workers then do not send them back, which is most of what crosses.
   */
  submissions?: boolean;
}

/** What reading, mapping and checking one file gives, before the reports are assembled in order. */
export interface FileWork {
  file: string;
  format?: 'xlsx' | 'csv';
  sha256?: string;
  readFindings: Finding[];
  /** A malformed CSV record cut the file short. */
  truncated: boolean;
  checked: {
    agency?: { code: string; at: Finding['location'] };
    findings: Finding[];
    submission?: Submission;
    /** `ref` of the set the submission was checked against. */
    criteria?: string;
    kind?: string;
  }[];
  mappedFindings: Finding[];
}

/** Reads, maps and checks one file. Pure apart from reading the file; runs in a worker or here. */
export async function processFile(ref: InputFileRef, ctx: CheckContext, opts: ReadOptions): Promise<FileWork> {
  const read = await readGrid(ref.path, ref.file, opts);
  const work: FileWork = {
    file: ref.file,
    readFindings: read.findings,
    truncated: false,
    checked: [],
    mappedFindings: [],
  };
  if (read.sha256) work.sha256 = read.sha256;
  if (!read.grid) return work;
  work.format = read.grid.format;
  // Rows after a malformed CSV record are lost; that one finding explains every missing item.
  work.truncated = read.findings.some((f) => f.code === 'INTAKE_CSV_MALFORMED');
  const mapped = mapGrid(read.grid);
  for (const raw of mapped.submissions) {
    const c = checkSubmission(raw, ctx);
    if (c.selfScored.length > 0) c.findings.push(...checkSelfScores(c.selfScored));
    const entry: FileWork['checked'][number] = { findings: c.findings };
    if (raw.agency?.code) entry.agency = { code: raw.agency.code, at: raw.agency.at };
    if (c.submission) entry.submission = c.submission;
    if (c.criteria) entry.criteria = c.criteria.ref;
    if (c.kind !== undefined) entry.kind = c.kind;
    work.checked.push(entry);
  }
  work.mappedFindings = mapped.findings;
  return work;
}

/** The check context the options describe (sets per kind, loading named sets with a cache). */
export function checkContextOf(opts: ValidateOptions): CheckContext {
  const ctx: CheckContext = { ...opts };
  if (opts.sets) {
    const sets = opts.sets;
    ctx.setForKind = (k) => sets.get(k);
  }
  if (opts.resolveNamed) {
    const cache = new Map<string, CriteriaIndex | undefined>();
    ctx.resolve = (ref) => {
      if (!cache.has(ref)) {
        try {
          cache.set(ref, loadCriteriaSet(ref));
        } catch {
          cache.set(ref, undefined);
        }
      }
      return cache.get(ref);
    };
  }
  return ctx;
}

/** What a worker needs to check files as this thread would (all structured-clonable). */
export interface WorkerSetup {
  expected?: ValidateOptions['expected'];
  sets?: ValidateOptions['sets'];
  resolveNamed?: boolean;
  roster?: ValidateOptions['roster'];
  kind?: string;
  year?: number;
  read: NonNullable<ValidateOptions['read']>;
  /** Send the submissions back (false: findings only). */
  submissions: boolean;
}
