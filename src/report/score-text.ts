/** The ranked round in the terminal: per group a ranked table, a summary, and rounding notes. */
import type { ChalkInstance } from 'chalk';
import { Rational } from '../core/rational.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, CriteriaRef, RoundResult } from '../result/schema.js';
import { overlapNote, rankRange } from './certainty-text.js';
import { cell, fmtNumber, fmtPercent, fmtRankChange } from './format.js';
import { agencyMarks, groupExtremes, groupMarkCounts } from './marks.js';

/** Lines of the ranked tables, one block per group. */
export function renderScoreText(result: RoundResult, lang: Lang, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const byCode = new Map(result.agencies.map((a) => [a.code, a]));
  const setOf = new Map(result.criteria.map((s) => [s.ref, s]));
  lines.push(c.bold(`${result.round.name} (${result.round.year})`));
  lines.push(c.dim(result.criteria.map((s) => `${s.ref} — ${s.decision.number}`).join(' · ')));
  for (const group of result.groups) {
    const members = group.agencies.map((code) => byCode.get(code)).filter((a): a is AgencyResult => a !== undefined);
    const set = setOf.get(members[0]?.set ?? '') ?? result.criteria[0];
    if (!set) continue;
    const dec = set.rounding.decimals;
    const fields = set.fields.filter((f) => f.max > 0);
    lines.push('');
    lines.push(c.bold(`${textOf(group.title, lang)} — ${members.length} ${lang === 'vi' ? 'cơ quan' : 'agencies'}`));
    const ranged = members.some((a) => a.interval !== undefined);
    const head =
      cell(lang === 'vi' ? 'Hạng' : 'Rank', 7, 'right') +
      (ranged ? ' ' + cell(lang === 'vi' ? 'Khoảng' : 'Range', 6) : '') +
      ' ' +
      cell(lang === 'vi' ? 'Thay đổi' : 'Change', 8) +
      ' ' +
      cell(lang === 'vi' ? 'Cơ quan' : 'Agency', 34) +
      ' ' +
      cell(lang === 'vi' ? 'Chỉ số' : 'Index', 8, 'right') +
      ' ' +
      cell(lang === 'vi' ? 'Nhóm' : 'Band', 5) +
      fields.map((f) => ' ' + cell(`${lang === 'vi' ? 'LV' : 'F'}${f.code}`, 6, 'right')).join('');
    // Marks (open errors, missing survey data, a band from the exact value) get a column only when there are some.
    const marks = new Map(members.map((a) => [a.code, agencyMarks(a, set, lang)]));
    const marked = [...marks.values()].some((m) => m.length > 0);
    lines.push(c.dim(marked ? `${head}  ${lang === 'vi' ? 'Ghi chú' : 'Notes'}` : head));
    for (const a of members) {
      const rank = a.rank !== undefined ? `${a.rank}/${a.groupSize ?? members.length}` : '—';
      const change = fmtRankChange(a.previous?.rankChange, a.isNew, lang, true);
      const band = set.bands.find((b) => b.id === a.band);
      const bandText = band ? band.id : '';
      const colour = bandColour(c, set, a.band);
      const row =
        cell(rank, 7, 'right') +
        (ranged ? ' ' + cell(rankRange(a), 6) : '') +
        ' ' +
        cell(change, 8) +
        ' ' +
        cell(a.name, 34) +
        ' ' +
        colour(cell(a.status === 'missing' ? '—' : fmtPercent(a.total.index.value, dec, lang), 8, 'right')) +
        ' ' +
        colour(cell(bandText, 5)) +
        fields.map((f) => ' ' + cell(fieldPoints(a, f.code, dec, lang), 6, 'right')).join('');
      const note = marks.get(a.code)!.join('; ');
      const full = note ? `${row}  ${a.openErrors ? c.red(`⚠ ${note}`) : c.yellow(`⚠ ${note}`)}` : row;
      lines.push(a.status === 'missing' ? c.dim(full) : full);
    }
    lines.push(summaryLine(result, group, byCode, set, lang));
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
      lines.push(
        c.yellow(
          lang === 'vi'
            ? `Lưu ý làm tròn: ${names.join(' và ')} cùng hiển thị ` +
                `${fmtNumber(Number(note.shown), dec, lang)}% nhưng xếp hạng khác nhau (${exact.join(' và ')}).`
            : `Rounding note: ${names.join(' and ')} both show ${fmtNumber(Number(note.shown), dec, lang)}% ` +
                `but rank differently (${exact.join(' and ')}).`,
        ),
      );
    }
    for (const note of group.overlapNotes ?? [])
      lines.push(c.dim(overlapNote(note, (code) => byCode.get(code)?.name ?? code, lang)));
  }
  return lines;
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
