/**
 * Validating self-scoring files: read every file (never stopping at the first problem), map it,
 * check it, and report per file and overall. Used by `parindex validate` and by the round.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareFindings, countFindings, finding, type Finding, type FindingCounts } from '../findings/finding.js';
import { readGrid, type ReadLimits } from '../load/read.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { checkSubmission, type CheckContext } from './check.js';
import { mapGrid } from './map.js';
import type { Submission } from './submission.js';
import { loadCriteriaSet } from '../criteria/load.js';
import { startPool } from './pool.js';

/** Extensions picked up when a folder is given; other files there (evidence PDFs…) are left alone. */
const SPREADSHEET_EXT = /\.(xlsx|xlsm|xls|ods|csv|tsv|txt)$/i;

export interface InputFileRef {
  /** Path on disk. */
  path: string;
  /** Path as shown to users. */
  file: string;
}

/** Files named on the command line, folders expanded (sorted, recursive; lock and hidden files skipped). */
export function collectFiles(args: readonly string[], cwd = process.cwd()): InputFileRef[] {
  const out: InputFileRef[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name.startsWith('~$')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (SPREADSHEET_EXT.test(name)) out.push({ path: p, file: relative(cwd, p) || p });
    }
  };
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      out.push({ path: a, file: a });
      continue;
    }
    if (st.isDirectory()) walk(a);
    else out.push({ path: a, file: a });
  }
  return out;
}

export interface CheckedSubmission {
  submission: Submission;
  criteria: CriteriaIndex;
  kind?: string;
}

export interface FileReport {
  file: string;
  format?: 'xlsx' | 'csv';
  sha256?: string;
  /** Agency codes found in the file. */
  agencies: string[];
  /** Criteria sets the file was checked against. */
  criteria: string[];
  findings: Finding[];
  counts: FindingCounts;
}

export interface ValidationReport {
  /** Worker threads that checked the files (0: this thread). */
  workers: number;
  files: FileReport[];
  /** Empty when the options said `submissions: false`. */
  submissions: CheckedSubmission[];
  findings: Finding[];
  counts: FindingCounts;
}

export interface ValidateOptions extends CheckContext {
  limits?: ReadLimits;
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
export async function processFile(ref: InputFileRef, ctx: CheckContext, limits?: ReadLimits): Promise<FileWork> {
  const read = await readGrid(ref.path, ref.file, limits);
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

/** Validates files in the given order; the report lists them in that order. */
export async function validateFiles(
  files: readonly InputFileRef[],
  opts: ValidateOptions = {},
): Promise<ValidationReport> {
  const ctx = checkContextOf(opts);
  const reports: FileReport[] = [];
  const submissions: CheckedSubmission[] = [];
  const firstFileOf = new Map<string, string>();
  const indexOf = (ref: string): CriteriaIndex | undefined =>
    opts.expected?.ref === ref
      ? opts.expected
      : ([...(opts.sets?.values() ?? [])].find((s) => s.ref === ref) ?? ctx.resolve?.(ref));
  let done = 0;
  const assemble = (work: FileWork): void => {
    const findings: Finding[] = [...work.readFindings];
    const report: FileReport = {
      file: work.file,
      agencies: [],
      criteria: [],
      findings,
      counts: { error: 0, warning: 0, info: 0 },
    };
    if (work.sha256) report.sha256 = work.sha256;
    if (work.format) {
      report.format = work.format;
      const groupCodes = new Set<string>();
      for (const c of work.checked) {
        findings.push(...(work.truncated ? c.findings.filter((f) => f.code !== 'INTAKE_MISSING_ITEM') : c.findings));
        const idx = c.criteria !== undefined ? indexOf(c.criteria) : undefined;
        if (idx) {
          for (const [code, node] of idx.nodes) if ('children' in node) groupCodes.add(code);
          if (!report.criteria.includes(idx.ref)) report.criteria.push(idx.ref);
        }
        const code = c.agency?.code;
        if (code) {
          report.agencies.push(code);
          const other = firstFileOf.get(code);
          if (other !== undefined) {
            findings.push(finding('INTAKE_AGENCY_DUPLICATE', c.agency!.at, { agency: code, other }, { agency: code }));
            continue;
          }
          firstFileOf.set(code, work.file);
        }
        if (c.submission && idx && opts.submissions !== false) {
          const s: CheckedSubmission = { submission: c.submission, criteria: idx };
          if (c.kind !== undefined) s.kind = c.kind;
          submissions.push(s);
        }
      }
      // A subtotal formula without a cached value does not affect scoring: a warning, not an error.
      for (const f of work.mappedFindings)
        findings.push(
          f.code === 'INTAKE_FORMULA_NO_RESULT' && f.criterion !== undefined && groupCodes.has(f.criterion)
            ? { ...f, severity: 'warning' }
            : f,
        );
    }
    findings.sort(compareFindings);
    report.counts = countFindings(findings);
    reports.push(report);
    opts.onProgress?.(++done, files.length);
  };

  const pool =
    (opts.workers ?? 0) > 1 && !(opts.setForKind && !opts.sets) && !(opts.resolve && !opts.resolveNamed)
      ? await startPool(opts)
      : undefined;
  if (pool) {
    try {
      await pool.run(files, assemble);
    } finally {
      await pool.close();
    }
  } else for (const ref of files) assemble(await processFile(ref, ctx, opts.limits));
  const all = reports.flatMap((r) => r.findings);
  return { workers: pool ? opts.workers! : 0, files: reports, submissions, findings: all, counts: countFindings(all) };
}
