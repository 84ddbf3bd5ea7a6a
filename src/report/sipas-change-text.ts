/**
 * SIPAS year over year in words, shared by the terminal table and the workbook: a change in percentage
 * points ("+2,15"), the rule a unit was compared by ("so với bình quân của X, Y (tiền thân)"), and the
 * line that says what last year's figures were and how changes are worked out.
 */
import type { Lang } from '../messages/types.js';
import type { SipasComparisonInfo, SipasResultUnit } from '../result/sipas.js';
import { basisText } from './certainty-text.js';
import { fmtNumber, fmtRankChange } from './format.js';

/** "+2,15" / "−1,30" / "0,00": a change in percentage points, sign always shown. */
export function fmtPoints(value: number, lang: Lang): string {
  const s = fmtNumber(Math.abs(value), 2, lang);
  return value > 0 ? `+${s}` : value < 0 ? `−${s}` : s;
}

/** "▲3", "▼1", "=", "mới", or "" when the rank is not compared. */
export function sipasRankChange(u: SipasResultUnit, lang: Lang): string {
  return fmtRankChange(u.previous?.rankChange, u.isNew, lang, true);
}

/** How the unit was compared with last year, when not by its own code; "" otherwise. */
export function sipasBasisText(u: SipasResultUnit, lang: Lang): string {
  return basisText({ mergedFrom: u.mergedFrom, basis: u.previous?.basis }, lang);
}

const MERGED: Record<SipasComparisonInfo['merged'], { vi: string; en: string }> = {
  none: { vi: 'không so sánh ("mới, hợp nhất từ …")', en: 'not compared ("new, merged from …")' },
  mean: { vi: 'so với bình quân chỉ số của các đơn vị tiền thân', en: 'against the mean of their predecessors' },
  weighted: {
    vi: 'so với bình quân gia quyền của các đơn vị tiền thân',
    en: 'against the weighted mean of their predecessors',
  },
};

/** What last year's figures were, what they allow comparing, and how a change is worked out. */
export function sipasComparisonText(c: SipasComparisonInfo, lang: Lang): string {
  const vi = lang === 'vi';
  const what =
    c.kind === 'result'
      ? vi
        ? 'kết quả SIPAS của parindex'
        : 'a parindex SIPAS result'
      : vi
        ? `bảng đã công bố, ${c.rows ?? 0} dòng, ${c.matched ?? 0} khớp`
        : `a published table, ${c.rows ?? 0} rows, ${c.matched ?? 0} matched`;
  const measures = c.measures.includes('*')
    ? vi
      ? 'mọi khối, yếu tố và câu hỏi'
      : 'every domain, element and question'
    : c.measures.length > 0
      ? c.measures.join(', ')
      : vi
        ? 'chỉ chỉ số chung'
        : 'the overall index only';
  const other = c.rankOtherBlock
    ? vi
      ? `; ${c.rankOtherBlock} đơn vị không so sánh thứ hạng vì năm trước không xếp hạng trong cùng khối`
      : `; ${c.rankOtherBlock} units' ranks not compared, as last year did not rank them in the same block`
    : '';
  const rank =
    (c.rank ? '' : vi ? '; bảng không có hạng nên không so sánh thứ hạng' : '; no ranks, so none compared') + other;
  return vi
    ? `So với năm trước: ${c.file} (${what}); so sánh ${measures}${rank}. Thay đổi = chỉ số năm nay − năm trước, ` +
        `tính chính xác, theo điểm phần trăm, làm tròn 2 chữ số một lần. Đơn vị hợp nhất: ${MERGED[c.merged].vi}.`
    : `Against last year: ${c.file} (${what}); compared: ${measures}${rank}. Change = this year's index − last ` +
        `year's, exact, in percentage points, rounded once to 2 decimals. Merged units: ${MERGED[c.merged].en}.`;
}
