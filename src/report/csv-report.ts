/**
 * The CSV export of a round for analysts: one row per agency, in group and rank order, with the
 * index, band, rank and change, points by source and the index of every field. Numbers are the
 * rounded values of result.json (`exact` values stay in result.json); the dialect follows the
 * language (see core/csv-write.ts).
 */
import type { Lang } from '../messages/types.js';
import type { RoundResult } from '../result/schema.js';
import { csvDialect, csvDocument } from '../core/csv-write.js';
import { textOf } from './score-text.js';
import { reportView } from './view.js';
import { agencyMarks, resultHasMarks } from './marks.js';

const HEAD = {
  vi: [
    'Nhóm',
    'Hạng',
    'Số đơn vị trong nhóm',
    'Thay đổi hạng',
    'Hạng năm trước',
    'Mã',
    'Cơ quan',
    'Loại',
    'Vùng',
    'Trạng thái',
    'Chỉ số (%)',
    'Xếp loại',
    'Tổng điểm',
    'Điểm tối đa',
    'Điểm thẩm định',
    'Điểm điều tra XHH',
    'Điểm thưởng',
    'Điểm trừ',
    'Chỉ số năm trước (%)',
  ],
  en: [
    'Group',
    'Rank',
    'Group size',
    'Rank change',
    'Previous rank',
    'Code',
    'Agency',
    'Kind',
    'Region',
    'Status',
    'Index (%)',
    'Band',
    'Points',
    'Maximum',
    'Appraisal points',
    'Survey points',
    'Bonus',
    'Penalty',
    'Previous index (%)',
  ],
} as const;

const STATUS = {
  vi: { scored: 'đã chấm', missing: 'chưa nộp', zero: 'chưa nộp, tính 0 điểm' },
  en: { scored: 'scored', missing: 'not submitted', zero: 'not submitted, scored zero' },
} as const;

export function renderCsvReport(result: RoundResult, lang: Lang): string {
  const v = reportView(result, lang);
  const { text, num, sep } = csvDialect(lang);
  const field = lang === 'vi' ? 'Lĩnh vực' : 'Field';
  // A note column (open errors, missing survey data, band from the exact value) only when some agency has one.
  const marked = resultHasMarks(result);
  const rows: string[][] = [
    [
      ...HEAD[lang],
      ...v.fieldCodes.map((c) => `${field} ${c} (%)`),
      ...(marked ? [lang === 'vi' ? 'Ghi chú' : 'Notes'] : []),
    ].map(text),
  ];
  for (const g of result.groups) {
    for (const code of g.agencies) {
      const a = v.agency(code);
      if (!a) continue;
      const d = v.setOf(a)?.rounding.decimals ?? 2;
      const scored = a.status !== 'missing';
      const n = (x: number | undefined): string => (x === undefined ? '' : num(x, d));
      rows.push([
        text(textOf(g.title, lang)),
        a.rank === undefined ? '' : String(a.rank),
        a.groupSize === undefined ? '' : String(a.groupSize),
        a.isNew
          ? text(lang === 'vi' ? 'mới' : 'new')
          : a.previous?.rankChange === undefined
            ? ''
            : String(a.previous.rankChange),
        a.previous?.rank === undefined ? '' : String(a.previous.rank),
        text(a.code),
        text(a.name),
        text(a.kind),
        text(a.region ?? ''),
        text(STATUS[lang][a.status]),
        scored ? n(a.total.index.value) : '',
        text(scored ? v.bandLabel(a) : ''),
        scored ? n(a.total.points.value) : '',
        n(a.total.max.value),
        scored ? n(a.bySource.appraisal.points.value) : '',
        scored ? n(a.bySource.survey.points.value) : '',
        scored ? n(a.bySource.bonus.value) : '',
        scored ? n(a.bySource.penalty.value) : '',
        n(a.previous?.index.value),
        ...v.fieldCodes.map((fc) => (scored ? n(a.fields.find((f) => f.code === fc)?.index.value) : '')),
        ...(marked ? [text(agencyMarks(a, v.setOf(a), lang).join('; '))] : []),
      ]);
    }
  }
  return csvDocument(rows, sep);
}
