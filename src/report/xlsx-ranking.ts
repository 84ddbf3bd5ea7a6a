/**
 * The official ranking sheet, first in the Excel report: laid out like the annex attached to a
 * ranking decision (national heading, unit, title, "kèm theo Quyết định số …", one table per
 * group, notes, date and signature), on A4 portrait, the table's header repeated on every page
 * and page numbers in the footer. Numbers are the result's, rounded once by the set's rule.
 */
import type ExcelJS from 'exceljs';
import { pageFooter, rowHeight } from '../core/xlsx-print.js';
import { setTextCell } from '../core/xlsx-text.js';
import type { Lang } from '../messages/types.js';
import type { RoundResult } from '../result/schema.js';
import { agencyMarks } from './marks.js';
import { textOf } from './score-text.js';
import type { ReportView } from './view.js';

export const RANKING_SHEET = { vi: 'Xếp hạng', en: 'Ranking' } as const;

const FONT = 'Times New Roman';
const WIDTHS = [6, 11, 46, 11, 14, 8];
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/** Writes the ranking sheet (streaming writer: rows are committed in order). */
export function addRankingSheet(wb: ExcelJS.Workbook, result: RoundResult, v: ReportView, lang: Lang): void {
  const vi = lang === 'vi';
  const ws = wb.addWorksheet(RANKING_SHEET[lang], {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    },
    headerFooter: pageFooter(lang, result.round.name),
  });
  WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  let n = 0;
  const row = (): ExcelJS.Row => {
    if (n > 0) ws.getRow(n).commit();
    return ws.getRow(++n);
  };
  const line = (
    text: string,
    from: number,
    to: number,
    font: Partial<ExcelJS.Font>,
    align: 'left' | 'center' | 'right' = 'center',
    r = row(),
  ): ExcelJS.Row => {
    setTextCell(r.getCell(from), text);
    r.getCell(from).font = { name: FONT, size: 12, ...font };
    r.getCell(from).alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    if (to > from) ws.mergeCells(n, from, n, to);
    const w = WIDTHS.slice(from - 1, to).reduce((a, b) => a + b, 0);
    const size = font.size ?? 12;
    r.height = Math.max(r.height ?? 0, rowHeight([{ text, width: (w * 11) / size }], (size * 4) / 3));
    return r;
  };
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(result.round.date);
  // National heading beside the unit.
  const r1 = line(vi ? 'CƠ QUAN CHỦ TRÌ ĐÁNH GIÁ' : 'ASSESSING BODY', 1, 3, { bold: true, size: 11 });
  line(
    vi ? 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM' : 'SOCIALIST REPUBLIC OF VIET NAM',
    4,
    6,
    { bold: true, size: 11 },
    'center',
    r1,
  );
  const r2 = line(vi ? '(ghi tên đơn vị)' : '(name of the unit)', 1, 3, { italic: true, size: 11 });
  line(
    vi ? 'Độc lập - Tự do - Hạnh phúc' : 'Independence - Freedom - Happiness',
    4,
    6,
    { bold: true, size: 11 },
    'center',
    r2,
  );
  const dated = date
    ? vi
      ? `……, ngày ${Number(date[3])} tháng ${Number(date[2])} năm ${date[1]}`
      : `……, ${result.round.date}`
    : result.round.date;
  line(dated, 4, 6, { italic: true, size: 11 });
  row();
  line(
    vi
      ? `KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${result.round.year}`
      : `PAR INDEX RANKING ${result.round.year}`,
    1,
    6,
    { bold: true, size: 14 },
  );
  line(result.round.name, 1, 6, { bold: true, size: 12 });
  line(
    vi ? '(Kèm theo Quyết định số ……/QĐ-…… ngày …… tháng …… năm ……)' : '(Annexed to Decision No. ……… of ………)',
    1,
    6,
    { italic: true, size: 12 },
  );
  row();

  const head = [
    vi ? 'STT' : 'No.',
    vi ? 'Mã' : 'Code',
    vi ? 'Cơ quan, đơn vị' : 'Agency',
    vi ? 'Chỉ số (%)' : 'Index (%)',
    vi ? 'Xếp loại' : 'Band',
    vi ? 'Xếp hạng' : 'Rank',
  ];
  let firstHead: number | undefined;
  const missing: string[] = [];
  // Never silently wrong: an agency ranked with open errors, missing survey data or a band decided on
  // the exact value carries "(*n)" after its name and a numbered note below the table.
  const marked: string[] = [];
  const sets = new Map(result.criteria.map((c) => [c.ref, c]));
  for (const g of result.groups) {
    line(textOf(g.title, lang), 1, 6, { bold: true }, 'left');
    const h = row();
    firstHead ??= n;
    head.forEach((t, i) => {
      const c = h.getCell(i + 1);
      setTextCell(c, t);
      c.font = { name: FONT, size: 12, bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = THIN;
    });
    h.height = rowHeight(
      head.map((t, i) => ({ text: t, width: WIDTHS[i]! })),
      16,
    );
    let k = 0;
    for (const code of g.agencies) {
      const a = v.agency(code);
      if (!a) continue;
      const r = row();
      const marks = agencyMarks(a, sets.get(a.set), lang);
      let name = a.name;
      if (marks.length > 0) {
        marked.push(`(*${marked.length + 1}) ${a.name} (${a.code}): ${marks.join('; ')}.`);
        name = `${a.name} (*${marked.length})`;
      }
      const cells: [string | number, string?][] = [
        [++k],
        [a.code],
        [name],
        a.status === 'missing' ? [vi ? 'Chưa nộp' : 'Not submitted'] : [a.total.index.value, '0.00'],
        [a.status === 'missing' ? '' : v.bandLabel(a)],
        [a.rank ?? ''],
      ];
      if (a.status === 'missing') missing.push(a.code);
      cells.forEach(([value, fmt], i) => {
        const c = r.getCell(i + 1);
        if (typeof value === 'number') c.value = value;
        else setTextCell(c, value);
        if (fmt) c.numFmt = fmt;
        c.font = { name: FONT, size: 12 };
        c.border = THIN;
        c.alignment = { vertical: 'middle', wrapText: true, horizontal: i === 2 ? 'left' : 'center' };
      });
      r.height = rowHeight([{ text: name, width: WIDTHS[2]! }], 16);
    }
    row();
  }
  const notes: string[] = [];
  for (const c of result.criteria)
    notes.push(
      vi
        ? `Bộ tiêu chí ${c.ref} (${c.decision.number}${c.decision.date ? `, ${c.decision.date}` : ''}).`
        : `Criteria set ${c.ref} (${c.decision.number}${c.decision.date ? `, ${c.decision.date}` : ''}).`,
    );
  const d = result.criteria[0]?.rounding.decimals ?? 2;
  notes.push(
    vi
      ? `Chỉ số = tổng điểm ÷ tổng điểm tối đa áp dụng × 100, làm tròn một lần đến ${d} chữ số thập phân; ` +
          'xếp hạng theo từng nhóm.'
      : `Index = points ÷ applicable maximum × 100, rounded once to ${d} decimals; ranked within each group.`,
  );
  for (const g of result.groups)
    for (const rn of g.roundingNotes)
      notes.push(
        vi
          ? `${rn.agencies.join(', ')} cùng hiển thị ${rn.shown.replace('.', ',')}% nhưng khác hạng ` +
              `(phân biệt ở ${rn.decimals} chữ số thập phân).`
          : `${rn.agencies.join(', ')} show ${rn.shown}% but hold different ranks ` +
              `(${rn.decimals} decimals tell them apart).`,
      );
  for (const m of marked) notes.push(m);
  if (missing.length)
    notes.push(
      vi
        ? `Chưa nộp hồ sơ, không xếp hạng: ${missing.join(', ')}.`
        : `Not submitted, not ranked: ${missing.join(', ')}.`,
    );
  line(vi ? 'Ghi chú:' : 'Notes:', 1, 6, { bold: true, italic: true }, 'left');
  notes.forEach((t, i) => line(`${i + 1}. ${t}`, 1, 6, { italic: true, size: 11 }, 'left'));
  row();
  line(vi ? 'NGƯỜI LẬP BIỂU' : 'PREPARED BY', 1, 3, { bold: true });
  const sign = n;
  line(vi ? 'THỦ TRƯỞNG CƠ QUAN' : 'HEAD OF THE UNIT', 4, 6, { bold: true }, 'center', ws.getRow(sign));
  line(vi ? '(Ký, ghi rõ họ tên)' : '(Signature, full name)', 1, 3, { italic: true, size: 11 });
  const s2 = n;
  line(vi ? '(Ký tên, đóng dấu)' : '(Signature, seal)', 4, 6, { italic: true, size: 11 }, 'center', ws.getRow(s2));
  ws.getRow(n).commit();
  if (firstHead !== undefined) ws.pageSetup.printTitlesRow = `${firstHead}:${firstHead}`;
  ws.commit();
}
