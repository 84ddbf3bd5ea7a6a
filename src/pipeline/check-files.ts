/**
 * Checking self-scoring files: paths in; every file read (never stopping at the first problem),
 * mapped, checked (validate/) and its self-scores checked against the rules (score/); a report per
 * file and overall out. Used by `parindex validate`, by the round and by explain on one file.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import { compareFindings, countFindings, finding, type Finding } from '../findings/finding.js';
import { DEFAULT_READ_OPTIONS } from '../load/index.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import type { CheckedSubmission, FileReport, InputFileRef, ValidationReport } from '../validate/types.js';
import { startPool } from './pool.js';
import { checkContextOf, processFile, type FileWork, type ValidateOptions } from './check-file.js';

export type { ValidateOptions } from './check-file.js';

export type { CheckedSubmission, FileReport, InputFileRef, ValidationReport } from '../validate/types.js';

/** Extensions picked up when a folder is given; other files there (evidence PDFs…) are left alone. */
const SPREADSHEET_EXT = /\.(xlsx|xlsm|xls|ods|csv|tsv|txt)$/i;

/**
 * Files named on the command line, folders expanded (sorted, recursive; lock and hidden files
 * skipped); found files are shown relative to `cwd`. An entry that cannot be followed (a dangling
 * or looping link) is listed as it is, so that reading it gives a finding and the other files are
 * still checked; a folder reached again through a link is not walked twice.
 */
export function collectFiles(args: readonly string[], cwd: string): InputFileRef[] {
  const out: InputFileRef[] = [];
  const walked = new Set<string>();
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      out.push({ path: dir, file: relative(cwd, dir) || dir });
      return;
    }
    if (walked.has(real)) return;
    walked.add(real);
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name.startsWith('~$')) continue;
      const p = join(dir, name);
      let st: Stats;
      try {
        st = statSync(p);
      } catch {
        // Dangling, looping or unreadable: reading it says why (a folder's other files, evidence PDFs, are not ours).
        if (SPREADSHEET_EXT.test(name) || !name.includes('.')) out.push({ path: p, file: relative(cwd, p) || p });
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (SPREADSHEET_EXT.test(name)) out.push({ path: p, file: relative(cwd, p) || p });
    }
  };
  for (const a of args) {
    let st: Stats;
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
        for (const x of work.truncated ? c.findings.filter((f) => f.code !== 'INTAKE_MISSING_ITEM') : c.findings)
          findings.push(x);
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
  } else for (const ref of files) assemble(await processFile(ref, ctx, opts.read ?? DEFAULT_READ_OPTIONS));
  const all = reports.flatMap((r) => r.findings);
  return { workers: pool ? opts.workers! : 0, files: reports, submissions, findings: all, counts: countFindings(all) };
}
