/**
 * The Excel report of a large round as one workbook per ranking group (each province or block
 * receives its own file, with its ranking, summary and scorecards) and a national index that keeps
 * the summary and fields sheets and lists the group files. In: a result and the index's path; out:
 * the result of each group and the path it goes to.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { Lang } from '../messages/types.js';
import type { GroupResult, RoundResult } from '../result/schema.js';
import { textOf } from './score-text.js';
import type { GroupFile } from './xlsx-report.js';

/**
 * From this many agencies up, `--split-by auto` (the default) writes a workbook per group: a
 * national round (3,321 agencies) makes one sheet of over 300,000 scorecard rows otherwise, while
 * a province's round (a few hundred agencies) stays one workbook.
 */
export const SPLIT_MIN_AGENCIES = 1000;

/** How the Excel report is split: by ranking group, not at all, or by size (see SPLIT_MIN_AGENCIES). */
export type SplitBy = 'group' | 'none' | 'auto';

/** Whether the report of `result` is split, for the option given. */
export function splitsByGroup(result: RoundResult, opt: SplitBy = 'auto'): boolean {
  if (opt !== 'auto') return opt === 'group';
  return result.agencies.length >= SPLIT_MIN_AGENCIES;
}

/** A file name from a group's title: letters without marks, đ as d, words joined by "-" ("Sở, ngành" → so-nganh). */
export function groupSlug(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** One group's part of a split report. */
export interface GroupPart {
  group: GroupResult;
  /** Where the group's workbook goes. */
  path: string;
  /** How the index names it: relative to the index's folder, with "/". */
  file: string;
}

/**
 * Where each group's workbook goes: a folder named after the index (bao-cao.xlsx → bao-cao/), one
 * file per group named after its title, groups without agencies left out. Two groups whose titles
 * give the same name are told apart by their id.
 */
export function groupParts(result: RoundResult, indexPath: string, lang: Lang): GroupPart[] {
  const stem = basename(indexPath, extname(indexPath));
  const folder = join(dirname(indexPath), stem);
  const used = new Set<string>();
  return result.groups
    .filter((g) => g.agencies.length > 0)
    .map((g) => {
      let name = groupSlug(textOf(g.title, lang)) || groupSlug(g.id) || 'nhom';
      if (used.has(name)) name = `${name}-${groupSlug(g.id) || used.size}`;
      while (used.has(name)) name = `${name}-${used.size}`;
      used.add(name);
      return { group: g, path: join(folder, `${name}.xlsx`), file: `${stem}/${name}.xlsx` };
    });
}

/** The index's list of the parts. */
export function groupFiles(parts: readonly GroupPart[], lang: Lang): GroupFile[] {
  return parts.map((p) => ({
    group: p.group.id,
    title: textOf(p.group.title, lang),
    agencies: p.group.agencies.length,
    file: p.file,
  }));
}

/**
 * The result as one group's workbook shows it: that group and its agencies, their appraisal
 * changes and findings, the findings of the round as a whole (a warning on the round is a warning
 * on each group's figures), and the inputs other than other groups' submissions.
 */
export function groupResult(result: RoundResult, group: GroupResult): RoundResult {
  const codes = new Set(group.agencies);
  const agencies = result.agencies.filter((a) => codes.has(a.code));
  const ownFiles = new Set(agencies.flatMap((a) => (a.submission ? [a.submission.file] : [])));
  return {
    ...result,
    groups: [group],
    agencies,
    appraisalChanges: result.appraisalChanges.filter((c) => codes.has(c.agency)),
    findings: result.findings.filter((f) => f.agency === undefined || codes.has(f.agency)),
    inputs: result.inputs.filter((i) => i.role !== 'submission' || ownFiles.has(i.file)),
  };
}
