/**
 * The "Đã ghi …" lines after a run: one per file, except that the files of one folder past a few
 * (the workbooks of `--split-by group`, 34 for a national round) are one line naming the folder
 * and how many were written there.
 */
import { dirname } from 'node:path';
import type { Lang } from '../messages/types.js';

/** Files of one folder listed one by one up to this many; past it, one line for the folder. */
const PER_FOLDER = 5;

export function writtenLines(paths: readonly string[], lang: Lang): string[] {
  const vi = lang === 'vi';
  const byDir = new Map<string, string[]>();
  for (const p of paths) byDir.set(dirname(p), [...(byDir.get(dirname(p)) ?? []), p]);
  const out: string[] = [];
  const folded = new Set<string>();
  for (const p of paths) {
    const dir = dirname(p);
    const files = byDir.get(dir)!;
    if (files.length <= PER_FOLDER) out.push(vi ? `Đã ghi ${p}` : `Wrote ${p}`);
    else if (!folded.has(dir)) {
      folded.add(dir);
      out.push(vi ? `Đã ghi ${files.length} tệp vào ${dir}/` : `Wrote ${files.length} files into ${dir}/`);
    }
  }
  return out;
}
