/**
 * The appraisal workbook (thẩm định): every agency's self-scores and evidence, one row per
 * agency × item, with empty "appraised points" and "reason" columns for the appraisers. Comes
 * in: rows prepared by the round; goes out: an xlsx buffer with deterministic bytes.
 */
import { loadExcel } from '../core/excel.js';
import { headerHeight, pageFooter, PRINT_A4_PORTRAIT, rowHeight } from '../core/xlsx-print.js';
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
  appraised: 12,
  reason: 36,
};

/** Width of the instructions sheet's one column, in Excel's character units. */
const GUIDE_WIDTH = 75;

/** Writes the appraisal workbook. `date` is the round's date, stamped for deterministic bytes. */
export async function renderAppraisalTemplate(
  rows: readonly AppraisalRow[],
  opts: { roundName: string; year: number; date: Date; lang: Lang },
): Promise<Buffer> {
  const Excel = await loadExcel();
  const { lang } = opts;
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
  const lines =
    lang === 'vi'
      ? [
          `Phiếu thẩm định — ${opts.roundName} (năm ${opts.year})`,
          '',
          'Mỗi dòng là một tiêu chí thành phần của một cơ quan, với số liệu, điểm tự chấm, tài liệu kiểm ' +
            'chứng và giải trình của cơ quan.',
          'Chỉ điền hai cột "Điểm thẩm định" và "Lý do điều chỉnh". Để trống "Điểm thẩm định" nếu giữ nguyên ' +
            'điểm tự chấm.',
          'Điểm thẩm định khác điểm tự chấm phải có lý do. Điểm phải từ 0 đến điểm tối đa, viết 2,5 hoặc 2.5 đều được.',
          'Có thể chia tệp cho nhiều tổ thẩm định; các tệp được áp dụng theo thứ tự khai báo trong ' +
            'round.yaml, tệp sau ghi đè tệp trước (thẩm định lần 2 sau giải trình).',
          'Không sửa các cột khác, không đổi tên trang tính.',
        ]
      : [
          `Appraisal workbook — ${opts.roundName} (${opts.year})`,
          '',
          "Each row is one item of one agency, with the agency's data, self-score, evidence and explanation.",
          'Fill in only "Appraised points" and "Reason for change". Leave "Appraised points" empty to keep ' +
            'the self-score.',
          'An appraised value different from the self-score needs a reason. Points run from 0 to the ' +
            'maximum; 2,5 and 2.5 are both read.',
          'Several files (one per appraisal team, or a second round after explanations) apply in the order ' +
            'round.yaml lists them; a later file overrides an earlier one.',
          'Do not edit other columns or rename the sheets.',
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
  ws.columns = APPRAISAL_COLUMNS.map((key) => ({ key, header: APPRAISAL_HEADERS[key][lang], width: WIDTHS[key] }));
  const head = ws.getRow(1);
  head.font = { name: 'Calibri', bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = headerHeight(APPRAISAL_COLUMNS.map((k) => ({ text: APPRAISAL_HEADERS[k][lang], width: WIDTHS[k] })));
  head.eachCell((c, col) => {
    const key = APPRAISAL_COLUMNS[col - 1];
    const input = key === 'appraised' || key === 'reason';
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: input ? 'FFFFF2CC' : 'FFD9E1F2' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) {
    const row = ws.addRow({
      max: r.max,
      selfPoints: r.selfPoints ?? null,
      appraised: null,
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
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight(
      (['agencyName', 'title', 'selfInputs', 'evidence', 'explanation'] as const).map((k) => ({
        text: r[k],
        width: WIDTHS[k],
      })),
    );
    row.getCell('max').numFmt = '0.00';
    row.getCell('selfPoints').numFmt = '0.00';
    const appraised = row.getCell('appraised');
    appraised.numFmt = '0.00';
    appraised.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
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
    row.getCell('reason').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  }
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: APPRAISAL_COLUMNS.length },
  };
  ws.pageSetup = { ...ws.pageSetup, ...PRINT_A4_LANDSCAPE };
  const appraisalTitle = lang === 'vi' ? `Phiếu thẩm định — ${opts.roundName}` : `Appraisal — ${opts.roundName}`;
  ws.headerFooter = {
    oddHeader: `&C&"Calibri,Bold"${appraisalTitle.replace(/&/g, '&&')}`,
    oddFooter: lang === 'vi' ? '&CTrang &P/&N' : '&CPage &P of &N',
  };
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimestamps(buf, opts.date);
}
