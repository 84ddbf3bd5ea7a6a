/** The ranked round in the terminal: per group a ranked table, a summary, and rounding notes. */
import type { ChalkInstance } from 'chalk';
import { Rational } from '../core/rational.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, CriteriaRef, RoundResult } from '../result/schema.js';
import { overlapNote, rankRange } from './certainty-text.js';
import { cell, fmtNumber, fmtPercent, fmtRankChange } from './format.js';
import { agencyMarks, groupExtremes, groupMarkCounts } from './marks.js';
import { layoutTable, wrapText, type TextColumn } from './text-table.js';

/** How the ranked tables are laid out: the terminal's width, which the CLI passes down. */
export interface ScoreTextOptions {
  /**
   * Columns available (the CLI passes the terminal's). Narrower than the full table, the field columns
   * leave first. Without it nothing is left out or wrapped.
   */
  width?: number;
}

/** Lines of the ranked tables, one block per group. */
export function renderScoreText(
  result: RoundResult,
  lang: Lang,
  c: ChalkInstance,
  options: ScoreTextOptions = {},
): string[] {
  const width = options.width === undefined ? Number.POSITIVE_INFINITY : Math.max(40, options.width);
  const lines: string[] = [];
  const wrapped = (text: string, style: (s: string) => string = (s) => s): void => {
    for (const l of wrapText(text, width)) lines.push(style(l));
  };
  const byCode = new Map(result.agencies.map((a) => [a.code, a]));
  const setOf = new Map(result.criteria.map((s) => [s.ref, s]));
  const legendShown = new Set<string>();
  wrapped(`${result.round.name} (${result.round.year})`, c.bold);
  wrapped(result.criteria.map((s) => `${s.ref} — ${s.decision.number}`).join(' · '), c.dim);
  for (const group of result.groups) {
    const members = group.agencies.map((code) => byCode.get(code)).filter((a): a is AgencyResult => a !== undefined);
    const set = setOf.get(members[0]?.set ?? '') ?? result.criteria[0];
    if (!set) continue;
    lines.push('');
    wrapped(`${textOf(group.title, lang)} — ${members.length} ${lang === 'vi' ? 'cơ quan' : 'agencies'}`, c.bold);
    const table = layoutTable(rankingColumns(members, set, lang, c), members, width);
    const fieldsShown = !table.dropped.includes('fields');
    if (fieldsShown && !legendShown.has(set.ref)) {
      legendShown.add(set.ref);
      for (const l of fieldLegend(set, lang, Number.isFinite(width) ? width : 100)) lines.push(c.dim(l));
    }
    for (const l of table.head) lines.push(c.dim(l));
    members.forEach((a, i) => {
      for (const l of table.rows[i] ?? []) lines.push(a.status === 'missing' ? c.dim(l) : l);
    });
    if (!fieldsShown)
      wrapped(
        lang === 'vi'
          ? `Không đủ chỗ cho điểm từng lĩnh vực ở độ rộng ${width} cột (cần khoảng 100): xem ` +
              '"parindex explain <thư mục> <mã cơ quan>" hoặc ghi báo cáo với --out ket-qua.csv.'
          : `No room for the points per field at ${width} columns (about 100 needed): see ` +
              '"parindex explain <round> <agency code>" or write a report with --out results.csv.',
        c.dim,
      );
    wrapped(summaryLine(result, group, byCode, set, lang));
    for (const note of group.roundingNotes) {
      const names = note.agencies.map((code) => byCode.get(code)?.name ?? code);
      const exact = note.agencies.map((code) => {
        const a = byCode.get(code);
        return a
          ? fmtPercent(
              Number(Rational.fromExact(a.total.index.exact)?.toFixed(note.decimals) ?? a.total.index.value),
              note.decimals,
              lang,
            )
          : code;
      });
      const dec = set.rounding.decimals;
      wrapped(
        lang === 'vi'
          ? `Lưu ý làm tròn: ${names.join(' và ')} cùng hiển thị ` +
              `${fmtNumber(Number(note.shown), dec, lang)}% nhưng xếp hạng khác nhau (${exact.join(' và ')}).`
          : `Rounding note: ${names.join(' and ')} both show ${fmtNumber(Number(note.shown), dec, lang)}% ` +
              `but rank differently (${exact.join(' and ')}).`,
        c.yellow,
      );
    }
    for (const note of group.overlapNotes ?? [])
      wrapped(
        overlapNote(note, (code) => byCode.get(code)?.name ?? code, lang),
        c.dim,
      );
  }
  return lines;
}

/**
 * The columns of a group's ranked table, as data: a column added here (or a mark in a cell) needs no
 * change to the layout. The band column is named as the band ("Xếp loại", as in the Excel and CSV
 * reports), not "Nhóm", which users also read as the ranking group the table is for.
 */
export function rankingColumns(
  members: readonly AgencyResult[],
  set: CriteriaRef,
  lang: Lang,
  c: ChalkInstance,
): TextColumn<AgencyResult>[] {
  const vi = lang === 'vi';
  const dec = set.rounding.decimals;
  const colour = (a: AgencyResult, s: string): string => bandColour(c, set, a.band)(s);
  const columns: TextColumn<AgencyResult>[] = [
    {
      header: vi ? 'Hạng' : 'Rank',
      align: 'right',
      value: (a) => (a.rank !== undefined ? `${a.rank}/${a.groupSize ?? members.length}` : '—'),
    },
  ];
  if (members.some((a) => a.interval !== undefined))
    columns.push({ header: vi ? 'Khoảng' : 'Range', value: rankRange, drop: { group: 'range', order: 2 } });
  if (members.some((a) => a.isNew || a.previous?.rankChange !== undefined))
    columns.push({
      header: vi ? 'Thay\nđổi' : 'Change',
      value: (a) => fmtRankChange(a.previous?.rankChange, a.isNew, lang, true),
    });
  columns.push(
    { header: vi ? 'Cơ quan' : 'Agency', value: (a) => a.name, flex: { min: 16, max: 40, lines: 2 } },
    {
      header: vi ? 'Chỉ số' : 'Index',
      align: 'right',
      value: (a) => (a.status === 'missing' ? '—' : fmtPercent(a.total.index.value, dec, lang)),
      style: colour,
    },
    {
      header: vi ? 'Xếp\nloại' : 'Band',
      value: (a) => set.bands.find((b) => b.id === a.band)?.id ?? '',
      style: colour,
    },
  );
  for (const f of set.fields.filter((x) => x.max > 0))
    columns.push({
      header: `${vi ? 'LV' : 'F'}${f.code}`,
      align: 'right',
      value: (a) => fieldPoints(a, f.code, dec, lang),
      drop: { group: 'fields', order: 1 },
    });
  // Marks (open errors, missing survey data, a band from the exact value) get a column only when there
  // are some. It is never left out and wraps rather than cuts: the field columns leave before it.
  const marks = new Map(members.map((a) => [a.code, agencyMarks(a, set, lang)]));
  if ([...marks.values()].some((m) => m.length > 0))
    columns.push({
      header: vi ? 'Ghi chú' : 'Notes',
      value: (a) => {
        const m = marks.get(a.code) ?? [];
        return m.length > 0 ? `⚠ ${m.join('; ')}` : '';
      },
      style: (a, s) => (a.openErrors ? c.red(s) : c.yellow(s)),
      flex: { min: 20, max: 60 },
    });
  return columns;
}

/**
 * What the field columns and the band letters mean: "LV1 (9) Chỉ đạo, điều hành CCHC", the maximum
 * before the title so that shortening a title never hides it, in as many columns as the width holds;
 * then the bands' ranges.
 */
export function fieldLegend(set: CriteriaRef, lang: Lang, width: number): string[] {
  const vi = lang === 'vi';
  const fields = set.fields.filter((f) => f.max > 0);
  const entries = fields.map(
    (f) => `${vi ? 'LV' : 'F'}${f.code} (${fmtMax(f.max, lang)}) ${shortTitle(f.title, lang)}`,
  );
  const perLine = Math.max(1, Math.floor((width + 2) / 48));
  const entryWidth = Math.floor((width + 2) / perLine) - 2;
  const lines = [
    vi
      ? 'Cột LV: điểm đạt được theo lĩnh vực (điểm tối đa trong ngoặc):'
      : 'Columns F: points achieved per field (maximum in brackets):',
  ];
  for (let i = 0; i < entries.length; i += perLine)
    lines.push(
      entries
        .slice(i, i + perLine)
        .map((e) => cell(wrapText(e, entryWidth, 1)[0] ?? '', entryWidth))
        .join('  ')
        .trimEnd(),
    );
  const bands = set.bands.map((b) => `${b.id} ${bandRange(b, lang)}`).join(' · ');
  lines.push(...wrapText(`${vi ? 'Xếp loại' : 'Band'}: ${bands}`, width));
  return lines;
}

/** "≥ 90%", "80–<90%", "< 70%": the band's range, [min, max) as criteria/bands.ts reads it. */
function bandRange(b: { min: number; max: number }, lang: Lang): string {
  const n = (x: number): string => (lang === 'vi' ? String(x).replace('.', ',') : String(x));
  if (b.min === b.max) return `${n(b.min)}%`;
  if (b.max >= 100) return `≥ ${n(b.min)}%`;
  if (b.min <= 0) return `< ${n(b.max)}%`;
  return `${n(b.min)}–<${n(b.max)}%`;
}

function fmtMax(max: number, lang: Lang): string {
  return lang === 'vi' ? String(max).replace('.', ',') : String(max);
}

/** Words users already read as abbreviations in PAR documents (glossary: CCHC, TTHC, QPPL …). */
const SHORT_WORDS: [RegExp, string][] = [
  [/cải cách hành chính/giu, 'CCHC'],
  [/thủ tục hành chính/giu, 'TTHC'],
  [/hành chính nhà nước/giu, 'HCNN'],
  [/quy phạm pháp luật/giu, 'QPPL'],
  [/dịch vụ công trực tuyến/giu, 'DVCTT'],
  [/kinh tế - xã hội/giu, 'KT-XH'],
];

/**
 * A field title shortened for the legend: the usual abbreviations, and the leading "Cải cách" /
 * "Công tác" that every field of the index shares dropped. The width cut comes after, in the legend.
 */
export function shortTitle(title: CriteriaRef['fields'][number]['title'], lang: Lang): string {
  let t = textOf(title, lang).normalize('NFC');
  if (lang !== 'vi') return t;
  for (const [re, short] of SHORT_WORDS) t = t.replace(re, short);
  const rest = t.replace(/^(Cải cách|Công tác)\s+/u, '');
  if (rest !== t && rest.length > 0 && !/^CCHC\b/u.test(rest)) t = rest.charAt(0).toUpperCase() + rest.slice(1);
  return t;
}

function summaryLine(
  result: RoundResult,
  group: RoundResult['groups'][number],
  byCode: Map<string, AgencyResult>,
  set: CriteriaRef,
  lang: Lang,
): string {
  const dec = set.rounding.decimals;
  const bands = group.bands
    .filter((b) => b.count > 0)
    .map((b) => {
      const label = set.bands.find((x) => x.id === b.id)?.label;
      return (
        `${b.count} ` + `${lang === 'vi' ? 'cơ quan' : ''}${lang === 'vi' ? ' ' : ''}${textOf(label, lang) || b.id}`
      ).replace(/\s+/g, ' ');
    });
  void result;
  const vi = lang === 'vi';
  const members = group.agencies.map((code) => byCode.get(code)).filter((a): a is AgencyResult => a !== undefined);
  const counts = groupMarkCounts(members, lang);
  if (!members.some((a) => a.rank !== undefined))
    return [vi ? 'Chưa có cơ quan nào được xếp hạng' : 'No agency is ranked', ...counts].join('; ') + '.';
  const x = groupExtremes(group, (code) => byCode.get(code), dec, lang);
  const parts = [
    `${vi ? 'Giá trị trung bình' : 'Mean'} ${fmtPercent(group.mean.value, dec, lang)}`,
    ...(bands.length > 0 ? [bands.join(', ')] : []),
    ...(x.all ? [x.all] : []),
    ...(x.highest ? [`${vi ? 'cao nhất' : 'highest'}: ${x.highest.names} ${x.highest.index}${x.highest.tied}`] : []),
    ...(x.lowest ? [`${vi ? 'thấp nhất' : 'lowest'}: ${x.lowest.names} ${x.lowest.index}${x.lowest.tied}`] : []),
    ...counts,
  ];
  return parts.join('; ') + '.';
}

function fieldPoints(a: AgencyResult, code: string, dec: number, lang: Lang): string {
  const f = a.fields.find((x) => x.code === code);
  return f && a.status !== 'missing' ? fmtNumber(f.points.value, dec, lang) : '';
}

function bandColour(c: ChalkInstance, set: CriteriaRef, band: string | undefined): (s: string) => string {
  const i = set.bands.findIndex((b) => b.id === band);
  if (i === 0) return c.green;
  if (i === 1) return c.cyan;
  if (i === 2) return c.yellow;
  if (i >= 3) return c.red;
  return (s) => s;
}

/** Text in a language with the Vietnamese fallback. */
export function textOf(t: { vi: string; en?: string | undefined } | undefined, lang: Lang): string {
  if (!t) return '';
  return lang === 'en' ? (t.en ?? t.vi) : t.vi;
}
