/**
 * Sentences shared by the reports about how sure a rank is and what last year is compared with:
 * "xếp thứ 8 (khoảng 6–10)", "so với bình quân của 24001, 24002 (tiền thân)", "mới, hợp nhất từ …".
 */
import type { Lang } from '../messages/types.js';
import type { AgencyResult, GroupResult } from '../result/schema.js';
import { fmtPercent } from './format.js';

/** "xếp thứ 8 (khoảng 6–10)"; the rank alone when no interval is known or it is the rank itself. */
export function rankWithInterval(a: AgencyResult, lang: Lang): string {
  if (a.rank === undefined) return lang === 'vi' ? 'chưa xếp hạng' : 'not ranked';
  const base = lang === 'vi' ? `xếp thứ ${a.rank}` : `ranked ${a.rank}`;
  const r = a.interval?.rank;
  if (!r || (r.best === a.rank && r.worst === a.rank)) return base;
  return `${base} (${lang === 'vi' ? 'khoảng' : 'range'} ${r.best}–${r.worst})`;
}

/** "4–7" or "5" (the rank interval as a short cell), or "" without one. */
export function rankRange(a: AgencyResult): string {
  const r = a.interval?.rank;
  if (!r) return '';
  return r.best === r.worst ? String(r.best) : `${r.best}–${r.worst}`;
}

/** "91,19–93,02%": the index interval, or "" without one. */
export function indexRange(a: AgencyResult, decimals: number, lang: Lang): string {
  const i = a.interval?.index;
  if (!i) return '';
  return `${fmtPercent(i.lower.value, decimals, lang).replace(/%$/, '')}–${fmtPercent(i.upper.value, decimals, lang)}`;
}

/** How a unit (agency or SIPAS unit) was compared with last year, as both kinds of result record it. */
export interface BasisOf {
  mergedFrom?: readonly string[] | undefined;
  basis?: { rule: string; from: readonly string[]; weights?: readonly number[] | undefined } | undefined;
}

/** How the agency is compared with last year, when not by its own code; "" otherwise. */
export function comparisonBasis(a: AgencyResult, lang: Lang): string {
  return basisText({ mergedFrom: a.mergedFrom, basis: a.previous?.basis }, lang);
}

/**
 * The rule a unit was compared by ("so với bình quân chỉ số của X, Y (tiền thân)"), or "" when it is
 * compared under its own code: the same words for the PAR ranking and for SIPAS.
 */
export function basisText(u: BasisOf, lang: Lang): string {
  const vi = lang === 'vi';
  if (u.mergedFrom)
    return vi ? `mới, hợp nhất từ ${u.mergedFrom.join(', ')}` : `new, merged from ${u.mergedFrom.join(', ')}`;
  const b = u.basis;
  if (!b) return '';
  const from = b.from.join(', ');
  const w = b.weights?.join(' : ') ?? '';
  switch (b.rule) {
    case 'successor':
      return vi ? `so với ${from} (tiền thân)` : `compared with ${from} (predecessor)`;
    case 'mean':
      return vi
        ? `so với bình quân chỉ số của ${from} (tiền thân); không so sánh thứ hạng`
        : `compared with the mean index of ${from} (predecessors); rank not compared`;
    case 'weighted':
      return vi
        ? `so với bình quân gia quyền (${w}) của ${from} (tiền thân); không so sánh thứ hạng`
        : `compared with the weighted mean (${w}) of ${from} (predecessors); rank not compared`;
    default:
      return '';
  }
}

/** The overlap note of a group: ranks that lie within each other's intervals. */
export function overlapNote(
  note: NonNullable<GroupResult['overlapNotes']>[number],
  nameOf: (code: string) => string,
  lang: Lang,
): string {
  const names = note.agencies.map((c, i) => `${nameOf(c)} (${note.ranks[i]})`);
  return lang === 'vi'
    ? `Lưu ý độ tin cậy: ${names.join(', ')} xếp hạng khác nhau, nhưng mỗi cơ quan với cơ quan liền sau nằm trong ` +
        'khoảng thứ hạng (95%) của nhau: chênh lệch chưa vượt sai số chọn mẫu khảo sát.'
    : `Certainty note: ${names.join(', ')} hold different ranks, but each and the next lie within each other's ` +
        '95% rank intervals: the difference is within the survey sampling error.';
}
