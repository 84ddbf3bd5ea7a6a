/**
 * Findings are data: what a validator saw in the inputs, with a stable code, a severity and a
 * location people can find in Excel. Each stage declares its codes and their typed arguments
 * in `src/messages/<stage>.ts`; this module joins them into one union.
 */
import {
  messages,
  type FindingArgs,
  type FindingCode,
  type FindingLocation,
  type Severity,
} from '../messages/index.js';

// The shapes the sentences read are the messages module's own (it comes first); re-exported here.
export type { FindingArgs, FindingCode, FindingLocation, Severity } from '../messages/index.js';

interface FindingBase {
  severity: Severity;
  location: FindingLocation;
  /** Criterion or item code the finding is about, when there is one. */
  criterion?: string;
  /** Agency code the finding is about, when there is one. */
  agency?: string;
}

/** One finding; a union discriminated by `code`, so `args` is typed per code. */
export type Finding = {
  [C in FindingCode]: FindingBase & { code: C; args: FindingArgs[C] };
}[FindingCode];

/** A finding of one given code. */
export type FindingOf<C extends FindingCode> = Extract<Finding, { code: C }>;

/**
 * Builds a finding; the argument shape is checked against the code. The severity is the
 * code's default from the messages catalogue unless `extra.severity` says otherwise.
 */
export function finding<C extends FindingCode>(
  code: C,
  location: FindingLocation,
  args: FindingArgs[C],
  extra: { criterion?: string | undefined; agency?: string | undefined; severity?: Severity } = {},
): FindingOf<C> {
  const f: FindingBase & { code: C; args: FindingArgs[C] } = {
    code,
    severity: extra.severity ?? messages[code].severity,
    location,
    args,
  };
  if (extra.criterion !== undefined) f.criterion = extra.criterion;
  if (extra.agency !== undefined) f.agency = extra.agency;
  return f as unknown as FindingOf<C>;
}

/** Counts by severity. */
export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const c: FindingCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Whether any finding is an error (exit code 1). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** `--strict`: warnings become errors. */
export function promoteWarnings(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => (f.severity === 'warning' ? ({ ...f, severity: 'error' } as Finding) : f));
}

/**
 * A capped list that keeps true counts: the first `cap` findings of each code are kept, the
 * rest only counted. Used where one bad column could produce a million findings.
 */
export class FindingList {
  readonly items: Finding[] = [];
  readonly totals = new Map<FindingCode, number>();
  readonly dropped = new Map<FindingCode, number>();
  constructor(readonly capPerCode = Number.POSITIVE_INFINITY) {}

  add(f: Finding): void {
    const n = (this.totals.get(f.code) ?? 0) + 1;
    this.totals.set(f.code, n);
    if (n <= this.capPerCode) this.items.push(f);
    else this.dropped.set(f.code, (this.dropped.get(f.code) ?? 0) + 1);
  }
  addAll(fs: Iterable<Finding>): void {
    for (const f of fs) this.add(f);
  }
}

/** Converts a 1-based column number to letters (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let s = '';
  let n = column;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 1-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** Row and column of an A1 address ("E14", "$E$14"); undefined when it is not one. */
export function parseCellAddress(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Stable order for findings: file, sheet, row, column, code. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.location;
  const lb = b.location;
  return (
    cmpStr(la.file, lb.file) ||
    cmpStr(la.sheet, lb.sheet) ||
    (la.row ?? la.line ?? 0) - (lb.row ?? lb.line ?? 0) ||
    (la.column ?? 0) - (lb.column ?? 0) ||
    cmpStr(a.code, b.code) ||
    cmpStr(a.criterion, b.criterion)
  );
}

function cmpStr(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
