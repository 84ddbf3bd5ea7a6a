/**
 * The Excel report of a round: summary per group, fields matrix, a scorecard per agency (or one
 * long scorecard sheet past a threshold), the appraisal trail, the findings and what the
 * report was made from. Numbers are numbers with formats; text typed by people is inert text;
 * the same result gives the same bytes (dates come from the result, never the clock).
 */
import { gapTable, hasLoop, historyLine, historyTable, type SheetTable } from './history.js';
import { createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../core/excel.js';
import { fixZipTimestamps, fixZipTimestampsInFile } from '../core/zip.js';
import { renderLocation, renderMessage, severityLabel } from '../messages/index.js';
import { columnLetters, type Finding } from '../findings/finding.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, RoundResult } from '../result/schema.js';
import { comparisonBasis, overlapNote, rankRange } from './certainty-text.js';
import type { Rational } from '../core/rational.js';
import { fmtRankChange } from './format.js';
import { agencyMarks, groupExtremes, groupMarkCounts, resultHasMarks } from './marks.js';
import { adjustmentLabel, scorecardRows, signedValue } from './scorecard.js';
import { textOf } from './score-text.js';
import { reportView } from './view.js';
import { directRows, type DirectCell, type DirectRows } from './xlsx-rows.js';
import { FORMULA_START, PRINT_A4_LANDSCAPE, setTextCell } from '../core/xlsx-text.js';

/** Above this many agencies, scorecards go into one long sheet instead of a sheet each. */
export const SCORECARD_SHEETS_MAX = 200;

export interface XlsxReportOptions {
  lang: Lang;
  scorecards?: 'sheets' | 'long' | 'auto';
}

const BAND_FILLS = ['FFC6EFCE', 'FFDDEBF7', 'FFFFEB9C', 'FFFFC7CE', 'FFF2F2F2'];
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
/** Row fonts name the face: a font without a name makes LibreOffice fall back to a serif face. */
const BOLD: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, bold: true };
const ITALIC: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, italic: true };
export const PCT = '0.00%';
export const PTS = '0.00';
/** Bonus (+) and penalty (−) points: the sign shown, never a negative zero. */
export const SIGNED = '+0.00;-0.00;0.00';

const T = {
  summary: { vi: 'Tổng hợp', en: 'Summary' },
  fields: { vi: 'Lĩnh vực', en: 'Fields' },
  scorecards: { vi: 'Bảng điểm', en: 'Scorecards' },
  appraisal: { vi: 'Thẩm định', en: 'Appraisal' },
  findings: { vi: 'Kiểm tra', en: 'Findings' },
  about: { vi: 'Thông tin', en: 'About' },
  history: { vi: 'Lịch sử thẩm định', en: 'Appraisal history' },
  gaps: { vi: 'Chênh lệch tự chấm', en: 'Self-scoring gaps' },
} as const;

/** A marked agency's name and note on the summary sheet. */
const RED: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, color: { argb: 'FFC00000' } };

/** Input roles in words, as the About sheet names them. */
const ROLE: Record<RoundResult['inputs'][number]['role'], { vi: string; en: string }> = {
  round: { vi: 'kỳ đánh giá', en: 'round' },
  roster: { vi: 'danh sách cơ quan', en: 'roster' },
  criteria: { vi: 'bộ tiêu chí', en: 'criteria' },
  submission: { vi: 'hồ sơ tự chấm', en: 'submission' },
  appraisal: { vi: 'thẩm định', en: 'appraisal' },
  survey: { vi: 'điều tra XHH', en: 'survey' },
  previous: { vi: 'kết quả năm trước', en: 'previous' },
  crosswalk: { vi: 'bảng chuyển mã', en: 'crosswalk' },
  questionnaire: { vi: 'bộ câu hỏi', en: 'questionnaire' },
  weights: { vi: 'trọng số thay thế', en: 'alternative weights' },
  explanation: { vi: 'giải trình', en: 'explanation' },
};
/** Writes a table of the history module into a sheet, with a filter. */
function writeTable(ws: ExcelJS.Worksheet, t: SheetTable): void {
  header(ws, t.head, t.widths);
  for (const cells of t.rows) {
    const r = next(ws);
    cells.forEach((c, i) => {
      if (c === undefined) return;
      if (typeof c === 'string') setTextCell(r.getCell(i + 1), c);
      else if (c.fmt === 'int') r.getCell(i + 1).value = c.num;
      else numberCell(r.getCell(i + 1), c.num, PTS);
    });
  }
  if (t.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsOf(ws), column: t.head.length } };
  close(ws);
}

/** Layout used for scorecards: a sheet per agency, or one long sheet. */
export function scorecardLayout(result: RoundResult, opt: XlsxReportOptions['scorecards'] = 'auto'): 'sheets' | 'long' {
  if (opt === 'sheets' || opt === 'long') return opt;
  return result.agencies.length > SCORECARD_SHEETS_MAX ? 'long' : 'sheets';
}

/** The workbook's bytes (see `writeXlsxReportFile` for a file: the same bytes, never all in memory). */
export async function renderXlsxReport(result: RoundResult, opts: XlsxReportOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  await writeXlsx(result, opts, stream);
  return fixZipTimestamps(Buffer.concat(chunks), reportDate(result));
}

/**
 * Writes the workbook into a new file at `path` as it is made (a round of thousands of agencies
 * is tens of megabytes of zip that need not sit in memory), then sets its entries' dates in place.
 */
export async function writeXlsxReportFile(result: RoundResult, opts: XlsxReportOptions, path: string): Promise<void> {
  const file = createWriteStream(path, { flags: 'wx' });
  const closed = new Promise<void>((resolve, reject) => {
    file.on('close', resolve);
    file.on('error', reject);
  });
  let failed: { e: unknown } | undefined;
  try {
    await writeXlsx(result, opts, file);
  } catch (e) {
    failed = { e };
  }
  if (!file.writableEnded) file.end();
  await closed.catch((e: unknown) => (failed ??= { e }));
  if (failed) throw failed.e;
  fixZipTimestampsInFile(path, reportDate(result));
}

function reportDate(result: RoundResult): Date {
  return new Date(`${result.round.date}T00:00:00Z`);
}

async function writeXlsx(result: RoundResult, opts: XlsxReportOptions, stream: Writable): Promise<void> {
  const Excel = await loadExcel();
  const { lang } = opts;
  const vi = lang === 'vi';
  const date = reportDate(result);
  // The streaming writer: each finished row goes to the zip at once, so a round of thousands of
  // agencies (hundreds of thousands of scorecard rows) is written in bounded memory. Text goes
  // into the shared string table: item titles, agency names and scoring sentences recur on
  // every scorecard, and each is then written (and compressed) once. An agency's own words
  // (evidence, reasons) stay in their cells (see DirectCell): the table is held until the end.
  const wb = new Excel.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
    zip: { zlib: { level: 1, chunkSize: 256 * 1024 } },
  });
  wb.creator = result.tool.name;
  wb.created = date;
  wb.modified = date;
  wb.title = result.round.name;
  const v = reportView(result, lang);
  const { fieldCodes, fieldTitle, scored } = v;
  const layout = scorecardLayout(result, opts.scorecards);

  // Summary.
  const sum = sheet(wb, T.summary[lang], lang);
  const sumHead = [
    vi ? 'Nhóm' : 'Group',
    vi ? 'Hạng' : 'Rank',
    vi ? 'Thay đổi' : 'Change',
    vi ? 'Mã' : 'Code',
    vi ? 'Cơ quan' : 'Agency',
    vi ? 'Chỉ số' : 'Index',
    vi ? 'Xếp loại' : 'Band',
    ...fieldCodes.map((c) => `${vi ? 'LV' : 'F'}${c}`),
    vi ? 'Thẩm định' : 'Appraisal',
    vi ? 'Điều tra XHH' : 'Survey',
    vi ? 'Thưởng' : 'Bonus',
    vi ? 'Trừ' : 'Penalty',
    vi ? 'Tổng điểm' : 'Points',
  ];
  // A note column (open errors, missing survey data, band from the exact value) only when some agency has one.
  const marked = resultHasMarks(result);
  if (marked) sumHead.push(vi ? 'Ghi chú' : 'Notes');
  header(sum, sumHead, [22, 7, 10, 10, 40, 10, 12, ...fieldCodes.map(() => 8), 10, 10, 8, 8, 10, 50]);
  for (const [c, code] of fieldCodes.entries()) sum.getCell(1, 8 + c).note = fieldTitle(code);
  for (const g of result.groups) {
    for (const code of g.agencies) {
      const a = v.agency(code);
      if (!a) continue;
      const row = next(sum);
      setTextCell(row.getCell(1), textOf(g.title, lang));
      if (a.rank !== undefined) row.getCell(2).value = a.rank;
      setTextCell(row.getCell(3), fmtRankChange(a.previous?.rankChange, a.isNew, lang, true));
      row.getCell(3).alignment = { horizontal: 'center' };
      setTextCell(row.getCell(4), a.code);
      setTextCell(row.getCell(5), a.name);
      if (a.status !== 'missing') numberCell(row.getCell(6), ratio(a.total.index.value), PCT);
      setTextCell(row.getCell(7), a.status === 'missing' ? (vi ? 'Chưa nộp' : 'Not submitted') : v.bandLabel(a));
      const bi = v.bandIndex(a);
      if (bi >= 0) row.getCell(7).fill = solid(BAND_FILLS[Math.min(bi, BAND_FILLS.length - 1)]!);
      fieldCodes.forEach((fc, i) => {
        const f = a.fields.find((x) => x.code === fc);
        if (f && a.status !== 'missing') numberCell(row.getCell(8 + i), f.points.value, PTS);
      });
      const k = 8 + fieldCodes.length;
      numberCell(row.getCell(k), a.bySource.appraisal.points.value, PTS);
      numberCell(row.getCell(k + 1), a.bySource.survey.points.value, PTS);
      numberCell(row.getCell(k + 2), a.bySource.bonus.value, PTS);
      numberCell(row.getCell(k + 3), a.bySource.penalty.value, PTS);
      numberCell(row.getCell(k + 4), a.total.points.value, PTS);
      const notes = marked ? agencyMarks(a, v.setOf(a), lang) : [];
      if (notes.length > 0) {
        setTextCell(row.getCell(k + 5), `⚠ ${notes.join('; ')}`);
        row.getCell(k + 5).font = RED;
        row.getCell(5).font = RED;
      }
    }
  }
  const lastRow = rowsOf(sum);
  sum.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: sumHead.length } };
  next(sum);
  for (const g of result.groups) {
    const set = v.groupSet(g);
    const name = (code: string | undefined): string => (code ? (v.agency(code)?.name ?? '') : '');
    const line = (label: string, value: string | number, fmt?: string): void => {
      const r = next(sum);
      setTextCell(r.getCell(1), label);
      if (typeof value === 'number') numberCell(r.getCell(2), value, fmt ?? PTS);
      else setTextCell(r.getCell(2), value);
    };
    const t = next(sum);
    setTextCell(t.getCell(1), textOf(g.title, lang));
    t.font = BOLD;
    const members = g.agencies.map((c) => v.agency(c)).filter((a): a is AgencyResult => a !== undefined);
    if (members.some((a) => a.rank !== undefined)) line(vi ? 'Giá trị trung bình' : 'Mean', ratio(g.mean.value), PCT);
    else line(vi ? 'Giá trị trung bình' : 'Mean', vi ? 'chưa có cơ quan nào được xếp hạng' : 'no agency is ranked');
    for (const b of g.bands) line(textOf(set?.bands.find((x) => x.id === b.id)?.label, lang) || b.id, b.count, '0');
    const x = groupExtremes(g, v.agency, set?.rounding.decimals ?? 2, lang);
    if (x.all) line(vi ? 'Cao nhất, thấp nhất' : 'Highest, lowest', x.all);
    else {
      line(vi ? 'Cao nhất' : 'Highest', x.highest ? x.highest.names + x.highest.tied : name(g.highest));
      line(vi ? 'Thấp nhất' : 'Lowest', x.lowest ? x.lowest.names + x.lowest.tied : name(g.lowest));
    }
    for (const c of groupMarkCounts(members, lang)) line(vi ? 'Lưu ý' : 'Note', c);
    for (const n of g.roundingNotes) {
      const names = n.agencies.map(name).join(', ');
      line(
        vi ? 'Ghi chú làm tròn' : 'Rounding note',
        vi
          ? `${names} cùng hiển thị ${n.shown.replace('.', ',')}% nhưng khác hạng; cần ${n.decimals} chữ số ` +
              `thập phân để phân biệt.`
          : `${names} all show ${n.shown}% but hold different ranks; ${n.decimals} decimals tell them apart.`,
      );
    }
  }

  for (const g of result.groups)
    for (const n of g.overlapNotes ?? []) {
      const r = next(sum);
      setTextCell(r.getCell(1), vi ? 'Ghi chú độ tin cậy' : 'Certainty note');
      setTextCell(
        r.getCell(2),
        overlapNote(n, (code) => v.agency(code)?.name ?? code, lang),
      );
    }

  close(sum);

  // Fields matrix.
  const fm = sheet(wb, T.fields[lang], lang);
  header(
    fm,
    [
      vi ? 'Nhóm' : 'Group',
      vi ? 'Mã' : 'Code',
      vi ? 'Cơ quan' : 'Agency',
      ...fieldCodes.map((c) => `${c}. ${fieldTitle(c)}`),
    ],
    [20, 10, 40, ...fieldCodes.map(() => 14)],
  );
  for (const a of scored) {
    const row = next(fm);
    setTextCell(row.getCell(1), textOf(v.group(a.group)?.title, lang));
    setTextCell(row.getCell(2), a.code);
    setTextCell(row.getCell(3), a.name);
    fieldCodes.forEach((fc, i) => {
      const f = a.fields.find((x) => x.code === fc);
      if (f) numberCell(row.getCell(4 + i), ratio(f.index.value), PCT);
    });
  }
  const meanRow = next(fm);
  setTextCell(meanRow.getCell(3), vi ? 'Trung bình' : 'Mean');
  meanRow.font = BOLD;
  fieldCodes.forEach((fc, i) => {
    const mean = v.fieldMean(fc);
    if (mean !== undefined) numberCell(meanRow.getCell(4 + i), ratio(mean), PCT);
  });
  if (scored.length > 0) {
    fm.autoFilter = { from: { row: 1, column: 1 }, to: { row: scored.length + 1, column: 3 + fieldCodes.length } };
    fm.addConditionalFormatting({
      ref: `D2:${columnLetters(3 + fieldCodes.length)}${scored.length + 1}`,
      rules: [
        {
          type: 'colorScale',
          priority: 1,
          cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
          color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
        },
      ],
    });
  }

  close(fm);

  if (result.uncertainty || result.comparison) addCertaintySheet(wb, result, v, lang);

  // Scorecards.
  const cardHead = [
    vi ? 'Mã tiêu chí' : 'Item',
    vi ? 'Nội dung' : 'Title',
    vi ? 'Tối đa' : 'Max',
    vi ? 'Tự chấm' : 'Self',
    vi ? 'Thẩm định' : 'Appraised',
    vi ? 'Điểm' : 'Final',
    vi ? 'Cách tính' : 'How scored',
    vi ? 'Tài liệu kiểm chứng' : 'Evidence',
    vi ? 'Lý do thẩm định' : 'Appraisal reason',
  ];
  const widths = [10, 50, 8, 8, 10, 8, 40, 30, 30];
  // A round with an appraisal loop adds each item's path; field and total rows then show the
  // self-assessed and appraised totals of the self-scored items in the Self and Appraised columns.
  const loop = hasLoop(result);
  if (loop) {
    cardHead.push(vi ? 'Quá trình thẩm định' : 'Appraisal path');
    widths.push(44);
  }
  // Scorecards are most of the workbook's cells (about 95 rows an agency): their rows are written
  // as sheet XML directly (xlsx-rows.ts), with shared style objects.
  const sharedStyle = sharedStyles();
  const writeCard = (out: DirectRows, a: AgencyResult, withAgency: boolean): void => {
    const title = (code: string): string => v.itemTitle(a, code);
    let row: DirectCell[] = [];
    const end = (): void => {
      out.add(row);
      row = [];
    };
    const text = (col: number, t: string, font?: Partial<ExcelJS.Font>, own?: boolean): void => {
      if (t !== '')
        row.push({
          col,
          text: t,
          own: own === true,
          style: sharedStyle(FORMULA_START.test(t) ? '@' : undefined, font),
        });
    };
    const points = (col: number, value: number, font?: Partial<ExcelJS.Font>): void => {
      row.push({ col, num: value, style: sharedStyle(PTS, font) });
    };
    const lead = (font?: Partial<ExcelJS.Font>): number => {
      if (!withAgency) return 1;
      text(1, a.code, font);
      text(2, a.name, font);
      return 3;
    };
    const gapOf = new Map((a.selfGap?.fields ?? []).map((f) => [f.code, f]));
    const subtotal = (code: string, max: number, pts: number, bold: boolean): void => {
      const font = bold ? BOLD : ITALIC;
      const s = lead(font);
      text(s, code, font);
      text(s + 1, title(code), font);
      points(s + 2, max, font);
      const g = gapOf.get(code);
      if (g) {
        points(s + 3, g.self.value, font);
        points(s + 4, g.appraised.value, font);
      }
      points(s + 5, pts, font);
      end();
    };
    const item = (it: AgencyResult['items'][number]): void => {
      const c = lead();
      text(c, it.code);
      text(c + 1, title(it.code));
      points(c + 2, it.max.value);
      if (it.self) points(c + 3, it.self.value);
      if (it.appraised) points(c + 4, it.appraised.value);
      points(c + 5, it.final.value);
      text(c + 6, textOf(it.detail, lang));
      // What the agency wrote, and the appraiser's reason, are its own: in the cell, not shared.
      text(c + 7, it.evidence ?? it.explanation ?? '', undefined, true);
      text(c + 8, it.reason ?? '', undefined, true);
      if (loop && it.history) text(c + 9, historyLine(it.history, lang, dec));
      end();
    };
    // Every tree shape: items under a field directly, under criteria, or deeper (scorecard.ts).
    const dec = v.setOf(a)?.rounding.decimals ?? 2;
    const signed = (col: number, which: 'bonus' | 'penalty', pts: Rational, font: Partial<ExcelJS.Font>): void => {
      row.push({ col, num: signedValue(pts, which === 'bonus' ? 1 : -1, dec), style: sharedStyle(SIGNED, font) });
    };
    const heading = (code: string, font: Partial<ExcelJS.Font>): number => {
      const s = lead(font);
      text(s, code, font);
      text(s + 1, title(code), font);
      return s;
    };
    for (const r of scorecardRows(a)) {
      if (r.kind === 'item') {
        item(r.item);
        continue;
      }
      const bold = r.kind === 'field';
      const font = bold ? BOLD : ITALIC;
      const { bonus, penalty } = r.adjustments;
      if (r.scored) subtotal(r.code, r.scored.max.value, r.scored.points.value, bold);
      else if (bold || (bonus !== undefined && penalty !== undefined)) {
        heading(r.code, font);
        end();
      } else {
        // A criterion of bonus (or penalty) items only: its signed points on its own line.
        const s = heading(r.code, font);
        signed(s + 5, bonus !== undefined ? 'bonus' : 'penalty', (bonus ?? penalty)!, font);
        end();
        continue;
      }
      for (const [which, pts] of [
        ['bonus', bonus],
        ['penalty', penalty],
      ] as const) {
        if (pts === undefined) continue;
        const s = lead(font);
        text(s, r.code, font);
        text(s + 1, adjustmentLabel(which, lang), font);
        signed(s + 5, which, pts, font);
        end();
      }
    }
    const s = lead(BOLD);
    text(s + 1, vi ? 'Tổng điểm' : 'Total', BOLD);
    points(s + 2, a.total.max.value, BOLD);
    if (a.selfGap) {
      points(s + 3, a.selfGap.self.value, BOLD);
      points(s + 4, a.selfGap.appraised.value, BOLD);
    }
    points(s + 5, a.total.points.value, BOLD);
    end();
  };
  if (layout === 'long') {
    const ws = sheet(wb, T.scorecards[lang], lang);
    header(ws, [vi ? 'Mã cơ quan' : 'Agency code', vi ? 'Cơ quan' : 'Agency', ...cardHead], [10, 30, ...widths]);
    const out = directRows(wb, ws);
    for (const a of result.agencies) {
      writeCard(out, a, true);
      await out.yieldIfWritten();
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: out.rows, column: cardHead.length + 2 } };
    out.close();
  } else {
    const used = new Set<string>(Object.values(T).map((t) => t[lang].toLowerCase()));
    for (const a of result.agencies) {
      const ws = sheet(wb, sheetName(`${a.code} ${a.name}`, used), lang);
      header(ws, cardHead, widths);
      const out = directRows(wb, ws);
      writeCard(out, a, false);
      out.close();
    }
  }

  // Appraisal trail.
  const ap = sheet(wb, T.appraisal[lang], lang);
  header(
    ap,
    [
      vi ? 'Mã cơ quan' : 'Agency',
      vi ? 'Cơ quan' : 'Name',
      vi ? 'Mã tiêu chí' : 'Item',
      vi ? 'Từ' : 'From',
      vi ? 'Thành' : 'To',
      vi ? 'Lý do' : 'Reason',
      vi ? 'Tệp thẩm định' : 'Appraisal file',
      vi ? 'Đợt' : 'Round',
      'Ô / Cell',
    ],
    [10, 30, 10, 8, 8, 50, 28, 6, 8],
  );
  for (const c of result.appraisalChanges) {
    const r = next(ap);
    setTextCell(r.getCell(1), c.agency);
    setTextCell(r.getCell(2), v.agency(c.agency)?.name ?? '');
    setTextCell(r.getCell(3), c.item);
    if (c.from) numberCell(r.getCell(4), c.from.value, PTS);
    numberCell(r.getCell(5), c.to.value, PTS);
    setTextCell(r.getCell(6), c.reason);
    setTextCell(r.getCell(7), c.file);
    r.getCell(8).value = c.order;
    setTextCell(r.getCell(9), c.cell ?? '');
  }
  if (result.appraisalChanges.length)
    ap.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsOf(ap), column: 9 } };
  close(ap);

  // The loop: every step of every item's path, and agencies by self-scoring gap.
  if (loop) {
    writeTable(sheet(wb, T.history[lang], lang), historyTable(result, lang));
    writeTable(sheet(wb, T.gaps[lang], lang), gapTable(result, lang, fieldCodes));
  }

  // Findings.
  addFindingsSheet(wb, T.findings[lang], result.findings as unknown as Finding[], lang);

  // About.
  const ab = sheet(wb, T.about[lang], lang);
  header(ab, [vi ? 'Mục' : 'Item', vi ? 'Giá trị' : 'Value', 'SHA-256'], [26, 70, 68]);
  const kv = (k: string, v: string, sha = ''): void => {
    const r = next(ab);
    setTextCell(r.getCell(1), k);
    setTextCell(r.getCell(2), v);
    setTextCell(r.getCell(3), sha);
  };
  kv(vi ? 'Kỳ đánh giá' : 'Round', result.round.name);
  kv(vi ? 'Năm' : 'Year', String(result.round.year));
  kv(vi ? 'Ngày báo cáo' : 'Report date', result.round.date);
  for (const c of result.criteria)
    kv(
      vi ? 'Bộ tiêu chí' : 'Criteria set',
      `${c.ref} — ${c.decision.number}${c.decision.date ? ` (${c.decision.date})` : ''} — ${textOf(c.title, lang)}`,
    );
  kv(
    vi ? 'Bảng điểm' : 'Scorecards',
    layout === 'sheets'
      ? vi
        ? 'mỗi cơ quan một trang'
        : 'one sheet per agency'
      : vi
        ? `một trang "${T.scorecards.vi}" có bộ lọc (hơn ${SCORECARD_SHEETS_MAX} cơ quan)`
        : `one "${T.scorecards.en}" sheet with a filter (more than ${SCORECARD_SHEETS_MAX} agencies)`,
  );
  for (const i of result.inputs) kv(`${vi ? 'Tệp đầu vào' : 'Input'} (${ROLE[i.role][lang]})`, i.file, i.sha256);
  kv(vi ? 'Công cụ' : 'Tool', `${result.tool.name} ${result.tool.version}`);

  close(ab);
  await wb.commit();
}

const written = new WeakMap<ExcelJS.Worksheet, { last?: ExcelJS.Row; count: number }>();

/**
 * The next row of a sheet. With the streaming writer a row is final once committed: the previous
 * row (or the header) is committed here, so cells are set on one row at a time, in order.
 */
export function next(ws: ExcelJS.Worksheet): ExcelJS.Row {
  const w = written.get(ws) ?? { count: 1 };
  (w.last ?? ws.getRow(1)).commit();
  w.last = ws.addRow([]);
  w.count++;
  written.set(ws, w);
  return w.last;
}

/** Rows written so far, header included. */
export function rowsOf(ws: ExcelJS.Worksheet): number {
  return written.get(ws)?.count ?? 1;
}

/** Commits a sheet's last row and the sheet itself (streaming writer). */
export function close(ws: ExcelJS.Worksheet): void {
  const w = written.get(ws);
  (w?.last ?? ws.getRow(1)).commit();
  ws.commit();
}

/**
 * The certainty sheet: per agency its rank with the best and worst rank its index interval allows,
 * the index interval, last year's comparison and how it was made, and the rank under alternative
 * weights; below, how the intervals are made and what last year's figures allow comparing.
 */
function addCertaintySheet(
  wb: ExcelJS.Workbook,
  result: RoundResult,
  v: ReturnType<typeof reportView>,
  lang: Lang,
): void {
  const vi = lang === 'vi';
  const ws = sheet(wb, vi ? 'Độ tin cậy' : 'Certainty', lang);
  const alt = result.uncertainty?.weightsAlt;
  const head = [
    vi ? 'Nhóm' : 'Group',
    vi ? 'Hạng' : 'Rank',
    vi ? 'Khoảng hạng (95%)' : 'Rank range (95%)',
    vi ? 'Mã' : 'Code',
    vi ? 'Cơ quan' : 'Agency',
    vi ? 'Chỉ số' : 'Index',
    vi ? 'Cận dưới' : 'Lower',
    vi ? 'Cận trên' : 'Upper',
    vi ? 'Số câu trả lời ít nhất' : 'Fewest valid answers',
    vi ? 'Chỉ số năm trước' : 'Last year’s index',
    vi ? 'Thay đổi chỉ số' : 'Index change',
    vi ? 'Thay đổi hạng' : 'Rank change',
    vi ? 'Cách so sánh' : 'Compared with',
    ...(alt
      ? [vi ? 'Chỉ số (trọng số thay thế)' : 'Index (alt. weights)', vi ? 'Hạng (thay thế)' : 'Rank (alt.)']
      : []),
    ...(alt ? [vi ? 'Dịch chuyển' : 'Shift'] : []),
  ];
  header(ws, head, [20, 7, 12, 10, 36, 9, 9, 9, 10, 10, 10, 9, 44, 12, 9, 10]);
  for (const g of result.groups)
    for (const code of g.agencies) {
      const a = v.agency(code);
      if (!a || a.status === 'missing') continue;
      const row = next(ws);
      setTextCell(row.getCell(1), textOf(g.title, lang));
      if (a.rank !== undefined) row.getCell(2).value = a.rank;
      setTextCell(row.getCell(3), rankRange(a));
      row.getCell(3).alignment = { horizontal: 'center' };
      setTextCell(row.getCell(4), a.code);
      setTextCell(row.getCell(5), a.name);
      numberCell(row.getCell(6), ratio(a.total.index.value), PCT);
      if (a.interval) {
        numberCell(row.getCell(7), ratio(a.interval.index.lower.value), PCT);
        numberCell(row.getCell(8), ratio(a.interval.index.upper.value), PCT);
        numberCell(row.getCell(9), a.interval.minValid, '0');
      }
      if (a.previous) {
        numberCell(row.getCell(10), ratio(a.previous.index.value), PCT);
        numberCell(row.getCell(11), a.previous.indexChange.value, '+0.00;-0.00;0.00');
      }
      setTextCell(row.getCell(12), fmtRankChange(a.previous?.rankChange, a.isNew, lang, true));
      row.getCell(12).alignment = { horizontal: 'center' };
      setTextCell(row.getCell(13), comparisonBasis(a, lang));
      if (alt && a.alternative) {
        numberCell(row.getCell(14), ratio(a.alternative.index.value), PCT);
        row.getCell(15).value = a.alternative.rank;
        numberCell(row.getCell(16), a.alternative.shift, '+0;-0;0');
      }
    }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsOf(ws), column: head.length } };
  next(ws);
  const note = (label: string, text: string): void => {
    const r = next(ws);
    setTextCell(r.getCell(1), label);
    r.getCell(1).font = BOLD;
    setTextCell(r.getCell(2), text);
    // Across the table's width, wrapped, so a long sentence does not widen the printed page.
    ws.mergeCells(r.number, 2, r.number, 13);
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    r.height = 15 * Math.ceil(text.length / 150);
  };
  if (result.uncertainty)
    note(
      vi ? 'Cách tính khoảng' : 'Intervals',
      vi
        ? 'Khoảng Wilson 95% cho mỗi tỷ lệ hài lòng theo số câu trả lời hợp lệ; chỉ số tính lại với mọi tỷ lệ ở cận ' +
            'dưới (rồi cận trên), nên khoảng chỉ số là thận trọng; hạng tốt nhất = 1 + số cơ quan có cận dưới cao ' +
            'hơn cận trên của cơ quan này, hạng kém nhất = 1 + số cơ quan có cận trên cao hơn cận dưới của nó.'
        : result.uncertainty.method,
    );
  if (alt)
    note(
      vi ? 'Trọng số thay thế' : 'Alternative weights',
      `${alt.file}: ${Object.entries(alt.maxima)
        .map(([k, x]) => `${vi ? 'LV' : 'F'}${k} = ${x}`)
        .join(', ')}`,
    );
  const cmpInfo = result.comparison;
  if (cmpInfo) {
    const can = [
      cmpInfo.index ? (vi ? 'chỉ số' : 'index') : '',
      cmpInfo.rank ? (vi ? 'thứ hạng (cùng nhóm)' : 'rank (same group)') : '',
      cmpInfo.fields.length === 0
        ? ''
        : cmpInfo.fields.includes('*')
          ? vi
            ? 'chỉ số từng lĩnh vực'
            : 'every field index'
          : `${vi ? 'lĩnh vực' : 'fields'} ${cmpInfo.fields.join(', ')}`,
    ].filter((x) => x);
    const cannot = [
      cmpInfo.rank ? '' : vi ? 'thứ hạng (bảng không có cột xếp hạng)' : 'rank (the table has no rank column)',
      cmpInfo.fields.length === 0 ? (vi ? 'chỉ số lĩnh vực (bảng không có)' : 'field indices (not in the table)') : '',
      vi ? 'thứ hạng của cơ quan hợp nhất từ nhiều đơn vị' : 'the rank of an agency merged from several',
    ].filter((x) => x);
    const rule = {
      none: vi ? 'không so sánh' : 'not compared',
      mean: vi ? 'bình quân' : 'mean',
      weighted: vi ? 'bình quân gia quyền' : 'weighted mean',
    }[cmpInfo.merged];
    note(
      vi ? 'So sánh năm trước' : 'Last year',
      `${cmpInfo.file} (${cmpInfo.kind === 'table' ? (vi ? 'bảng công bố' : 'published table') : 'result.json'}` +
        (cmpInfo.rows !== undefined
          ? `, ${cmpInfo.matched}/${cmpInfo.rows} ${vi ? 'dòng khớp' : 'rows matched'}`
          : '') +
        '). ' +
        `${vi ? 'So sánh được' : 'Compared'}: ${can.join(', ')}. ${vi ? 'Không so sánh được' : 'Not compared'}: ` +
        `${cannot.join(', ')}. ` +
        `${vi ? 'Cơ quan hợp nhất' : 'Merged agencies'}: ${rule}.`,
    );
  }
  close(ws);
}

export function sheet(wb: ExcelJS.Workbook, name: string, lang: Lang): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...PRINT_A4_LANDSCAPE },
    headerFooter: { oddFooter: `&L&A&R${lang === 'vi' ? 'Trang' : 'Page'} &P / &N` },
  });
}

export function header(ws: ExcelJS.Worksheet, titles: string[], widths: number[]): void {
  const r = ws.getRow(1);
  titles.forEach((t, i) => {
    setTextCell(r.getCell(i + 1), t);
    r.getCell(i + 1).fill = HEADER_FILL;
    ws.getColumn(i + 1).width = widths[i] ?? 12;
  });
  r.font = BOLD;
  r.alignment = { wrapText: true, vertical: 'middle' };
}

/** A style object for a number format and font, one for each pair (see `sharedStyles`). */
export type SharedStyle = (numFmt: string | undefined, font?: Partial<ExcelJS.Font>) => Partial<ExcelJS.Style>;

/**
 * One frozen style object per number format and font, for one workbook. exceljs keeps a map from
 * style objects it has written to their id, so cells that share the object cost a lookup, not a
 * serialisation.
 */
export function sharedStyles(): SharedStyle {
  const made = new Map<Partial<ExcelJS.Font> | undefined, Map<string | undefined, Partial<ExcelJS.Style>>>();
  return (numFmt, font) => {
    // Keyed by the font object itself: callers pass the module's constant fonts.
    let byFormat = made.get(font);
    if (!byFormat) made.set(font, (byFormat = new Map()));
    let style = byFormat.get(numFmt);
    if (!style) {
      style = Object.freeze({
        ...(numFmt !== undefined ? { numFmt } : {}),
        ...(font ? { font: Object.freeze({ ...font }) } : {}),
      });
      byFormat.set(numFmt, style);
    }
    return style;
  };
}

export function numberCell(cell: ExcelJS.Cell, value: number, fmt: string): void {
  cell.value = value;
  cell.numFmt = fmt;
}

/** A percentage (91.43) as the fraction Excel formats with "%" (0.9143), without binary noise from dividing. */
export function ratio(pct: number): number {
  const s = Math.abs(pct).toString();
  if (s.includes('e')) return pct / 100;
  const [int, frac = ''] = s.split('.');
  const padded = int!.padStart(3, '0');
  return Number(`${pct < 0 ? '-' : ''}${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`);
}

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * A sheet name Excel accepts: no []:*?/\, not starting or ending with ', at most 31 characters, unique
 * (case-insensitive).
 */
export function sheetName(wanted: string, used: Set<string>): string {
  const clean =
    wanted
      .normalize('NFC')
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  const cut = (s: string, n: number): string => [...s].slice(0, n).join('').trim();
  let name = cut(clean, 31);
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = cut(clean, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** The findings sheet: severity, code, file, sheet, cell, agency, item and message of each finding. */
export function addFindingsSheet(wb: ExcelJS.Workbook, name: string, findings: readonly Finding[], lang: Lang): void {
  const vi = lang === 'vi';
  const fs = sheet(wb, name, lang);
  header(
    fs,
    [
      vi ? 'Mức độ' : 'Severity',
      vi ? 'Mã lỗi' : 'Code',
      vi ? 'Tệp' : 'File',
      vi ? 'Trang' : 'Sheet',
      vi ? 'Ô' : 'Cell',
      vi ? 'Cơ quan' : 'Agency',
      vi ? 'Tiêu chí' : 'Item',
      vi ? 'Nội dung' : 'Message',
    ],
    [10, 30, 32, 16, 8, 10, 8, 90],
  );
  for (const f of findings) {
    const r = next(fs);
    const loc = f.location;
    setTextCell(r.getCell(1), severityLabel(f.severity, lang));
    setTextCell(r.getCell(2), f.code);
    setTextCell(r.getCell(3), String(loc.file ?? ''));
    setTextCell(r.getCell(4), String(loc.sheet ?? ''));
    setTextCell(r.getCell(5), String(loc.cell ?? loc.row ?? loc.line ?? ''));
    setTextCell(r.getCell(6), f.agency ?? '');
    setTextCell(r.getCell(7), f.criterion ?? '');
    setTextCell(r.getCell(8), messageOf(f, lang));
  }
  if (findings.length) fs.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsOf(fs), column: 8 } };
  close(fs);
}

function messageOf(f: Finding, lang: Lang): string {
  try {
    const where = renderLocation(f.location, lang, false);
    return (where ? `${where}: ` : '') + renderMessage(f, lang);
  } catch {
    return f.code;
  }
}
