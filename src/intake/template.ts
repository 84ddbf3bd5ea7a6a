/**
 * The self-scoring workbook an agency fills in, generated from a criteria set: instructions,
 * an information sheet read back on validation, the scoring sheet (one row per item, subtotal
 * rows per criterion and field with cached results, input cells unlocked and limited by
 * drop-down lists and number ranges over the item's own cells only) and a protected list sheet.
 * Same set and options, same bytes.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../core/excel.js';
import { Rational } from '../core/rational.js';
import { fixZipTimestamps } from '../core/zip.js';
import { describeRule, ruleKindLabel } from '../criteria/describe.js';
import { appliesWithAncestors, textIn, type CriteriaIndex } from '../criteria/tree.js';
import type { Item, Node } from '../criteria/schema.js';
import { RULE_KINDS } from '../criteria/schema.js';
import { cellAddress, columnLetters } from '../findings/finding.js';
import type { Lang } from '../messages/types.js';
import { PRINT_A4_LANDSCAPE, setTextCell } from '../core/xlsx-text.js';
import {
  INFO_FIELDS,
  NOT_APPLICABLE_MARK,
  SCORING_COLUMNS,
  SHEETS,
  YES_NO_LABELS,
  type ColumnField,
} from './columns.js';

export interface TemplateOptions {
  lang: Lang;
  /** Only the items that apply to this agency kind. */
  kind?: string;
  agency?: { code: string; name?: string };
  year?: number;
}

/** A row of the scoring sheet. */
export interface TemplateRow {
  row: number;
  code: string;
  level: 'field' | 'criterion' | 'item';
  node: Node;
  /** Rows of the direct children (for subtotal formulas). */
  children: number[];
}

const COL = new Map<ColumnField, number>(SCORING_COLUMNS.map((c, i) => [c.field, i + 1]));
const col = (f: ColumnField): number => COL.get(f)!;
/** Inputs each rule kind uses (points are always an input: the self-score). */
const RULE_INPUTS: Record<Item['rule']['kind'], ColumnField[]> = {
  points: ['points'],
  choice: ['points', 'option'],
  boolean: ['points', 'yes'],
  bands: ['points', 'numerator', 'denominator', 'percent'],
  deduction: ['points', 'count'],
  count: ['points', 'count'],
  survey: [],
};
const TEXT_INPUTS: ColumnField[] = ['evidence', 'explanation', 'note'];
const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } as const;
const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E6' } } as const;
const GROUP_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;

/** The rows of the scoring sheet in tree order, starting below the header. */
export function templateRows(idx: CriteriaIndex, kind?: string): TemplateRow[] {
  const rows: TemplateRow[] = [];
  let next = 2;
  const walk = (node: Node, depth: number): number | undefined => {
    if (kind !== undefined && !appliesWithAncestors(idx, node.code, kind)) return undefined;
    const level = 'children' in node ? (depth === 0 ? 'field' : 'criterion') : 'item';
    const row: TemplateRow = { row: next++, code: node.code, level, node, children: [] };
    rows.push(row);
    if ('children' in node)
      for (const c of node.children) {
        const r = walk(c, depth + 1);
        if (r !== undefined) row.children.push(r);
      }
    return row.row;
  };
  for (const f of idx.set.fields) walk(f, 0);
  return rows;
}

export async function renderTemplateXlsx(idx: CriteriaIndex, opts: TemplateOptions): Promise<Buffer> {
  const Excel = await loadExcel();
  const { lang } = opts;
  const vi = lang === 'vi';
  const set = idx.set;
  const date = new Date(Date.UTC(opts.year ?? 2000, 0, 1));
  const wb = new Excel.Workbook();
  wb.creator = 'parindex';
  wb.created = date;
  wb.modified = date;

  // 1. Instructions.
  const guide = wb.addWorksheet(SHEETS.instructions[lang]);
  guide.getColumn(1).width = 28;
  guide.getColumn(2).width = 90;
  const say = (a: string, b = '', bold = false): void => {
    const r = guide.addRow([]);
    setTextCell(r.getCell(1), a);
    setTextCell(r.getCell(2), b);
    r.alignment = { wrapText: true, vertical: 'top' };
    if (bold) r.font = { bold: true };
  };
  say(vi ? 'BIỂU MẪU TỰ CHẤM ĐIỂM' : 'SELF-SCORING WORKBOOK', textIn(set.title, lang), true);
  say(vi ? 'Bộ tiêu chí' : 'Criteria set', `${idx.ref}${set.decision ? ` — ${set.decision.number}` : ''}`);
  say('');
  const steps = vi
    ? [
        'Điền mã cơ quan, tên cơ quan và năm ở trang "Thông tin"; không sửa ô bộ tiêu chí.',
        'Ở trang "Tự chấm điểm", chỉ điền các ô màu vàng nhạt; ô xám không dùng cho tiêu chí đó.',
        'Theo cách chấm của từng tiêu chí: chọn mức ở cột "Lựa chọn", chọn Có/Không, hoặc nhập tử số và mẫu ' +
          'số, tỷ lệ (%), số lượng; ghi điểm tự chấm ở cột "Điểm tự chấm".',
        'Mỗi tiêu chí có điểm phải ghi tài liệu kiểm chứng (số, ký hiệu, ngày văn bản); nếu chưa có, ghi giải trình.',
        `Tiêu chí không phát sinh: ghi "${NOT_APPLICABLE_MARK}" ở cột "Không áp dụng" (chỉ với tiêu chí cho phép).`,
        'Không thêm, xoá hoặc đổi mã các dòng; không gộp ô. Lưu dạng .xlsx rồi gửi; kiểm tra trước bằng ' +
          '"parindex validate".',
      ]
    : [
        'Fill in the agency code, name and year on the "Information" sheet; do not change the criteria set cell.',
        'On the "Self-score" sheet fill only the light yellow cells; grey cells are not used by that item.',
        'Per item rule: pick the option, pick Yes/No, or enter numerator and denominator, percent, or count; ' +
          'write your self score in "Self score".',
        'Every item with points needs evidence (document number and date); if there is none yet, write an explanation.',
        `An item that did not arise: write "${NOT_APPLICABLE_MARK}" in "Not applicable" (only where the item ` +
          `allows it).`,
        'Do not add, delete or renumber rows; do not merge cells. Save as .xlsx and send it; check it first ' +
          'with "parindex validate".',
      ];
  steps.forEach((s, i) => say(`${i + 1}.`, s));
  say('');
  say(vi ? 'Cách chấm' : 'Rules', '', true);
  for (const k of RULE_KINDS) say(ruleKindLabel(k, lang), ruleHelp(k, lang));

  // 2. Information.
  const info = wb.addWorksheet(SHEETS.info[lang]);
  info.getColumn(1).width = 22;
  info.getColumn(2).width = 50;
  const infoValues: Record<string, string | number | undefined> = {
    agencyCode: opts.agency?.code,
    agencyName: opts.agency?.name,
    year: opts.year,
    criteria: idx.ref,
  };
  INFO_FIELDS.forEach((f, i) => {
    const r = info.getRow(i + 1);
    setTextCell(r.getCell(1), f[lang]);
    r.getCell(1).font = { bold: true };
    const v = infoValues[f.field];
    const c = r.getCell(2);
    if (typeof v === 'number') c.value = v;
    else if (v !== undefined) setTextCell(c, v);
    if (f.field !== 'criteria') {
      c.protection = { locked: false };
      c.fill = INPUT_FILL;
    }
  });
  info.getCell(`B${INFO_FIELDS.findIndex((f) => f.field === 'year') + 1}`).dataValidation = {
    type: 'whole',
    operator: 'between',
    formulae: [2000, 2100],
    allowBlank: true,
    showErrorMessage: true,
  };
  await info.protect('', { spinCount: 1, selectLockedCells: true, selectUnlockedCells: true });

  // 3. Scoring sheet and 4. lists.
  const ws = wb.addWorksheet(SHEETS.scoring[lang], {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
    pageSetup: { ...PRINT_A4_LANDSCAPE },
  });
  const lists = wb.addWorksheet(SHEETS.lists[lang]);
  lists.getColumn(1).width = 10;
  SCORING_COLUMNS.forEach((c, i) => {
    const cell = ws.getCell(1, i + 1);
    setTextCell(cell, c[lang]);
    ws.getColumn(i + 1).width = c.width;
  });
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.eachCell((c) => {
    c.fill = GROUP_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  const rows = templateRows(idx, opts.kind);
  const byRow = new Map(rows.map((r) => [r.row, r]));
  let listRow = 1;
  const pointsLetter = columnLetters(col('points'));
  // Cached subtotal of a group: the sum of its children's prefilled points (0 in a new template).
  const cached = (r: TemplateRow): Rational =>
    r.level === 'item' ? Rational.ZERO : Rational.sum(r.children.map((c) => cached(byRow.get(c)!)));
  // Penalty points are subtracted from a subtotal, never added (bonus and scored points add).
  const isPenalty = (c: number): boolean => {
    const child = byRow.get(c)!;
    return child.level === 'item' && (child.node as Item).source === 'penalty';
  };
  for (const r of rows) {
    const row = ws.getRow(r.row);
    setTextCell(row.getCell(col('code')), r.code);
    setTextCell(row.getCell(col('title')), textIn(r.node.title, lang));
    row.getCell(col('max')).value = r.node.max;
    row.getCell(col('max')).numFmt = '0.00';
    row.alignment = { wrapText: true, vertical: 'top' };
    if (r.level !== 'item') {
      row.font = { bold: true };
      const plus = r.children
        .filter((c) => !isPenalty(c))
        .map((c) => `${pointsLetter}${c}`)
        .join(',');
      const minus = r.children
        .filter(isPenalty)
        .map((c) => `${pointsLetter}${c}`)
        .join(',');
      const formula = `${plus ? `SUM(${plus})` : '0'}${minus ? `-SUM(${minus})` : ''}`;
      row.getCell(col('points')).value = { formula, result: cached(r).toNumber() };
      row.getCell(col('points')).numFmt = '0.00';
      for (let c = 1; c <= SCORING_COLUMNS.length; c++) row.getCell(c).fill = GROUP_FILL;
      continue;
    }
    const item = r.node as Item;
    const kinds = item.appliesTo && opts.kind === undefined ? ` [${item.appliesTo.join(', ')}]` : '';
    setTextCell(row.getCell(col('rule')), describeRule(item, lang) + kinds);
    const inputs = new Set<ColumnField>([
      ...RULE_INPUTS[item.rule.kind],
      ...(item.rule.kind === 'survey' ? [] : TEXT_INPUTS),
    ]);
    if (item.notApplicable) inputs.add('notApplicable');
    if (item.rule.kind === 'bands') {
      if (item.rule.input === 'percent') {
        inputs.delete('numerator');
        inputs.delete('denominator');
      } else inputs.delete('percent');
    }
    for (const c of SCORING_COLUMNS) {
      if (!c.input) continue;
      const cell = row.getCell(col(c.field));
      if (!inputs.has(c.field)) {
        cell.fill = GREY;
        continue;
      }
      cell.protection = { locked: false };
      cell.fill = INPUT_FILL;
    }
    const at = (f: ColumnField): ExcelJS.Cell => row.getCell(col(f));
    const max = item.max;
    if (inputs.has('points')) {
      const step = item.rule.kind === 'points' ? (item.rule.step ?? 0.25) : undefined;
      at('points').numFmt = '0.00';
      at('points').dataValidation = {
        type: 'decimal',
        operator: 'between',
        formulae: [0, max],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: vi ? 'Điểm không hợp lệ' : 'Invalid points',
        error: vi
          ? `Điểm từ 0 đến ${fmt(max, lang)}${step ? `, bước ${fmt(step, lang)}` : ''}.`
          : `Points from 0 to ${max}${step ? `, in steps of ${step}` : ''}.`,
        showInputMessage: step !== undefined,
        prompt: step ? (vi ? `Chấm theo bước ${fmt(step, lang)} điểm` : `In steps of ${step}`) : '',
      };
    }
    if (inputs.has('option') && item.rule.kind === 'choice') {
      const labels = item.rule.options.map((o) => textIn(o.label, lang));
      const lr = lists.getRow(listRow);
      setTextCell(lr.getCell(1), item.code);
      labels.forEach((l, i) => setTextCell(lr.getCell(i + 2), l));
      const range = `'${SHEETS.lists[lang]}'!$B$${listRow}:$${columnLetters(labels.length + 1)}$${listRow}`;
      listRow++;
      at('option').dataValidation = { type: 'list', allowBlank: true, formulae: [range], showErrorMessage: true };
    }
    if (inputs.has('yes'))
      at('yes').dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${YES_NO_LABELS[lang].join(',')}"`],
        showErrorMessage: true,
      };
    if (inputs.has('notApplicable'))
      at('notApplicable').dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${NOT_APPLICABLE_MARK}"`],
        showErrorMessage: true,
      };
    for (const f of ['numerator', 'denominator', 'count'] as const)
      if (inputs.has(f))
        at(f).dataValidation = {
          type: 'whole',
          operator: 'greaterThanOrEqual',
          formulae: [0],
          allowBlank: true,
          showErrorMessage: true,
        };
    if (inputs.has('percent'))
      at('percent').dataValidation = {
        type: 'decimal',
        operator: 'between',
        formulae: [0, 100],
        allowBlank: true,
        showErrorMessage: true,
      };
  }
  await ws.protect('', {
    spinCount: 1,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  await lists.protect('', { spinCount: 1 });
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()), date);
}

function fmt(n: number, lang: Lang): string {
  return lang === 'vi' ? String(n).replace('.', ',') : String(n);
}

function ruleHelp(kind: Item['rule']['kind'], lang: Lang): string {
  const vi: Record<Item['rule']['kind'], string> = {
    points: 'Ghi điểm tự chấm từ 0 đến điểm tối đa, theo bước điểm của tiêu chí.',
    choice: 'Chọn một mức ở cột "Lựa chọn"; mỗi mức có số điểm đã quy định.',
    boolean: 'Chọn Có (được điểm tối đa) hoặc Không (0 điểm).',
    bands: 'Nhập tử số và mẫu số (hoặc tỷ lệ %); điểm theo khoảng tỷ lệ đã quy định.',
    deduction: 'Nhập số lần vi phạm; mỗi lần trừ số điểm đã quy định, thấp nhất 0.',
    count: 'Nhập số lượng; mỗi đơn vị được số điểm đã quy định, tối đa bằng điểm tối đa.',
    survey: 'Không tự chấm: điểm lấy từ kết quả điều tra xã hội học.',
  };
  const en: Record<Item['rule']['kind'], string> = {
    points: 'Write your self score from 0 to the maximum, in the item’s step.',
    choice: 'Pick one option in "Option"; each is worth declared points.',
    boolean: 'Pick Yes (the maximum) or No (0).',
    bands: 'Enter numerator and denominator (or the percent); points by the declared bands.',
    deduction: 'Enter the number of violations; each subtracts declared points, down to 0.',
    count: 'Enter the count; each unit is worth declared points, up to the maximum.',
    survey: 'Not self-scored: points come from the survey.',
  };
  return (lang === 'vi' ? vi : en)[kind];
}

/** The A1 address of an item's input cell in the template (for tests and annotations). */
export function templateCell(rows: readonly TemplateRow[], code: string, field: ColumnField): string | undefined {
  const r = rows.find((x) => x.code === code);
  return r ? cellAddress(r.row, col(field)) : undefined;
}
