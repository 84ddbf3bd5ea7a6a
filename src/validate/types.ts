/**
 * What checking self-scoring files gives: a report per file and overall, and the submissions that
 * can be scored. Made by `pipeline/check-files.ts`; read by the annotated copies, the validate
 * report and the round.
 */
import type { CriteriaIndex } from '../criteria/tree.js';
import type { Finding, FindingCounts } from '../findings/finding.js';
import type { Submission } from './submission.js';

export interface InputFileRef {
  /** Path on disk. */
  path: string;
  /** Path as shown to users. */
  file: string;
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
