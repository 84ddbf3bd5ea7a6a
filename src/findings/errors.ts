/**
 * Failures are exceptions: the run cannot go on (exit code 2). Bad *content* is a finding;
 * these are for a file that cannot be read at all, a bad command line, or a bug.
 */

import type { Bilingual } from '../core/text.js';

export type { Bilingual } from '../core/text.js';

/** Base of the "cannot run" failures: a one-line message in both languages, no stack. */
export class RunError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly code: string,
  ) {
    super(text.en);
    this.name = new.target.name;
  }
}

/** An input file or folder cannot be read (missing, a folder, unreadable, not parseable). */
export class InputError extends RunError {
  constructor(text: Bilingual, code = 'INPUT_UNREADABLE') {
    super(text, code);
  }
}

/** A criteria set cannot be loaded (not found, malformed YAML, wrong format version). */
export class CriteriaError extends RunError {
  constructor(text: Bilingual, code = 'CRITERIA_UNREADABLE') {
    super(text, code);
  }
}

/** The command line is wrong (unknown flag, missing argument, bad value). */
export class UsageError extends RunError {
  constructor(text: Bilingual, code = 'USAGE') {
    super(text, code);
  }
}

/** Something that should never happen: a bug in parindex. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}
