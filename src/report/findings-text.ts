/** Findings as terminal text: grouped by file, one line each, coloured by severity. */
import type { ChalkInstance } from 'chalk';
import { compareFindings, countFindings, type Finding, type FindingCounts } from '../findings/finding.js';
import { renderFinding, renderMessage, severityLabel } from '../messages/index.js';
import type { Lang } from '../messages/types.js';

/** Lines for a list of findings, grouped by file, in stable order. */
export function renderFindingsText(findings: readonly Finding[], lang: Lang, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of [...findings].sort(compareFindings)) {
    const key = f.location.file ?? '';
    const list = byFile.get(key) ?? [];
    list.push(f);
    byFile.set(key, list);
  }
  for (const [file, list] of byFile) {
    if (file) lines.push(c.bold(file));
    for (const f of list) {
      const sev = severityLabel(f.severity, lang);
      const tag = f.severity === 'error' ? c.red(sev) : f.severity === 'warning' ? c.yellow(sev) : c.blue(sev);
      lines.push(`  ${tag} ${c.dim(f.code)} ${renderFinding(f, lang, false)}`);
    }
  }
  return lines;
}

/** How many finding lines a run prints before pointing to where they all are. */
const SHOWN_FINDINGS = 25;

/**
 * The worst findings first, at most 25, then the counts; `hint` says where to see them all.
 * Nothing for no findings.
 */
export function renderFindingsSummary(
  findings: readonly Finding[],
  lang: Lang,
  c: ChalkInstance,
  hint?: { vi: string; en: string },
): string[] {
  if (findings.length === 0) return [];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const worstFirst = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity] || compareFindings(a, b));
  const lines = renderFindingsText(worstFirst.slice(0, SHOWN_FINDINGS), lang, c);
  const more = findings.length - SHOWN_FINDINGS;
  const see = hint ?? { vi: 'chạy "parindex validate" để xem tất cả', en: 'run "parindex validate" to see them all' };
  if (more > 0)
    lines.push(lang === 'vi' ? `… và ${more} phát hiện khác; ${see.vi}.` : `… and ${more} more findings; ${see.en}.`);
  lines.push(renderCounts(countFindings(findings), lang));
  return lines;
}

/** "2 lỗi, 1 cảnh báo" / "2 errors, 1 warning". */
export function renderCounts(counts: FindingCounts, lang: Lang): string {
  if (lang === 'vi') return `${counts.error} lỗi, ${counts.warning} cảnh báo`;
  const pl = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${pl(counts.error, 'error')}, ${pl(counts.warning, 'warning')}`;
}

/** A finding as JSON, with its sentence in the chosen language. */
export interface FindingJson {
  code: string;
  severity: Finding['severity'];
  message: string;
  location: Finding['location'];
  criterion?: string;
  agency?: string;
  args: unknown;
}

export function findingToJson(f: Finding, lang: Lang): FindingJson {
  const j: FindingJson = {
    code: f.code,
    severity: f.severity,
    message: renderMessage(f, lang),
    location: f.location,
    args: f.args,
  };
  if (f.criterion !== undefined) j.criterion = f.criterion;
  if (f.agency !== undefined) j.agency = f.agency;
  return j;
}

export { countFindings };
