/**
 * The SIPAS result for people: a ranked table in the terminal, and an Excel workbook (ranking,
 * indices per element and domain, every item with its counts, findings, and what was computed
 * how). Deterministic: the workbook's dates are fixed, so the same result gives the same bytes.
 */
import type { ChalkInstance } from 'chalk';
import type ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { loadExcel } from '../core/excel.js';
import { fixZipTimestamps } from '../core/zip.js';
import type { Lang } from '../messages/types.js';
import { rankedUnits, sipasBlocks, sipasRoundingNotes } from '../rank/sipas.js';
import type { SipasResult, SipasResultUnit } from '../result/sipas.js';
import type { SipasUnit } from '../score/sipas.js';
import { cell, fmtNumber, fmtPercent } from './format.js';
import { textOf } from './score-text.js';
import { addFindingsSheet, close, header, next, numberCell, PCT, ratio, rowsOf, sheet } from './xlsx-report.js';
import { setTextCell } from '../core/xlsx-text.js';
import { fmtPoints, sipasBasisText, sipasComparisonText, sipasRankChange } from './sipas-change-text.js';

/** The workbook's document date: SIPAS answers carry none, so a fixed one keeps the bytes stable. */
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

function unitLabel(r: SipasResult, lang: Lang): string {
  return r.by === 'agency' ? (lang === 'vi' ? 'Cơ quan' : 'Agency') : lang === 'vi' ? 'Đối tượng' : 'Group';
}

/** The ranking blocks' ids in the result's order. */
function groupOrder(r: SipasResult): string[] {
  return (r.groups ?? []).map((g) => g.id);
}

/** A block's title in the language asked, its id when the round gives none ("—" for units of no group). */
function groupTitle(r: SipasResult, id: string | undefined, lang: Lang): string {
  if (id === undefined) return lang === 'vi' ? 'Không thuộc nhóm' : 'No group';
  const t = r.groups?.find((g) => g.id === id)?.title;
  return t ? textOf(t, lang) : id;
}

function pct(u: { index?: { value: number } }, lang: Lang): string {
  return u.index ? fmtPercent(u.index.value, 2, lang) : '—';
}

/** Each domain's and element's title in the language asked (Vietnamese when there is no English). */
function measureTitles(r: SipasResult, lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of r.aggregation.domains) {
    if (d.title) out.set(d.id, textOf(d.title, lang));
    for (const e of d.elements) if (e.title) out.set(`${d.id}.${e.id}`, textOf(e.title, lang));
  }
  return out;
}

/** Words in lines of at most `width` characters; a longer word is split. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let w of text.split(/\s+/).filter((x) => x !== '')) {
    while (w.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines of the terminal table: rank "n/N", respondents, overall, domains, elements. */
/** The item rule in Vietnamese, from the result's own (English) statement of it. */
function itemRuleVi(r: SipasResult): string {
  const share = 'số phiếu hài lòng ÷ số phiếu trả lời hợp lệ × 100';
  const score = 'điểm trung bình của các phiếu trả lời hợp lệ (điểm % của từng mức)';
  if (r.aggregation.item.startsWith('mean score')) return score;
  return r.aggregation.item.includes('mean score') ? `${share}, hoặc ${score} với thang tính điểm` : share;
}

export function renderSipasText(r: SipasResult, lang: Lang, c: ChalkInstance): string[] {
  const vi = lang === 'vi';
  const lines: string[] = [];
  lines.push(c.bold(`SIPAS — ${textOf(r.questionnaire.title, lang)}`));
  lines.push(
    c.dim(`${r.questionnaire.ref}${r.questionnaire.illustrative ? (vi ? ' (minh hoạ)' : ' (illustrative)') : ''}`),
  );
  const domains = r.overall.domains.map((d) => d.id);
  const elements = r.overall.elements.map((e) => e.id);
  const shortEl = (id: string): string => id.split('.').pop() ?? id;
  const rankOf = Math.max(0, ...r.units.map((u) => u.rankOf ?? 0));
  const rw = Math.max(7, `${rankOf}/${rankOf}`.length);
  const cmp = r.comparison !== undefined;
  // Domains and elements are headed with the questionnaire's titles, wrapped over as many lines as
  // the longest needs (the last line sits on the figures).
  const titles = measureTitles(r, lang);
  // A column is as wide as its longest word (9 to 14 characters), so words stay whole.
  const heads = [...domains, ...elements].map((id) => titles.get(id) ?? shortEl(id));
  const widths = heads.map((t) => Math.min(14, Math.max(9, ...t.split(/\s+/).map((w) => w.length))));
  const wrapped = heads.map((t, i) => wrapWords(t, widths[i]!));
  const depth = Math.max(1, ...wrapped.map((w) => w.length));
  lines.push('');
  for (let k = 0; k < depth; k++) {
    const last = k === depth - 1;
    const head =
      cell(last ? (vi ? 'Hạng' : 'Rank') : '', rw, 'right') +
      (cmp ? ' ' + cell(last ? (vi ? 'Thay đổi' : 'Change') : '', 8) : '') +
      ' ' +
      cell(last ? unitLabel(r, lang) : '', 28) +
      ' ' +
      cell(last ? (vi ? 'Số phiếu' : 'Resp.') : '', 8, 'right') +
      ' ' +
      cell(last ? 'SIPAS' : '', 8, 'right') +
      (cmp ? ' ' + cell(last ? (vi ? '± điểm %' : '± pts') : '', 8, 'right') : '') +
      wrapped.map((w, i) => ' ' + cell(w[k - (depth - w.length)] ?? '', widths[i]!, 'right')).join('');
    lines.push(c.dim(head.trimEnd()));
  }
  const row = (u: SipasResultUnit, label: string, rank: string): string =>
    cell(rank, rw, 'right') +
    (cmp ? ' ' + cell(u === r.overall ? '' : sipasRankChange(u, lang), 8) : '') +
    ' ' +
    cell(label, 28) +
    ' ' +
    cell(fmtNumber(u.respondents, 0, lang), 8, 'right') +
    ' ' +
    cell(pct(u, lang), 8, 'right') +
    (cmp ? ' ' + cell(u.previous ? fmtPoints(u.previous.change.value, lang) : '', 8, 'right') : '') +
    u.domains.map((d, i) => ' ' + cell(pct(d, lang), widths[i]!, 'right')).join('') +
    u.elements.map((e, i) => ' ' + cell(pct(e, lang), widths[domains.length + i]!, 'right')).join('');
  // Ranked per block (the round's groups) when the units belong to groups, each under its title.
  for (const block of sipasBlocks(r.units, groupOrder(r))) {
    if (r.groups) {
      const title = groupTitle(r, block.group, lang);
      const n = block.units.length;
      lines.push(c.bold(`${title} — ${n} ${vi ? unitLabel(r, lang).toLowerCase() : n === 1 ? 'unit' : 'units'}`));
    }
    for (const u of block.units) {
      const line = row(
        u,
        u.name ? `${u.code} ${u.name}` : u.code,
        u.rank !== undefined ? `${u.rank}/${u.rankOf}` : '—',
      );
      lines.push(u.smallSample ? c.yellow(line) : line);
    }
  }
  lines.push(c.bold(row(r.overall, vi ? 'Chung (gộp mọi phiếu)' : 'Overall (all respondents)', '')));
  if (r.comparison) {
    lines.push(c.dim(sipasComparisonText(r.comparison, lang)));
    for (const u of rankedUnits(r.units)) {
      const basis = sipasBasisText(u, lang);
      if (basis) lines.push(c.dim(`${u.code}: ${basis}.`));
    }
  }
  for (const note of sipasRoundingNotes(r.units))
    lines.push(
      c.dim(
        vi
          ? `${note.codes.join(', ')} cùng hiển thị ${fmtPercent(note.value, 2, lang)} nhưng khác nhau ở giá ` +
              `trị chính xác, nên khác hạng.`
          : `${note.codes.join(', ')} all show ${fmtPercent(note.value, 2, lang)} but differ in exact value, ` +
              `hence different ranks.`,
      ),
    );
  const small = r.units.filter((u) => u.smallSample).length;
  if (small > 0)
    lines.push(
      c.yellow(
        vi
          ? `${small} ${unitLabel(r, lang).toLowerCase()} dưới cỡ mẫu tối thiểu ${r.minSample} phiếu (tô ` +
              `vàng): chỉ số vẫn được tính nhưng kém tin cậy.`
          : `${small} below the minimum sample of ${r.minSample} respondents (yellow): indices are computed ` +
              `but less reliable.`,
      ),
    );
  lines.push(
    c.dim(
      vi
        ? `Chỉ số câu hỏi = ${itemRuleVi(r)}; yếu tố = trung bình các câu; ` +
            `khối và chỉ số chung theo trọng số khai báo trong bộ câu ` +
            `hỏi` +
            `${r.aggregation.respondentWeights ? `; trọng số phiếu: cột "${r.aggregation.respondentWeights}"` : ''}` +
            `. Làm tròn 2 chữ số, một lần.`
        : `Item index = ${r.aggregation.item}; element = mean of its items; domains and overall by ` +
            `the questionnaire's declared ` +
            `weights` +
            `${
              r.aggregation.respondentWeights
                ? `; respondent weights: column ` + `"${r.aggregation.respondentWeights}"`
                : ''
            }` +
            `. Rounded once to 2 decimals.`,
    ),
  );
  return lines;
}

/** A change in percentage points, sign always shown: +2.15 / -1.30. */
const POINTS = '+0.00;-0.00;0.00';

const T = {
  ranking: { vi: 'Xếp hạng SIPAS', en: 'SIPAS ranking' },
  items: { vi: 'Câu hỏi', en: 'Items' },
  findings: { vi: 'Kiểm tra', en: 'Findings' },
  about: { vi: 'Thông tin', en: 'About' },
} as const;

export async function renderSipasXlsx(r: SipasResult, lang: Lang): Promise<Buffer> {
  const Excel = await loadExcel();
  const vi = lang === 'vi';
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = r.tool.name;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.title = 'SIPAS';
  const units = [...rankedUnits(r.units, groupOrder(r)), r.overall];
  // With ranking blocks, a column says each unit's block (its rank is within it).
  const g = r.groups ? 1 : 0;
  const overallLabel = vi ? 'Chung (gộp mọi phiếu)' : 'Overall (all respondents)';

  // Ranking: one row per unit, indices with the count of valid answers beside each.
  const rk = sheet(wb, T.ranking[lang], lang);
  const titles = measureTitles(r, lang);
  const measures = [
    { id: 'sipas', get: (u: SipasUnit) => ({ index: u.index, valid: u.domains.reduce((s, d) => s + d.valid, 0) }) },
    ...r.overall.domains.map((d, i) => ({ id: d.id, get: (u: SipasUnit) => u.domains[i]! })),
    ...r.overall.elements.map((e, i) => ({ id: e.id, get: (u: SipasUnit) => u.elements[i]! })),
  ];
  // With last year: its index, the change in points, last year's rank and the change, and the rule used.
  const cmp = r.comparison !== undefined;
  const first = (cmp ? 11 : 6) + g;
  header(
    rk,
    [
      vi ? 'Hạng' : 'Rank',
      ...(g ? [vi ? 'Nhóm' : 'Group'] : []),
      vi ? 'Mã' : 'Code',
      unitLabel(r, lang),
      vi ? 'Số phiếu' : 'Respondents',
      vi ? 'Dưới cỡ mẫu' : 'Below min. sample',
      ...(cmp
        ? vi
          ? ['SIPAS năm trước', 'Thay đổi (điểm %)', 'Hạng năm trước', 'Thay đổi hạng', 'So sánh với']
          : ['SIPAS last year', 'Change (points)', 'Rank last year', 'Rank change', 'Compared with']
        : []),
      ...measures.flatMap((m) => [
        m.id === 'sipas' ? 'SIPAS' : (titles.get(m.id) ?? m.id),
        vi ? 'n hợp lệ' : 'n valid',
      ]),
    ],
    [7, ...(g ? [24] : []), 12, 36, 11, 12, ...(cmp ? [12, 12, 10, 10, 50] : []), ...measures.flatMap(() => [16, 9])],
  );
  // Tall enough for the longest title wrapped in its column (about 14 characters a line), and for
  // two-line headers ("Thay đổi (điểm %)"): spreadsheet programs do not grow a written row.
  const titleLines = Math.max(cmp ? 2 : 1, ...measures.map((m) => wrapWords(titles.get(m.id) ?? '', 14).length));
  rk.getRow(1).height = 15 * titleLines;
  for (const u of units) {
    const row = next(rk);
    const isOverall = u === r.overall;
    if (u.rank !== undefined) setTextCell(row.getCell(1), `${u.rank}/${u.rankOf}`);
    if (g && !isOverall) setTextCell(row.getCell(2), groupTitle(r, u.group, lang));
    setTextCell(row.getCell(2 + g), u.code);
    setTextCell(row.getCell(3 + g), isOverall ? overallLabel : (u.name ?? ''));
    row.getCell(4 + g).value = u.respondents;
    if (u.smallSample) setTextCell(row.getCell(5 + g), vi ? 'có' : 'yes');
    if (cmp) changeCells(row, u, isOverall, lang, g);
    measures.forEach((m, i) => {
      const x = m.get(u);
      if (x.index) numberCell(row.getCell(first + 2 * i), ratio(x.index.value), PCT);
      row.getCell(first + 1 + 2 * i).value = x.valid;
    });
    if (isOverall) row.font = { name: 'Calibri', size: 11, bold: true };
  }
  rk.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsOf(rk), column: first - 1 + 2 * measures.length } };
  close(rk);
  if (r.comparison) addChangeSheet(wb, r, units, overallLabel, lang);

  // Items, long: unit × question with satisfied and valid counts.
  const it = sheet(wb, T.items[lang], lang);
  header(
    it,
    [
      vi ? 'Mã' : 'Code',
      unitLabel(r, lang),
      vi ? 'Câu hỏi' : 'Question',
      vi ? 'Yếu tố' : 'Element',
      vi ? 'Hài lòng' : 'Satisfied',
      vi ? 'Hợp lệ' : 'Valid',
      vi ? 'Chỉ số' : 'Index',
    ],
    [12, 36, 10, 26, 10, 10, 10],
  );
  for (const u of units) {
    const isOverall = u === r.overall;
    u.items.forEach((x) => {
      const row = next(it);
      setTextCell(row.getCell(1), u.code);
      setTextCell(row.getCell(2), isOverall ? overallLabel : (u.name ?? ''));
      setTextCell(row.getCell(3), x.code);
      setTextCell(row.getCell(4), x.element);
      row.getCell(5).value = x.satisfied;
      row.getCell(6).value = x.valid;
      if (x.index) numberCell(row.getCell(7), ratio(x.index.value), PCT);
    });
  }
  it.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsOf(it), column: 7 } };
  close(it);

  addFindingsSheet(wb, T.findings[lang], r.findings, lang);

  // About.
  const ab = sheet(wb, T.about[lang], lang);
  header(ab, [vi ? 'Mục' : 'Item', vi ? 'Giá trị' : 'Value', 'SHA-256'], [26, 90, 68]);
  const kv = (k: string, v: string, sha = ''): void => {
    const row = next(ab);
    setTextCell(row.getCell(1), k);
    setTextCell(row.getCell(2), v);
    setTextCell(row.getCell(3), sha);
  };
  kv(vi ? 'Bộ câu hỏi' : 'Questionnaire', `${r.questionnaire.ref} — ${textOf(r.questionnaire.title, lang)}`);
  const prov = r.questionnaire.provenance;
  if (prov)
    kv(
      vi ? 'Nguồn' : 'Provenance',
      typeof prov === 'string'
        ? prov
        : [prov.status, prov.source, typeof prov.note === 'object' ? textOf(prov.note, vi ? 'vi' : 'en') : prov.note]
            .filter(Boolean)
            .join(' — '),
    );
  kv(vi ? 'Chỉ số câu hỏi' : 'Item index', vi ? itemRuleVi(r) : r.aggregation.item);
  kv(vi ? 'Chỉ số yếu tố' : 'Element index', vi ? 'trung bình các câu hỏi có trả lời hợp lệ' : r.aggregation.element);
  kv(
    vi ? 'Trọng số' : 'Weights',
    r.aggregation.domains
      .map((d) => `${d.id} ${d.weight} (${d.elements.map((e) => `${e.id} ${e.weight}`).join(', ')})`)
      .join('; '),
  );
  kv(
    vi ? 'Trọng số phiếu' : 'Respondent weights',
    r.aggregation.respondentWeights ?? (vi ? 'không (mỗi phiếu như nhau)' : 'none (every respondent counts once)'),
  );
  kv(vi ? 'Chỉ số chung' : 'Overall', vi ? 'gộp mọi phiếu được tính của mọi đơn vị' : r.aggregation.overall);
  kv(vi ? 'Cỡ mẫu tối thiểu' : 'Minimum sample', String(r.minSample));
  if (r.comparison)
    kv(vi ? 'So với năm trước' : 'Last year', sipasComparisonText(r.comparison, lang), r.comparison.sha256 ?? '');
  kv(vi ? 'Làm tròn' : 'Rounding', vi ? '2 chữ số thập phân, làm tròn lên từ 5, một lần' : r.aggregation.rounding);
  for (const i of r.inputs)
    kv(
      `${vi ? 'Tệp trả lời' : 'Answers'} (${i.rows} ${vi ? 'dòng' : 'rows'}, ${i.respondents} ` +
        `${vi ? 'phiếu' : 'respondents'})`,
      i.file,
      i.sha256,
    );
  kv(vi ? 'Công cụ' : 'Tool', `${r.tool.name} ${r.tool.version}`);

  close(ab);
  await wb.commit();
  return fixZipTimestamps(Buffer.concat(chunks), FIXED_DATE);
}

/** The change columns of a ranking row: last year's index, the change in points, ranks, and the rule. */
function changeCells(row: ExcelJS.Row, u: SipasResultUnit, isOverall: boolean, lang: Lang, g: number): void {
  const p = u.previous;
  if (p) {
    numberCell(row.getCell(6 + g), ratio(p.previous.value), PCT);
    numberCell(row.getCell(7 + g), p.change.value, POINTS);
    if (p.previousRank !== undefined) row.getCell(8 + g).value = p.previousRank;
  }
  if (!isOverall) {
    const rc = sipasRankChange(u, lang);
    if (rc) {
      setTextCell(row.getCell(9 + g), rc);
      row.getCell(9 + g).alignment = { horizontal: 'center' };
    }
  }
  const basis = sipasBasisText(u, lang);
  if (basis) setTextCell(row.getCell(10 + g), basis);
}

/** The long sheet of changes: unit × measure (overall, domains, elements, questions) with last year and the change. */
function addChangeSheet(
  wb: Parameters<typeof sheet>[0],
  r: SipasResult,
  units: readonly SipasResultUnit[],
  overallLabel: string,
  lang: Lang,
): void {
  const vi = lang === 'vi';
  const ws = sheet(wb, vi ? 'So với năm trước' : 'Against last year', lang);
  header(
    ws,
    [
      vi ? 'Mã' : 'Code',
      unitLabel(r, lang),
      vi ? 'Chỉ số' : 'Measure',
      vi ? 'Năm trước' : 'Last year',
      vi ? 'Năm nay' : 'This year',
      vi ? 'Thay đổi (điểm %)' : 'Change (points)',
      vi ? 'So sánh với' : 'Compared with',
    ],
    [12, 36, 22, 12, 12, 14, 50],
  );
  ws.getRow(1).height = 30;
  for (const u of units) {
    const isOverall = u === r.overall;
    const now = new Map<string, number | undefined>([['sipas', u.index?.value]]);
    for (const d of u.domains) now.set(d.id, d.index?.value);
    for (const e of u.elements) now.set(e.id, e.index?.value);
    for (const x of u.items) now.set(x.code, x.index?.value);
    const put = (measure: string, previous?: number, change?: number): void => {
      const row = next(ws);
      setTextCell(row.getCell(1), u.code);
      setTextCell(row.getCell(2), isOverall ? overallLabel : (u.name ?? ''));
      setTextCell(row.getCell(3), measure === 'sipas' ? 'SIPAS' : measure);
      if (previous !== undefined) numberCell(row.getCell(4), ratio(previous), PCT);
      const v = now.get(measure);
      if (v !== undefined) numberCell(row.getCell(5), ratio(v), PCT);
      if (change !== undefined) numberCell(row.getCell(6), change, POINTS);
      const basis = sipasBasisText(u, lang) || (u.isNew ? (vi ? 'mới' : 'new') : '');
      if (basis) setTextCell(row.getCell(7), basis);
    };
    const p = u.previous;
    if (!p) {
      put('sipas');
      continue;
    }
    put('sipas', p.previous.value, p.change.value);
    for (const m of p.measures) put(m.id, m.previous.value, m.change.value);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsOf(ws), column: 7 } };
  close(ws);
}
