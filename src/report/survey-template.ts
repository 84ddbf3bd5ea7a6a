/**
 * The survey-points workbook (điểm điều tra xã hội học): one row per agency × survey item of its
 * criteria set, with empty "share", "points" and "sample size" cells for staff to fill from the
 * survey's results. Comes in: the round's config, roster and sets; goes out: an xlsx buffer with
 * deterministic bytes, its sheet protected except the cells to fill, read back by `score` as a survey
 * points table (round/tables.ts).
 */
import { loadExcel } from '../core/excel.js';
import { PRINT_A4_LANDSCAPE, setTextCell } from '../core/xlsx-text.js';
import { pageFooter } from '../core/xlsx-print.js';
import { fixZipTimestamps } from '../core/zip.js';
import { appliesWithAncestors, textIn, type CriteriaIndex } from '../criteria/tree.js';
import type { Lang } from '../messages/types.js';
import type { RoundConfig } from '../round/config.js';
import type { RosterAgency } from '../round/roster.js';
import type { SurveyValue } from '../score/types.js';
import { SURVEY_COLUMNS, SURVEY_HEADERS, SURVEY_SHEET, type SurveyColumn } from '../round/survey-layout.js';

/** What the workbook is made from. */
export interface SurveyTemplateSource {
  config: RoundConfig;
  roster: readonly RosterAgency[];
  sets: ReadonlyMap<string, CriteriaIndex>;
  /** Figures the round's survey points tables already hold: agency → item → value. */
  filled?: ReadonlyMap<string, ReadonlyMap<string, SurveyValue>>;
  /** The measures the round's SIPAS questionnaire gives; an item's measure of another survey is not noted. */
  sipasMeasures?: ReadonlySet<string>;
}

/** One agency × survey item line. */
export interface SurveyTemplateRow {
  agencyCode: string;
  agencyName: string;
  itemCode: string;
  title: string;
  max: number;
  /** The SIPAS measure that gives the item its share when the row is left empty. */
  sipasMeasure?: string;
  /** A figure already given: the share (0 … 1), the points, the sample size. */
  share?: number;
  points?: number;
  sample?: number;
}

const WIDTHS: Record<SurveyColumn, number> = {
  agencyCode: 11,
  agencyName: 26,
  itemCode: 9,
  title: 50,
  max: 9,
  share: 12,
  points: 11,
  sample: 10,
  note: 34,
};

const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const HEAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
const INPUTS: readonly SurveyColumn[] = ['share', 'points', 'sample'];

/** The rows: every roster agency × every survey item that applies to its kind, in roster and tree order. */
export function surveyTemplateRows(src: SurveyTemplateSource, lang: Lang): SurveyTemplateRow[] {
  const sipas = src.config.survey.sipas;
  const rows: SurveyTemplateRow[] = [];
  for (const a of src.roster) {
    const idx = src.sets.get(a.kind);
    if (!idx) continue;
    for (const e of idx.items) {
      const item = e.item;
      if (!(item.source === 'survey' || item.rule.kind === 'survey')) continue;
      if (!appliesWithAncestors(idx, item.code, a.kind)) continue;
      const named = sipas
        ? (sipas.map[item.code] ?? (item.rule.kind === 'survey' ? item.rule.measure : undefined))
        : undefined;
      const measure = named !== undefined && src.sipasMeasures?.has(named) ? named : undefined;
      const v = src.filled?.get(a.code)?.get(item.code);
      rows.push({
        agencyCode: a.code,
        agencyName: a.name,
        itemCode: item.code,
        title: textIn(item.title, lang),
        max: item.max,
        ...(measure ? { sipasMeasure: measure } : {}),
        ...(v?.share !== undefined ? { share: v.share.toNumber() } : {}),
        ...(v?.points !== undefined ? { points: v.points.toNumber() } : {}),
        ...(v?.from?.table ? { sample: v.from.valid } : {}),
      });
    }
  }
  return rows;
}

/** Writes the survey-points workbook of a round. */
export async function surveyWorkbook(src: SurveyTemplateSource, lang: Lang): Promise<Buffer> {
  const cfg = src.config;
  const date = new Date(`${cfg.date ?? `${cfg.year}-12-31`}T00:00:00Z`);
  return renderSurveyTemplate(surveyTemplateRows(src, lang), { roundName: cfg.name, year: cfg.year, date, lang });
}

/**
 * The height of a row of wrapped text (15 points a line): the most lines any of its cells takes, a
 * line holding about as many characters as the column is wide (words are not split).
 */
function heightFor(cells: readonly [text: string, width: number][]): number {
  let lines = 1;
  for (const [text, width] of cells) {
    let n = 1;
    let used = 0;
    for (const word of text.split(/\s+/)) {
      const len = [...word].length;
      if (used > 0 && used + 1 + len > width - 1) {
        n++;
        used = len;
      } else used += (used > 0 ? 1 : 0) + len;
    }
    lines = Math.max(lines, n);
  }
  return 15 * lines;
}

const fmt = (n: number, lang: Lang): string => (lang === 'vi' ? String(n).replace('.', ',') : String(n));

/** Writes the workbook from its rows. `date` is the round's date, stamped for deterministic bytes. */
export async function renderSurveyTemplate(
  rows: readonly SurveyTemplateRow[],
  opts: { roundName: string; year: number; date: Date; lang: Lang },
): Promise<Buffer> {
  const Excel = await loadExcel();
  const { lang } = opts;
  const vi = lang === 'vi';
  const wb = new Excel.Workbook();
  wb.creator = 'parindex';
  wb.created = opts.date;
  wb.modified = opts.date;

  const guide = wb.addWorksheet(vi ? 'Hướng dẫn' : 'Instructions', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  guide.getColumn(1).width = 64;
  const lines = vi
    ? [
        `Điểm điều tra xã hội học — ${opts.roundName} (năm ${opts.year})`,
        '',
        'Mỗi dòng là một tiêu chí điều tra xã hội học của một cơ quan. Chỉ điền các ô màu vàng:',
        '• "Tỷ lệ hài lòng": tỷ lệ người trả lời hài lòng (ô định dạng %, gõ 83,7% hoặc 0,837); điểm = điểm tối ' +
          'đa × tỷ lệ.',
        '• hoặc "Điểm điều tra": điểm đã tính sẵn, từ 0 đến điểm tối đa; nếu điền cả hai, điểm được dùng.',
        '• "Cỡ mẫu": số phiếu hợp lệ của tỷ lệ (số nguyên từ 1); dùng để tính khoảng tin cậy của chỉ số và thứ hạng.',
        'Để trống cả dòng nếu chưa có số liệu: tiêu chí được 0 điểm và báo cáo ghi "chưa có số liệu điều tra"; ' +
          'tiêu chí có ghi chú "từ phiếu SIPAS" lấy tỷ lệ từ phiếu khảo sát thô nếu để trống.',
        'Ghi tên tệp vào round.yaml, mục survey.points (ví dụ survey/diem-dieu-tra.xlsx), rồi chạy parindex score.',
        'Không sửa các cột khác, không đổi tên trang tính.',
      ]
    : [
        `Survey points — ${opts.roundName} (${opts.year})`,
        '',
        'Each row is one survey item of one agency. Fill in only the yellow cells:',
        '• "Satisfaction share": the share of respondents satisfied (a % cell: type 83.7% or 0.837); points = ' +
          'maximum × share.',
        '• or "Survey points": points already worked out, from 0 to the maximum; when both are filled, the points ' +
          'are used.',
        '• "Sample size": the valid respondents behind the share (a whole number from 1); it gives the interval of ' +
          'the index and rank.',
        'Leave a row empty when there is no figure yet: the item scores 0 and the report says "no survey data"; ' +
          'an item noted "from SIPAS answers" takes its share from the raw answers when left empty.',
        'Name the file in round.yaml under survey.points (e.g. survey/survey-points.xlsx), then run parindex score.',
        'Do not edit other columns or rename the sheets.',
      ];
  lines.forEach((t, i) => {
    const cell = guide.getCell(i + 1, 1);
    setTextCell(cell, t);
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 13 };
    // Spreadsheet programs do not grow a row for wrapped text they did not type: its height is set.
    guide.getRow(i + 1).height = heightFor([[t, i === 0 ? 52 : 64]]);
  });
  await guide.protect('', { spinCount: 1 });

  const ws = wb.addWorksheet(SURVEY_SHEET[lang], {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }],
    pageSetup: { ...PRINT_A4_LANDSCAPE },
  });
  ws.columns = SURVEY_COLUMNS.map((key) => ({ key, width: WIDTHS[key] }));
  const head = ws.getRow(1);
  SURVEY_COLUMNS.forEach((key, i) => {
    const c = head.getCell(i + 1);
    setTextCell(c, SURVEY_HEADERS[key][lang]);
    c.fill = INPUTS.includes(key) ? INPUT_FILL : HEAD_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = heightFor(SURVEY_COLUMNS.map((k) => [SURVEY_HEADERS[k][lang], WIDTHS[k]]));
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (const key of ['agencyCode', 'agencyName', 'itemCode', 'title'] as const) setTextCell(row.getCell(key), r[key]);
    row.getCell('max').value = r.max;
    row.getCell('max').numFmt = '0.00';
    if (r.sipasMeasure)
      setTextCell(
        row.getCell('note'),
        vi ? `Để trống: từ phiếu SIPAS (${r.sipasMeasure})` : `Left empty: from SIPAS answers (${r.sipasMeasure})`,
      );
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = heightFor([
      [r.agencyName, WIDTHS.agencyName],
      [r.title, WIDTHS.title],
      [row.getCell('note').text, WIDTHS.note],
    ]);
    for (const key of INPUTS) {
      const c = row.getCell(key);
      c.protection = { locked: false };
      c.fill = INPUT_FILL;
    }
    const share = row.getCell('share');
    if (r.share !== undefined) share.value = r.share;
    if (r.points !== undefined) row.getCell('points').value = r.points;
    if (r.sample !== undefined) row.getCell('sample').value = r.sample;
    share.numFmt = '0.00%';
    share.dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [0, 1],
      errorTitle: vi ? 'Tỷ lệ không hợp lệ' : 'Invalid share',
      error: vi ? 'Tỷ lệ từ 0% đến 100%.' : 'A share runs from 0% to 100%.',
    };
    const points = row.getCell('points');
    points.numFmt = '0.00';
    points.dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [0, r.max],
      errorTitle: vi ? 'Điểm không hợp lệ' : 'Invalid points',
      error: vi ? `Điểm từ 0 đến ${fmt(r.max, lang)}.` : `Points from 0 to ${r.max}.`,
    };
    const sample = row.getCell('sample');
    sample.numFmt = '0';
    sample.dataValidation = {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [1],
      errorTitle: vi ? 'Cỡ mẫu không hợp lệ' : 'Invalid sample size',
      error: vi ? 'Cỡ mẫu là số phiếu, số nguyên từ 1.' : 'A sample size is a whole number from 1.',
    };
  });
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: SURVEY_COLUMNS.length },
  };
  ws.headerFooter = pageFooter(lang);
  await ws.protect('', {
    spinCount: 1,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: true,
  });
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()), opts.date);
}
