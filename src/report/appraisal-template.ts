/**
 * The appraisal workbook (thẩm định): every agency's self-scores and evidence, one row per
 * agency × item, carrying the earlier stages, with the editable "appraised points" (pre-filled with
 * the points so far), "reason" and "date" columns for the appraisers. Comes
 * in: rows prepared by the round; goes out: an xlsx buffer with deterministic bytes.
 */
import { loadExcel } from '../core/excel.js';
import { headerHeight, pageFooter, pageHeaderFooter, PRINT_A4_PORTRAIT, rowHeight } from '../core/xlsx-print.js';
import { fixZipTimestamps } from '../core/zip.js';
import { PRINT_A4_LANDSCAPE, setTextCell } from '../core/xlsx-text.js';
import {
  APPRAISAL_COLUMNS,
  APPRAISAL_HEADERS,
  APPRAISAL_SHEET,
  type AppraisalColumn,
} from '../round/appraisal-layout.js';
import type { Lang } from '../messages/types.js';

/** One agency × item line of the appraisal workbook. */
export interface AppraisalRow {
  agencyCode: string;
  agencyName: string;
  group: string;
  itemCode: string;
  title: string;
  max: number;
  /** The self-assessed inputs in words ("45/47 hồ sơ = 95,74%"). */
  selfInputs: string;
  /** Self-assessed points, rounded for display; undefined when the agency gave none. */
  selfPoints?: number;
  evidence: string;
  explanation: string;
  /** Values of the earlier stages' columns (see `EarlierColumn`), in their order; undefined leaves a cell empty. */
  earlier?: (number | string | undefined)[];
  /** The points so far (last appraisal, else the self-score), exactly as a number; pre-fills the editable column. */
  current?: number;
}

/** A column carried forward from an earlier stage: a round's points or reason, an explanation, added evidence. */
export interface EarlierColumn {
  header: { vi: string; en: string };
  kind: 'points' | 'text';
}

const WIDTHS: Record<AppraisalColumn, number> = {
  agencyCode: 11,
  agencyName: 28,
  itemCode: 9,
  title: 48,
  max: 9,
  selfInputs: 24,
  selfPoints: 10,
  evidence: 30,
  explanation: 30,
  current: 10,
  appraised: 12,
  reason: 36,
  date: 12,
};

/** Width of the instructions sheet's one column, in Excel's character units. */
const GUIDE_WIDTH = 75;

const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const EARLIER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } as const;
const INPUTS: ReadonlySet<string> = new Set(['appraised', 'reason', 'date']);

/**
 * Writes the appraisal workbook. `date` is the round's date, stamped for deterministic bytes;
 * `earlier` are the columns carried forward from the stages before (empty for the first round);
 * `round` is the number of the round the workbook is for.
 */
export async function renderAppraisalTemplate(
  rows: readonly AppraisalRow[],
  opts: {
    roundName: string;
    year: number;
    date: Date;
    lang: Lang;
    earlier?: readonly EarlierColumn[];
    round?: number;
    agency?: string;
  },
): Promise<Buffer> {
  const Excel = await loadExcel();
  const { lang } = opts;
  const earlier = opts.earlier ?? [];
  const round = opts.round ?? 1;
  const wb = new Excel.Workbook();
  wb.creator = 'parindex';
  wb.created = opts.date;
  wb.modified = opts.date;

  const guide = wb.addWorksheet(lang === 'vi' ? 'Hướng dẫn' : 'Instructions', {
    pageSetup: { ...PRINT_A4_PORTRAIT },
    headerFooter: pageFooter(lang),
  });
  // Narrow enough that LibreOffice wraps the sentences on the page: at 110 (and still at 90) it drew
  // them past the right edge of the paper, fitted to the width or not.
  guide.getColumn(1).width = GUIDE_WIDTH;
  const who = opts.agency ? ` — ${opts.agency}` : '';
  const lines =
    lang === 'vi'
      ? [
          `Phiếu thẩm định lần ${round} — ${opts.roundName} (năm ${opts.year})${who}`,
          '',
          'Mỗi dòng là một tiêu chí thành phần của một cơ quan, với số liệu, điểm tự chấm, tài liệu kiểm ' +
            'chứng và giải trình của cơ quan.',
          earlier.length > 0
            ? 'Các cột nền xám là kết quả các lần thẩm định trước (điểm, lý do) và giải trình của cơ quan; ' +
              'để trống là lần đó không đổi điểm.'
            : 'Đây là lần thẩm định đầu tiên của kỳ đánh giá.',
          '"Điểm thẩm định" đã điền sẵn điểm hiện tại (điểm thẩm định lần trước, nếu không có thì điểm tự ' +
            'chấm): giữ nguyên nếu đồng ý, sửa nếu điều chỉnh.',
          'Điểm thẩm định khác điểm hiện tại phải có lý do (ô lý do tô đỏ cho đến khi có). Điểm từ 0 đến ' +
            'điểm tối đa, viết 2,5 hoặc 2.5 đều được.',
          'Có thể ghi ngày thẩm định (25/01/2026); dòng ghi ngày sau hạn khai báo trong round.yaml sẽ được báo.',
          'Có thể chia tệp cho nhiều tổ thẩm định hoặc mỗi cơ quan một tệp; khai báo các tệp (hoặc thư mục) ' +
            'của lần thẩm định này trong stages của round.yaml.',
          'Chỉ các cột nền vàng được sửa; không đổi tên trang tính.',
        ]
      : [
          `Appraisal workbook, round ${round} — ${opts.roundName} (${opts.year})${who}`,
          '',
          "Each row is one item of one agency, with the agency's data, self-score, evidence and explanation.",
          earlier.length > 0
            ? "The grey columns carry the earlier rounds (points, reasons) and the agency's explanations; an " +
              'empty cell means that round did not change the points.'
            : 'This is the first appraisal round of the round.',
          '"Appraised points" is filled with the points so far (the last appraisal, else the self-score): ' +
            'keep it to agree, change it to adjust.',
          'Points different from the points so far need a reason (the reason cell is red until given). ' +
            'Points run from 0 to the maximum; 2,5 and 2.5 are both read.',
          'A date of appraisal may be written (2026-01-25); rows dated after the deadline in round.yaml are ' +
            'reported.',
          "Files may be split by appraisal team or one per agency; list this round's files (or their folder) " +
            'under stages in round.yaml.',
          'Only the yellow columns can be edited; do not rename the sheets.',
        ];
  lines.forEach((t, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = t;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { name: 'Calibri', bold: true, size: 13 };
    // The title is 13-point: fewer characters to the line.
    guide.getRow(i + 1).height = rowHeight([{ text: t, width: i === 0 ? (GUIDE_WIDTH * 11) / 13 : GUIDE_WIDTH }]);
  });

  const ws = wb.addWorksheet(APPRAISAL_SHEET[lang], { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  const split = APPRAISAL_COLUMNS.indexOf('current');
  const keys: string[] = [
    ...APPRAISAL_COLUMNS.slice(0, split),
    ...earlier.map((_, i) => `earlier${i}`),
    ...APPRAISAL_COLUMNS.slice(split),
  ];
  const headerOf = (key: string): string =>
    key.startsWith('earlier')
      ? earlier[Number(key.slice(7))]!.header[lang]
      : APPRAISAL_HEADERS[key as AppraisalColumn][lang];
  const widthOf = (key: string): number =>
    key.startsWith('earlier')
      ? earlier[Number(key.slice(7))]!.kind === 'points'
        ? 10
        : 30
      : WIDTHS[key as AppraisalColumn];
  ws.columns = keys.map((key) => ({ key, header: headerOf(key), width: widthOf(key) }));
  const head = ws.getRow(1);
  head.font = { name: 'Calibri', bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = headerHeight(keys.map((k) => ({ text: headerOf(k), width: widthOf(k) })));
  head.eachCell((c, col) => {
    const key = keys[col - 1]!;
    c.fill = INPUTS.has(key)
      ? INPUT_FILL
      : key.startsWith('earlier')
        ? EARLIER_FILL
        : { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) {
    const row = ws.addRow({
      max: r.max,
      selfPoints: r.selfPoints ?? null,
      current: r.current ?? null,
      appraised: r.current ?? null,
      reason: null,
    });
    for (const key of [
      'agencyCode',
      'agencyName',
      'itemCode',
      'title',
      'selfInputs',
      'evidence',
      'explanation',
    ] as const)
      setTextCell(row.getCell(key), r[key]);
    earlier.forEach((_, i) => {
      const v = r.earlier?.[i];
      const cell = row.getCell(`earlier${i}`);
      if (typeof v === 'number') {
        cell.value = v;
        cell.numFmt = '0.00';
      } else if (v) setTextCell(cell, v);
      cell.fill = EARLIER_FILL;
    });
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight(
      (['agencyName', 'title', 'selfInputs', 'evidence', 'explanation'] as const).map((k) => ({
        text: r[k],
        width: WIDTHS[k],
      })),
    );
    for (const key of ['max', 'selfPoints', 'current'] as const) row.getCell(key).numFmt = '0.00';
    const appraised = row.getCell('appraised');
    appraised.numFmt = '0.00';
    appraised.dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [0, r.max],
      errorTitle: lang === 'vi' ? 'Điểm không hợp lệ' : 'Invalid points',
      error:
        lang === 'vi' ? `Điểm phải từ 0 đến ${String(r.max).replace('.', ',')}.` : `Points must be from 0 to ${r.max}.`,
    };
    row.getCell('date').numFmt = 'dd/mm/yyyy';
    for (const key of INPUTS) {
      row.getCell(key).fill = INPUT_FILL;
      row.getCell(key).protection = { locked: false };
    }
  }
  const last = Math.max(2, rows.length + 1);
  const at = (key: string): string => ws.getColumn(key).letter;
  const [ap, cur, re] = [at('appraised'), at('current'), at('reason')];
  // A changed value lights up; its reason cell stays red until a reason is written.
  ws.addConditionalFormatting({
    ref: `${ap}2:${ap}${last}`,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [`AND(ISNUMBER(${ap}2),${ap}2<>${cur}2)`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF8CBAD' } } },
      },
    ],
  });
  ws.addConditionalFormatting({
    ref: `${re}2:${re}${last}`,
    rules: [
      {
        type: 'expression',
        priority: 2,
        formulae: [`AND(ISNUMBER(${ap}2),${ap}2<>${cur}2,LEN(TRIM(${re}2))=0)`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF7C80' } } },
      },
    ],
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: keys.length } };
  ws.pageSetup = { ...ws.pageSetup, ...PRINT_A4_LANDSCAPE };
  const appraisalTitle = lang === 'vi' ? `Phiếu thẩm định — ${opts.roundName}` : `Appraisal — ${opts.roundName}`;
  ws.headerFooter = pageHeaderFooter(appraisalTitle, lang);
  await ws.protect('', {
    spinCount: 1,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: true,
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimestamps(buf, opts.date);
}
