/**
 * What the criteria commands count and check: a summary of each set (sizes, provenance), and the
 * check of criteria files named on the command line. Data only; report/criteria-text.ts shows it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { RunError, type Bilingual } from '../findings/errors.js';
import { countFindings, type Finding } from '../findings/finding.js';
import { loadCriteriaFile, resolveCriteriaRef, type LoadedCriteria } from './load.js';
import { isItem, type Node } from './schema.js';

/** A set's sizes and how much of it a public source confirms. */
export interface SetSummary {
  ref: string;
  file: string;
  /** "questionnaire" for a survey questionnaire; absent for a criteria set. */
  kind?: 'questionnaire';
  title?: { vi: string; en?: string | undefined };
  decision?: string;
  illustrative: boolean;
  agencyKinds: string[];
  total?: number;
  fields: number;
  items: number;
  /** Items whose values a public source confirms. */
  confirmed: number;
  fieldsConfirmed: number;
  /** Every node (field, criterion, item) and how many are confirmed. */
  nodes: number;
  nodesConfirmed: number;
  sourceTotals?: { appraisal?: number | undefined; survey?: number | undefined };
  errors: number;
  warnings: number;
}

export function summariseCriteria(loaded: LoadedCriteria, ref: string): SetSummary {
  const counts = countFindings(loaded.findings);
  const set = loaded.set;
  const q = loaded.questionnaire;
  if (q) {
    const questions = q.domains.reduce((n, d) => n + d.elements.reduce((m, e) => m + e.questions.length, 0), 0);
    return {
      ref,
      file: loaded.file,
      title: q.title,
      kind: 'questionnaire',
      illustrative: q.illustrative,
      agencyKinds: [],
      fields: q.domains.length,
      items: questions,
      confirmed: 0,
      fieldsConfirmed: 0,
      nodes: 0,
      nodesConfirmed: 0,
      errors: counts.error,
      warnings: counts.warning,
    };
  }
  if (!set)
    return {
      ref,
      file: loaded.file,
      illustrative: false,
      agencyKinds: [],
      fields: 0,
      items: 0,
      confirmed: 0,
      fieldsConfirmed: 0,
      nodes: 0,
      nodesConfirmed: 0,
      errors: counts.error,
      warnings: counts.warning,
    };
  let items = 0;
  let confirmed = 0;
  let nodes = 0;
  let nodesConfirmed = 0;
  let fieldsConfirmed = 0;
  const statusOf = (p: Node['provenance']): string | undefined => (typeof p === 'string' ? p : p?.status);
  const setStatus = statusOf(set.provenance) ?? (set.illustrative ? 'illustrative' : 'confirmed');
  const walk = (n: Node, inherited: string, depth = 0): void => {
    const status = statusOf(n.provenance) ?? inherited;
    nodes++;
    if (status === 'confirmed') {
      nodesConfirmed++;
      if (depth === 0) fieldsConfirmed++;
    }
    if (isItem(n)) {
      items++;
      if (status === 'confirmed') confirmed++;
    } else n.children.forEach((c) => walk(c, status, depth + 1));
  };
  set.fields.forEach((f) => walk(f, setStatus));
  return {
    ref: `${set.id}@${set.version}`,
    file: loaded.file,
    title: set.title,
    decision: `${set.decision.number}${set.decision.date ? ` ${set.decision.date}` : ''}`,
    illustrative: set.illustrative,
    agencyKinds: set.agencyKinds.map((k) => k.id),
    total: set.total,
    fields: set.fields.length,
    items,
    confirmed,
    fieldsConfirmed,
    nodes,
    nodesConfirmed,
    ...(set.sourceTotals ? { sourceTotals: set.sourceTotals } : {}),
    errors: counts.error,
    warnings: counts.warning,
  };
}

/** A command-line target: a file, a folder of criteria files, or an id@version. */
export function expandCriteriaTarget(arg: string, cwd: string): { path: string; display: string }[] {
  if (existsSync(arg) && statSync(arg).isDirectory()) {
    const out: { path: string; display: string }[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir).sort()) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (
          ['.yaml', '.yml'].includes(extname(e).toLowerCase()) ||
          (extname(e) === '.json' && !e.endsWith('.schema.json'))
        )
          out.push({ path: p, display: p });
      }
    };
    walk(arg);
    if (out.length > 0) return out;
  }
  return [resolveCriteriaRef(arg, [], cwd)].map((r) => ({ path: r.path, display: r.display }));
}

/** One criteria file checked: its findings, or why it could not be read. */
export interface CheckedCriteriaFile {
  file: string;
  ref?: string;
  findings: Finding[];
  failure?: Bilingual;
}

/** Checks criteria files; `strict` makes warnings errors. A file that cannot be read is a failure, not a throw. */
export function checkCriteriaFiles(
  targets: readonly { path: string; display: string }[],
  strict: boolean,
): CheckedCriteriaFile[] {
  const results: CheckedCriteriaFile[] = [];
  for (const t of targets) {
    try {
      const loaded = loadCriteriaFile(t.path, t.display);
      const findings = strict
        ? loaded.findings.map((f) => (f.severity === 'warning' ? ({ ...f, severity: 'error' } as Finding) : f))
        : loaded.findings;
      const r: CheckedCriteriaFile = { file: t.display, findings };
      if (loaded.set) r.ref = `${loaded.set.id}@${loaded.set.version}`;
      if (loaded.questionnaire) r.ref = `${loaded.questionnaire.id}@${loaded.questionnaire.version}`;
      results.push(r);
    } catch (e) {
      if (!(e instanceof RunError)) throw e;
      results.push({ file: t.display, findings: [], failure: e.text });
    }
  }
  return results;
}
