/**
 * The appraisal loop in the reports: each item's path (self → round 1 → explanation → round 2 …)
 * as one line of text, the history table (one row per step) and the self-scoring gap table
 * (agencies by the gap between their self-assessed and appraised totals). Pure functions of the
 * result; the Excel and HTML renderers lay them out.
 */
import type { Lang } from '../messages/types.js';
import type { AgencyResult, HistoryStep, RoundResult } from '../result/schema.js';
import { fmtNumber } from './format.js';

/** Whether the result carries the loop (a round with appraisal or explanation files). */
export function hasLoop(result: RoundResult): boolean {
  return result.agencies.some((a) => a.selfGap !== undefined);
}

/** "Tự chấm 1 → Lần 1: 0,5 → Giải trình → Lần 2: 1": an item's path in one short line. */
export function historyLine(steps: readonly HistoryStep[], lang: Lang, decimals: number): string {
  const vi = lang === 'vi';
  const n = (h: HistoryStep): string => (h.points ? fmtNumber(h.points.value, decimals, lang) : '—');
  return steps
    .map((h) =>
      h.step === 'self'
        ? `${vi ? 'Tự chấm' : 'Self'} ${n(h)}`
        : h.step === 'appraisal'
          ? `${vi ? 'Lần' : 'Round'} ${h.round}: ${n(h)}`
          : `${vi ? 'Giải trình' : 'Explained'}${h.late ? (vi ? ' (sau hạn)' : ' (late)') : ''}`,
    )
    .join(' → ');
}

/** A table for a sheet: headers, widths, and rows of cells (a number with its format, or text). */
export interface SheetTable {
  head: string[];
  widths: number[];
  rows: (string | { num: number; fmt: 'pts' | 'int' } | undefined)[][];
}

/** Every step of every item's path, one row each, in agency and item order. */
export function historyTable(result: RoundResult, lang: Lang): SheetTable {
  const vi = lang === 'vi';
  const head = vi
    ? [
        'Mã cơ quan',
        'Cơ quan',
        'Mã tiêu chí',
        'Bước',
        'Lần',
        'Điểm',
        'Lý do / giải trình',
        'Tài liệu kiểm chứng',
        'Ngày',
        'Sau hạn',
        'Tệp',
        'Ô',
      ]
    : [
        'Agency',
        'Name',
        'Item',
        'Step',
        'Round',
        'Points',
        'Reason / explanation',
        'Evidence',
        'Date',
        'Late',
        'File',
        'Cell',
      ];
  const stepName = {
    self: vi ? 'Tự chấm' : 'Self-score',
    appraisal: vi ? 'Thẩm định' : 'Appraisal',
    explanation: vi ? 'Giải trình' : 'Explanation',
  };
  const rows: SheetTable['rows'] = [];
  for (const a of result.agencies)
    for (const it of a.items)
      for (const h of it.history ?? [])
        rows.push([
          a.code,
          a.name,
          it.code,
          stepName[h.step],
          h.round !== undefined ? { num: h.round, fmt: 'int' } : undefined,
          h.points ? { num: h.points.value, fmt: 'pts' } : undefined,
          h.reason ?? h.reply,
          h.evidence,
          h.date && vi ? `${h.date.slice(8, 10)}/${h.date.slice(5, 7)}/${h.date.slice(0, 4)}` : h.date,
          h.late ? (vi ? 'sau hạn' : 'late') : undefined,
          h.file,
          h.cell,
        ]);
  return { head, widths: [10, 28, 10, 12, 6, 8, 50, 30, 11, 8, 30, 7], rows };
}

/** Agencies by gap between self-assessed and appraised points, largest first (ties by code). */
export function agenciesByGap(result: RoundResult): AgencyResult[] {
  return result.agencies
    .filter((a) => a.selfGap !== undefined)
    .map((a, i) => ({ a, i }))
    .sort(
      (p, q) =>
        q.a.selfGap!.gap.value - p.a.selfGap!.gap.value ||
        (p.a.code < q.a.code ? -1 : p.a.code > q.a.code ? 1 : p.i - q.i),
    )
    .map((x) => x.a);
}

/** The gap sheet: one row per agency, by gap, with its totals and the gap of every field. */
export function gapTable(result: RoundResult, lang: Lang, fieldCodes: readonly string[]): SheetTable {
  const vi = lang === 'vi';
  const head = [
    '#',
    vi ? 'Nhóm' : 'Group',
    vi ? 'Mã' : 'Code',
    vi ? 'Cơ quan' : 'Agency',
    vi ? 'Tự chấm' : 'Self-scored',
    vi ? 'Sau thẩm định' : 'Appraised',
    vi ? 'Chênh lệch' : 'Gap',
    ...fieldCodes.map((c) => `${vi ? 'Chênh LV' : 'Gap F'}${c}`),
  ];
  const groupTitle = new Map(result.groups.map((g) => [g.id, lang === 'en' ? (g.title.en ?? g.title.vi) : g.title.vi]));
  const rows: SheetTable['rows'] = agenciesByGap(result).map((a, i) => {
    const g = a.selfGap!;
    const byField = new Map(g.fields.map((f) => [f.code, f]));
    return [
      { num: i + 1, fmt: 'int' },
      groupTitle.get(a.group) ?? a.group,
      a.code,
      a.name,
      { num: g.self.value, fmt: 'pts' },
      { num: g.appraised.value, fmt: 'pts' },
      { num: g.gap.value, fmt: 'pts' },
      ...fieldCodes.map((c) => {
        const f = byField.get(c);
        return f ? { num: f.gap.value, fmt: 'pts' as const } : undefined;
      }),
    ];
  });
  return { head, widths: [5, 20, 10, 36, 11, 13, 11, ...fieldCodes.map(() => 9)], rows };
}
