/** `parindex init`: scaffolds a round folder with round.yaml, a roster template and empty folders. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomicSync } from '../core/fs.js';
import { InputError } from '../findings/errors.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { textIn } from '../criteria/tree.js';
import type { Lang } from '../messages/types.js';

export interface InitOptions {
  /** Criteria sets, one per agency kind they declare. */
  criteria: { ref: string; index: CriteriaIndex }[];
  year: number;
  name?: string;
  lang: Lang;
  force?: boolean;
}

/** Writes the scaffold; returns the files written. Refuses to overwrite a round.yaml unless `force`. */
export function initRound(dir: string, opts: InitOptions): string[] {
  const roundFile = join(dir, 'round.yaml');
  if (existsSync(roundFile) && !opts.force)
    throw new InputError(
      {
        vi: `${roundFile} đã có; dùng --force để ghi đè.`,
        en: `${roundFile} already exists; use --force to overwrite it.`,
      },
      'ROUND_EXISTS',
    );
  const kinds = new Map<string, { ref: string; title: string }>();
  for (const c of opts.criteria)
    for (const k of c.index.set.agencyKinds)
      if (!kinds.has(k.id)) kinds.set(k.id, { ref: c.ref, title: textIn(k.title, opts.lang) });
  const vi = opts.lang === 'vi';
  const config = {
    format: 1,
    name: opts.name ?? (vi ? `Chỉ số cải cách hành chính năm ${opts.year}` : `PAR index ${opts.year}`),
    year: opts.year,
    criteria: Object.fromEntries([...kinds].map(([k, v]) => [k, v.ref])),
    roster: 'roster.csv',
    submissions: 'submissions',
    appraisal: [] as string[],
    survey: { points: [] as string[] },
    missingSubmission: 'report',
    groups: [...kinds].map(([k, v]) => ({ id: k, title: { vi: v.title } })),
  };
  const header = vi
    ? '# Kỳ đánh giá Chỉ số CCHC. Đường dẫn tính từ thư mục này và không được ra ngoài thư mục.\n# Thêm tệp ' +
      'thẩm định vào "appraisal" theo thứ tự áp dụng (tệp sau ghi đè tệp trước).\n# Phiếu khảo sát thô ' +
      '(SIPAS): thêm vào "survey" mục sipas: { questionnaire: sipas-illustrative@2025.1, answers: ' +
      '[survey/phieu.csv] }.\n'
    : '# A PAR index round. Paths are relative to this folder and may not leave it.\n# List appraisal ' +
      'workbooks under "appraisal" in the order they apply (a later file overrides an earlier one).\n# Raw ' +
      'survey answers (SIPAS): add under "survey" sipas: { questionnaire: sipas-illustrative@2025.1, answers: ' +
      '[survey/answers.csv] }.\n';
  mkdirSync(dir, { recursive: true });
  for (const sub of ['submissions', 'appraisal', 'survey']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileAtomicSync(roundFile, header + stringify(config));
  const roster = join(dir, 'roster.csv');
  const written = [roundFile];
  if (!existsSync(roster) || opts.force) {
    const rows = ['code,name,kind,group,region'];
    for (const [k, v] of kinds)
      rows.push(`${k.toUpperCase().slice(0, 3)}01,"${vi ? 'Tên cơ quan' : 'Agency name'} (${v.title})",${k},${k},`);
    writeFileAtomicSync(roster, '\uFEFF' + rows.join('\r\n') + '\r\n');
    written.push(roster);
  }
  return written;
}
