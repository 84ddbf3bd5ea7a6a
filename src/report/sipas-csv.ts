/**
 * The SIPAS result as CSV for analysts: one row per unit in rank order, then the pooled overall: rank,
 * code, name, respondents, the index and, when last year was given, last year's index, the change in
 * points, last year's rank, the rank change and the rule it was compared by; then every domain and
 * element index with its change. Rounded values of sipas.json, the dialect of the language (core/csv-write.ts).
 */
import { csvDialect, csvDocument } from '../core/csv-write.js';
import type { Lang } from '../messages/types.js';
import { rankedUnits } from '../rank/sipas.js';
import type { SipasResult, SipasResultUnit } from '../result/sipas.js';
import { sipasBasisText } from './sipas-change-text.js';

export function renderSipasCsv(r: SipasResult, lang: Lang): string {
  const vi = lang === 'vi';
  const { text, num, sep } = csvDialect(lang);
  const cmp = r.comparison !== undefined;
  const measures = [...r.overall.domains.map((d) => d.id), ...r.overall.elements.map((e) => e.id)];
  const head = [
    vi ? 'Hạng' : 'Rank',
    vi ? 'Số đơn vị' : 'Units ranked',
    vi ? 'Mã' : 'Code',
    r.by === 'agency' ? (vi ? 'Cơ quan' : 'Agency') : vi ? 'Đối tượng' : 'Group',
    vi ? 'Số phiếu' : 'Respondents',
    vi ? 'Dưới cỡ mẫu' : 'Below min. sample',
    'SIPAS (%)',
    ...(cmp
      ? vi
        ? ['SIPAS năm trước (%)', 'Thay đổi (điểm %)', 'Hạng năm trước', 'Thay đổi hạng', 'So sánh với']
        : ['SIPAS last year (%)', 'Change (points)', 'Rank last year', 'Rank change', 'Compared with']
      : []),
    ...measures.flatMap((m) => [`${m} (%)`, ...(cmp ? [vi ? `${m} thay đổi` : `${m} change`] : [])]),
  ];
  const rows: string[][] = [head.map(text)];
  const n = (x: number | undefined): string => (x === undefined ? '' : num(x, 2));
  const row = (u: SipasResultUnit, overall: boolean): string[] => {
    const p = u.previous;
    const changeOf = (id: string): number | undefined => p?.measures.find((m) => m.id === id)?.change.value;
    const indexOf = (id: string): number | undefined =>
      (u.domains.find((d) => d.id === id) ?? u.elements.find((e) => e.id === id))?.index?.value;
    return [
      u.rank === undefined ? '' : String(u.rank),
      u.rankOf === undefined ? '' : String(u.rankOf),
      text(u.code),
      text(overall ? (vi ? 'Chung (gộp mọi phiếu)' : 'Overall (all respondents)') : (u.name ?? '')),
      String(u.respondents),
      u.smallSample ? text(vi ? 'có' : 'yes') : '',
      n(u.index?.value),
      ...(cmp
        ? [
            n(p?.previous.value),
            n(p?.change.value),
            p?.previousRank === undefined || overall ? '' : String(p.previousRank),
            overall ? '' : u.isNew ? text(vi ? 'mới' : 'new') : p?.rankChange === undefined ? '' : String(p.rankChange),
            text(sipasBasisText(u, lang)),
          ]
        : []),
      ...measures.flatMap((m) => [n(indexOf(m)), ...(cmp ? [n(changeOf(m))] : [])]),
    ];
  };
  for (const u of rankedUnits(r.units)) rows.push(row(u, false));
  rows.push(row(r.overall, true));
  return csvDocument(rows, sep);
}
