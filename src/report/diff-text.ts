/** `criteria diff` in the terminal: one line per change, then the counts. */
import type { ChalkInstance } from 'chalk';
import type { CriteriaDiff } from '../criteria/diff.js';
import { num, type Lang } from '../messages/types.js';

const SOURCE: Record<string, { vi: string; en: string }> = {
  appraisal: { vi: 'thẩm định', en: 'appraisal' },
  survey: { vi: 'điều tra XHH', en: 'survey' },
  bonus: { vi: 'điểm thưởng', en: 'bonus' },
  penalty: { vi: 'điểm trừ', en: 'penalty' },
};

export function renderDiffText(d: CriteriaDiff, lang: Lang, c: ChalkInstance): string[] {
  const vi = lang === 'vi';
  const out: string[] = [c.bold(`${d.from} → ${d.to}`)];
  const what = {
    total: vi ? 'Tổng điểm' : 'Total',
    appraisal: vi ? 'Điểm thẩm định' : 'Appraisal points',
    survey: vi ? 'Điểm điều tra XHH' : 'Survey points',
    bands: vi ? 'Xếp nhóm' : 'Bands',
  };
  for (const s of d.set) out.push(`  ${what[s.what]}: ${s.from} → ${s.to}`);
  for (const n of d.nodes) {
    if (n.change === 'added')
      out.push(c.green(`  + ${n.to} ${n.title} [${num(n.max, lang)}]${vi ? ' (thêm mới)' : ' (added)'}`));
    else if (n.change === 'removed')
      out.push(c.red(`  − ${n.from} ${n.title} [${num(n.max, lang)}]${vi ? ' (bỏ)' : ' (removed)'}`));
    else {
      const parts: string[] = [];
      if (n.how === 'moved') parts.push(vi ? `chuyển ${n.from} → ${n.to}` : `moved ${n.from} → ${n.to}`);
      if (n.how === 'renamed')
        parts.push(
          vi ? `đổi tên: "${n.title.from}" → "${n.title.to}"` : `renamed: "${n.title.from}" → "${n.title.to}"`,
        );
      if (n.max)
        parts.push(
          vi
            ? `điểm tối đa ${num(n.max.from, lang)} → ${num(n.max.to, lang)}`
            : `maximum ${num(n.max.from, lang)} → ${num(n.max.to, lang)}`,
        );
      if (n.rule)
        parts.push(
          n.rule.from === n.rule.to
            ? vi
              ? `quy tắc ${n.rule.to} thay đổi`
              : `${n.rule.to} rule changed`
            : vi
              ? `quy tắc ${n.rule.from} → ${n.rule.to}`
              : `rule ${n.rule.from} → ${n.rule.to}`,
        );
      if (n.source) parts.push(`${SOURCE[n.source.from]![lang]} → ${SOURCE[n.source.to]![lang]}`);
      if (parts.length) out.push(c.yellow(`  ~ ${n.to} ${n.title.to}: ${parts.join('; ')}`));
    }
  }
  const k = d.counts;
  out.push(
    vi
      ? `${k.added} thêm mới, ${k.removed} bỏ, ${k.renamed} đổi tên, ${k.moved} chuyển chỗ, ${k.changed} đổi ` +
          `điểm hoặc quy tắc, ${k.same} giữ nguyên.`
      : `${k.added} added, ${k.removed} removed, ${k.renamed} renamed, ${k.moved} moved, ${k.changed} with ` +
          `changed maxima or rules, ${k.same} unchanged.`,
  );
  return out;
}
