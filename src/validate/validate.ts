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
  files: FileReport[];
  submissions: CheckedSubmission[];
  findings: Finding[];
  counts: FindingCounts;
}

export interface ValidateOptions extends CheckContext {
  limits?: ReadLimits;
  onProgress?: (done: number, total: number) => void;
}

/** Validates files in the given order; the report lists them in that order. */
export async function validateFiles(files: readonly InputFileRef[], opts: ValidateOptions = {}): Promise<ValidationReport> {
  const reports: FileReport[] = [];
  const submissions: CheckedSubmission[] = [];
  const firstFileOf = new Map<string, string>();
  let done = 0;
  for (const ref of files) {
    const findings: Finding[] = [];
    const read = await readGrid(ref.path, ref.file, opts.limits);
    findings.push(...read.findings);
    const report: FileReport = { file: ref.file, agencies: [], criteria: [], findings, counts: { error: 0, warning: 0, info: 0 } };
    if (read.sha256) report.sha256 = read.sha256;
    if (read.grid) {
      report.format = read.grid.format;
      const mapped = mapGrid(read.grid);
      const groupCodes = new Set<string>();
      // Rows after a malformed CSV record are lost; that one finding explains every missing item.
      const truncated = read.findings.some((f) => f.code === 'INTAKE_CSV_MALFORMED');
      for (const raw of mapped.submissions) {
        const checked = checkSubmission(raw, opts);
        findings.push(...(truncated ? checked.findings.filter((f) => f.code !== 'INTAKE_MISSING_ITEM') : checked.findings));
        if (checked.criteria) {
          for (const [code, node] of checked.criteria.nodes) if ('children' in node) groupCodes.add(code);
          if (!report.criteria.includes(checked.criteria.ref)) report.criteria.push(checked.criteria.ref);
        }
        const code = raw.agency?.code;
        if (code) {
          report.agencies.push(code);
          const other = firstFileOf.get(code);
          if (other !== undefined) {
            findings.push(finding('INTAKE_AGENCY_DUPLICATE', raw.agency!.at, { agency: code, other }, { agency: code }));
            continue;
          }
          firstFileOf.set(code, ref.file);
        }
        if (checked.submission && checked.criteria) {
          const s: CheckedSubmission = { submission: checked.submission, criteria: checked.criteria };
          if (checked.kind !== undefined) s.kind = checked.kind;
          submissions.push(s);
        }
      }
      // A subtotal formula without a cached value does not affect scoring: a warning, not an error.
      for (const f of mapped.findings)
        findings.push(f.code === 'INTAKE_FORMULA_NO_RESULT' && f.criterion !== undefined && groupCodes.has(f.criterion) ? { ...f, severity: 'warning' } : f);
    }
    findings.sort(compareFindings);
    report.counts = countFindings(findings);
    reports.push(report);
    opts.onProgress?.(++done, files.length);
  }
  const all = reports.flatMap((r) => r.findings);
  return { files: reports, submissions, findings: all, counts: countFindings(all) };
}
