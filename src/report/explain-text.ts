/** One agency's scorecard in the terminal: every item, how its rule applied, and the gap list. */
import type { ChalkInstance } from 'chalk';
import { Rational } from '../core/rational.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, CriteriaRef, HistoryStep, ItemResult, RoundResult } from '../result/schema.js';
import { cell, fmtNumber, fmtPercent, fmtRankChange } from './format.js';
import { textOf } from './score-text.js';
import { hangText } from './text-table.js';
import { comparisonBasis, indexRange, rankWithInterval } from './certainty-text.js';
import { agencyMarks } from './marks.js';
import { scorecardRows, signedPoints } from './scorecard.js';

/** How many gap lines to show. */
const GAPS = 10;

/** Lines of the scorecard of `agency`: a result's criteria sets (and groups, for the rank's group title). */
export function renderExplainText(
  result: Pick<RoundResult, 'criteria'> & Partial<Pick<RoundResult, 'groups' | 'uncertainty' | 'comparison'>>,
  agency: AgencyResult,
  lang: Lang,
  c: ChalkInstance,
  options: { width?: number } = {},
): string[] {
  const width = options.width;
  /** Lines of `text` after `prefix`, wrapped to the width with a hanging indent, each styled. */
  const hung = (prefix: string, text: string, style: (s: string) => string = (x) => x): string[] =>
    hangText(prefix, text, width).map((l) => style(l));
  const set = result.criteria.find((s) => s.ref === agency.set);
  const dec = set?.rounding.decimals ?? 2;
  const n = (x: { value: number } | undefined): string => (x ? fmtNumber(x.value, dec, lang) : '');
  const vi = lang === 'vi';
  const sgn = (x: { exact: string; value: number }, sign: 1 | -1): string => signedPoints(exact(x), sign, dec, lang);
  const lines: string[] = [];
  lines.push(c.bold(`${agency.name} (${agency.code})`));
  const group = result.groups?.find((g) => g.id === agency.group);
  const rankText =
    agency.rank !== undefined
      ? vi
        ? `xếp thứ ${agency.rank}/${agency.groupSize ?? group?.agencies.length ?? '?'} trong ` +
          `${textOf(group?.title, lang)}`
        : `ranked ${agency.rank}/${agency.groupSize ?? group?.agencies.length ?? '?'} in ${textOf(group?.title, lang)}`
      : vi
        ? 'chưa xếp hạng'
        : 'not ranked';
  const band = set?.bands.find((b) => b.id === agency.band);
  const change = fmtRankChange(agency.previous?.rankChange, agency.isNew, lang);
  const index = fmtPercent(agency.total.index.value, dec, lang);
  // Wrapped as plain text, then the index (on the first line) in bold.
  hangText(
    `${vi ? 'Chỉ số' : 'Index'} `,
    `${index} (${n(agency.total.points)}/${n(agency.total.max)} ${vi ? 'điểm' : 'points'})` +
      `, ${rankText}${band ? `, ${textOf(band.label, lang)}` : ''}${change ? `, ${change}` : ''}.`,
    width,
  ).forEach((l, i) => lines.push(i === 0 ? l.replace(index, c.bold(index)) : l));
  const basis = comparisonBasis(agency, lang);
  if (basis) lines.push(...hung('', vi ? `Năm trước: ${basis}.` : `Last year: ${basis}.`));
  if (agency.interval) {
    const iv = agency.interval;
    lines.push(
      ...hung(
        '',
        vi
          ? `Độ tin cậy (95%, khoảng Wilson từ ${iv.shares} tỷ lệ khảo sát, ít nhất ${iv.minValid} câu trả lời ` +
              `hợp lệ): ` +
              `chỉ số ${indexRange(agency, dec, lang)}, ${rankWithInterval(agency, lang)}.`
          : `Certainty (95%, Wilson intervals of ${iv.shares} survey shares, at least ${iv.minValid} valid answers): ` +
              `index ${indexRange(agency, dec, lang)}, ${rankWithInterval(agency, lang)}.`,
      ),
    );
  }
  if (agency.alternative && result.uncertainty?.weightsAlt) {
    const alt = agency.alternative;
    const shift = fmtRankChange(alt.shift, false, lang);
    lines.push(
      vi
        ? `Với trọng số thay thế (${result.uncertainty.weightsAlt.file}): chỉ số ` +
            `${fmtPercent(alt.index.value, dec, lang)}, ` +
            `xếp thứ ${alt.rank}${shift ? ` (${shift})` : ''}.`
        : `With the alternative weights (${result.uncertainty.weightsAlt.file}): index ` +
            `${fmtPercent(alt.index.value, dec, lang)}, ` +
            `ranked ${alt.rank}${shift ? ` (${shift})` : ''}.`,
    );
  }
  for (const m of agencyMarks(agency, set, lang)) lines.push(...hung('⚠ ', m, agency.openErrors ? c.red : c.yellow));
  const s = agency.bySource;
  lines.push(
    c.dim(
      vi
        ? `Thẩm định ${n(s.appraisal.points)}/${n(s.appraisal.max)} · điều tra XHH ` +
            `${n(s.survey.points)}/${n(s.survey.max)} · thưởng ${sgn(s.bonus, 1)} · trừ ${sgn(s.penalty, -1)}`
        : `Appraisal ${n(s.appraisal.points)}/${n(s.appraisal.max)} · survey ` +
            `${n(s.survey.points)}/${n(s.survey.max)} · bonus ${sgn(s.bonus, 1)} · penalty ${sgn(s.penalty, -1)}`,
    ),
  );
  if (agency.selfGap) lines.push(c.dim(selfGapLine(agency.selfGap, n, lang)));
  lines.push('');
  lines.push(
    c.dim(
      cell(vi ? 'Mã' : 'Code', 7) +
        ' ' +
        cell(vi ? 'Tối đa' : 'Max', 6, 'right') +
        ' ' +
        cell(vi ? 'Tự chấm' : 'Self', 7, 'right') +
        ' ' +
        cell(vi ? 'Thẩm định' : 'Appr.', 9, 'right') +
        ' ' +
        cell(vi ? 'Điểm' : 'Final', 6, 'right') +
        '  ' +
        (vi ? 'Cách tính' : 'How scored'),
    ),
  );
  const title = itemTitles(set, lang);
  const fieldRows = new Map(scorecardRows(agency).flatMap((r) => (r.kind === 'field' ? [[r.code, r] as const] : [])));
  for (const f of agency.fields) {
    const ft = set?.fields.find((x) => x.code === f.code);
    // Bonus and penalty have their own signed figures, never a percentage of a zero maximum.
    const fr = fieldRows.get(f.code);
    const bonus = fr?.adjustments.bonus;
    const penalty = fr?.adjustments.penalty;
    const figures = [
      ...(!fr || fr.scored ? [`${n(f.points)}/${n(f.max)} (${fmtPercent(f.index.value, dec, lang)})`] : []),
      ...(bonus !== undefined ? [`${vi ? 'thưởng' : 'bonus'} ${signedPoints(bonus, 1, dec, lang)}`] : []),
      ...(penalty !== undefined ? [`${vi ? 'trừ' : 'penalty'} ${signedPoints(penalty, -1, dec, lang)}`] : []),
    ];
    lines.push(...hung(`${f.code}. `, `${textOf(ft?.title, lang)} — ${figures.join(' · ')}`, c.bold));
    for (const it of agency.items.filter((i) => i.field === f.code && i.applicable)) {
      const changed = it.appraised !== undefined && it.self !== undefined && it.appraised.exact !== it.self.exact;
      const prefix =
        cell(it.code, 7) +
        ' ' +
        cell(n(it.max), 6, 'right') +
        ' ' +
        cell(it.self ? n(it.self) : '—', 7, 'right') +
        ' ' +
        cell(it.appraised ? n(it.appraised) : '', 9, 'right') +
        ' ' +
        cell(n(it.final), 6, 'right') +
        '  ';
      const how = it.notApplicable ? (vi ? 'không áp dụng' : 'not applicable') : textOf(it.detail, lang);
      lines.push(...hung(prefix, how, changed ? c.yellow : undefined));
      const t = title.get(it.code);
      if (t) lines.push(...hung('        ', t, c.dim));
      if (it.history) for (const h of it.history) lines.push(...hung('        ', historyStepText(h, n, lang), c.dim));
      else if (changed && it.reason)
        lines.push(...hung('        ', `${vi ? 'Lý do thẩm định' : 'Appraisal reason'}: ${it.reason}`, c.yellow));
    }
  }
  const gaps = gapList(agency).slice(0, GAPS);
  if (gaps.length > 0) {
    lines.push('');
    lines.push(c.bold(vi ? 'Các tiêu chí mất nhiều điểm nhất' : 'Where the most points were lost'));
    for (const g of gaps) {
      const lost = fmtNumber(Number(g.lost.toFixed(dec, set?.rounding.mode)), dec, lang);
      const gain =
        g.item.placesIfFull === undefined
          ? ''
          : g.item.placesIfFull > 0
            ? vi
              ? ` — đủ điểm sẽ tăng ${g.item.placesIfFull} bậc`
              : ` — full points would gain ${g.item.placesIfFull} place(s)`
            : vi
              ? ' — đủ điểm không đổi thứ hạng'
              : ' — full points would not change the rank';
      lines.push(...hung(`  ${cell(g.item.code, 7)} −${lost}  `, `${title.get(g.item.code) ?? ''}${gain}`));
    }
  }
  return lines;
}

/** "Tự chấm 45,5 · sau thẩm định 44 · chênh lệch 1,5" for an agency. */
export function selfGapLine(
  g: NonNullable<AgencyResult['selfGap']>,
  n: (x: { value: number }) => string,
  lang: Lang,
): string {
  return lang === 'vi'
    ? `Tự chấm ${n(g.self)} · sau thẩm định ${n(g.appraised)} · chênh lệch ${n(g.gap)} điểm`
    : `Self-scored ${n(g.self)} · after appraisal ${n(g.appraised)} · gap ${n(g.gap)} points`;
}

/** One step of an item's path in words, with the file and cell it came from. */
export function historyStepText(h: HistoryStep, n: (x: { value: number }) => string, lang: Lang): string {
  const vi = lang === 'vi';
  const where =
    `(${h.file}${h.cell ? `, ${vi ? 'ô' : 'cell'} ${h.cell}` : ''}` +
    `${h.date ? `, ${fmtDate(h.date, lang)}` : ''}${h.late ? (vi ? ', SAU HẠN' : ', LATE') : ''})`;
  const pts = h.points ? n(h.points) : '—';
  if (h.step === 'self')
    return (
      `${vi ? 'Tự chấm' : 'Self-score'} ` +
      `${pts}${h.evidence ? ` — ${vi ? 'tài liệu' : 'evidence'}: ${h.evidence}` : ''} ${where}`
    );
  if (h.step === 'appraisal')
    return (
      `${vi ? `Thẩm định lần ${h.round}` : `Appraisal round ${h.round}`}: ` +
      `${pts}${h.reason ? ` — ${h.reason}` : ''} ${where}`
    );
  const parts = [h.reply, h.evidence ? `${vi ? 'bổ sung' : 'added'}: ${h.evidence}` : undefined]
    .filter(Boolean)
    .join(' — ');
  return `${vi ? `Giải trình sau lần ${h.round}` : `Explanation after round ${h.round}`}: ${parts} ${where}`;
}

function fmtDate(iso: string, lang: Lang): string {
  return lang === 'vi' ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/** Items that lost points, most lost first (ties by code). */
export function gapList(agency: AgencyResult): { item: ItemResult; lost: Rational }[] {
  return agency.items
    .filter((i) => i.applicable && !i.notApplicable && (i.source === 'appraisal' || i.source === 'survey'))
    .map((item) => ({ item, lost: exact(item.max).sub(exact(item.final)) }))
    .filter((g) => g.lost.gt(Rational.ZERO))
    .sort((a, b) => b.lost.cmp(a.lost) || a.item.code.localeCompare(b.item.code, 'en', { numeric: true }));
}

function exact(n: { exact: string; value: number }): Rational {
  return Rational.fromExact(n.exact) ?? Rational.fromNumber(n.value);
}

function itemTitles(set: CriteriaRef | undefined, lang: Lang): Map<string, string> {
  return new Map((set?.items ?? []).map((i) => [i.code, textOf(i.title, lang)]));
}
