/**
 * The explanation workbook (phiếu giải trình) of one agency: every item the appraisal adjusted,
 * with the points it had, the appraised points and the reason, and columns for the agency's
 * reply, added evidence and date. Protected like the self-scoring template: only the reply
 * columns can be edited. Comes in: a result and an agency code; goes out: xlsx bytes, stamped
 * with the round's date.
 */
import { loadExcel } from '../core/excel.js';
import { Rational } from '../core/rational.js';
import { fixZipTimestamps } from '../core/zip.js';
import type { Lang } from '../messages/types.js';
import {
  EXPLANATION_COLUMNS,
  EXPLANATION_HEADERS,
  EXPLANATION_SHEET,
  type ExplanationColumn,
} from '../round/explanation.js';
import type { AgencyResult, ItemResult, RoundResult } from '../result/schema.js';
import { textOf } from './score-text.js';
import { PRINT_A4_LANDSCAPE, setTextCell } from '../core/xlsx-text.js';
import { headerHeight, pageFooter, pageHeaderFooter, PRINT_A4_PORTRAIT, rowHeight } from '../core/xlsx-print.js';

/** Width of the instructions sheet's one column: as the appraisal workbook's, it wraps on A4 portrait. */
const GUIDE_WIDTH = 75;

const WIDTHS: Record<ExplanationColumn, number> = {
  agencyCode: 10,
  agencyName: 24,
  itemCode: 9,
  title: 44,
  max: 8,
  selfPoints: 9,
  appraised: 10,
  round: 8,
  reason: 34,
  reply: 44,
  evidence: 30,
  date: 12,
};
const INPUTS: ReadonlySet<ExplanationColumn> = new Set(['reply', 'evidence', 'date']);
const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const HEAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;

/** Items whose points appraisal changed and that still stand changed: what the agency may explain. */
export function adjustedItems(agency: AgencyResult): ItemResult[] {
  return agency.items.filter(
    (it) => it.appraised !== undefined && (it.self === undefined || !same(it.appraised, it.self)),
  );
}

function same(a: { exact: string }, b: { exact: string }): boolean {
  const x = Rational.fromExact(a.exact);
  const y = Rational.fromExact(b.exact);
  return x !== undefined && y !== undefined ? x.eq(y) : a.exact === b.exact;
}

/** The explanation workbook of `agency` (a code of `result`). */
export async function renderExplanationTemplate(
  result: RoundResult,
  agency: AgencyResult,
  lang: Lang,
): Promise<Buffer> {
  const Excel = await loadExcel();
  const vi = lang === 'vi';
  const date = new Date(`${result.round.date}T00:00:00Z`);
  const wb = new Excel.Workbook();
  wb.creator = 'parindex';
  wb.created = date;
  wb.modified = date;
  const items = adjustedItems(agency);
  const lastRound = Math.max(0, ...result.appraisalChanges.filter((c) => c.agency === agency.code).map((c) => c.order));

  // Printed on A4 like the appraisal workbook: sentences wrapped on the page, rows as tall as they need.
  const guide = wb.addWorksheet(vi ? 'Hướng dẫn' : 'Instructions', {
    pageSetup: { ...PRINT_A4_PORTRAIT },
    headerFooter: pageFooter(lang),
  });
  guide.getColumn(1).width = GUIDE_WIDTH;
  const lines = vi
    ? [
        `Phiếu giải trình — ${agency.name} (${agency.code}) — ${result.round.name}`,
        '',
        `Trang "${EXPLANATION_SHEET.vi}" liệt kê ${items.length} tiêu chí thành phần mà tổ thẩm định đã điều chỉnh ` +
          `điểm (đến lần thẩm định ${lastRound}), với điểm tự chấm, điểm sau thẩm định và lý do.`,
        'Với tiêu chí đồng ý, để trống. Với tiêu chí không đồng ý, ghi nội dung giải trình, tài liệu kiểm chứng bổ ' +
          'sung (số, ký hiệu văn bản hoặc đường dẫn) và ngày giải trình (25/01/2026).',
        'Chỉ các cột nền vàng được sửa. Không đổi mã cơ quan, mã tiêu chí, không thêm dòng, không đổi tên trang tính.',
        'Giải trình gửi sau hạn khai báo trong round.yaml, hoặc cho tiêu chí chưa bị điều chỉnh, sẽ được báo cho ' +
          'tổ thẩm định.',
      ]
    : [
        `Explanation workbook — ${agency.name} (${agency.code}) — ${result.round.name}`,
        '',
        `The "${EXPLANATION_SHEET.en}" sheet lists the ${items.length} items the appraisal team adjusted (up to ` +
          `appraisal round ${lastRound}), with the self-score, the points after appraisal and the reason.`,
        'Leave an item empty to accept it. To contest it, write the explanation, the added evidence (document ' +
          'number or link) and the date (2026-01-25).',
        'Only the yellow columns can be edited. Do not change agency or item codes, add rows or rename the sheets.',
        'Explanations sent after the deadline in round.yaml, or for items that were not adjusted, are reported to ' +
          'the appraisal team.',
      ];
  lines.forEach((t, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = t;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { name: 'Calibri', bold: true, size: 13 };
    guide.getRow(i + 1).height = rowHeight([{ text: t, width: i === 0 ? (GUIDE_WIDTH * 11) / 13 : GUIDE_WIDTH }]);
  });
  await guide.protect('', { spinCount: 1 });

  const ws = wb.addWorksheet(EXPLANATION_SHEET[lang], { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  ws.columns = EXPLANATION_COLUMNS.map((key) => ({ key, header: EXPLANATION_HEADERS[key][lang], width: WIDTHS[key] }));
  const head = ws.getRow(1);
  head.font = { name: 'Calibri', bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = headerHeight(
    EXPLANATION_COLUMNS.map((k) => ({ text: EXPLANATION_HEADERS[k][lang], width: WIDTHS[k] })),
  );
  head.eachCell((c, col) => {
    c.fill = INPUTS.has(EXPLANATION_COLUMNS[col - 1]!) ? INPUT_FILL : HEAD_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  const titles = new Map(
    (result.criteria.find((s) => s.ref === agency.set)?.items ?? []).map((i) => [i.code, textOf(i.title, lang)]),
  );
  for (const it of items) {
    const round = Math.max(
      0,
      ...result.appraisalChanges.filter((c) => c.agency === agency.code && c.item === it.code).map((c) => c.order),
    );
    const row = ws.addRow({
      max: it.max.value,
      selfPoints: it.self?.value ?? null,
      appraised: it.appraised?.value ?? null,
      round: round || null,
    });
    setTextCell(row.getCell('agencyCode'), agency.code);
    setTextCell(row.getCell('agencyName'), agency.name);
    setTextCell(row.getCell('itemCode'), it.code);
    setTextCell(row.getCell('title'), titles.get(it.code) ?? '');
    setTextCell(row.getCell('reason'), it.reason ?? '');
    for (const key of ['max', 'selfPoints', 'appraised'] as const) row.getCell(key).numFmt = '0.00';
    row.getCell('date').numFmt = 'dd/mm/yyyy';
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight([
      { text: agency.name, width: WIDTHS.agencyName },
      { text: titles.get(it.code) ?? '', width: WIDTHS.title },
      { text: it.reason ?? '', width: WIDTHS.reason },
    ]);
    for (const key of INPUTS) {
      row.getCell(key).fill = INPUT_FILL;
      row.getCell(key).protection = { locked: false };
    }
  }
  ws.pageSetup = { ...ws.pageSetup, ...PRINT_A4_LANDSCAPE };
  const title = `${vi ? 'Phiếu giải trình' : 'Explanation'} — ${agency.name} — ${result.round.name}`;
  ws.headerFooter = pageHeaderFooter(title, lang);
  await ws.protect('', {
    spinCount: 1,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()), date);
}
