/**
 * Explanations (giải trình): the agencies' answers to appraisal adjustments, read from the
 * explanation workbooks parindex writes (or any table with the same headers). Comes in: a
 * file; goes out: one line per answered item, and findings at the cells.
 */
import { codeKey, cleanText } from '../core/text.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { finding, type Finding } from '../findings/finding.js';
import { valueText } from '../load/grid.js';
import { DEFAULT_READ_OPTIONS, readGrid, type ReadOptions } from '../load/index.js';
import { findTable, type TableSpec } from '../load/table.js';
import type { TableRead } from './tables.js';
import { dateOfCell } from './dates.js';

/** Column keys of the explanation workbook, in order. */
export const EXPLANATION_COLUMNS = [
  'agencyCode',
  'agencyName',
  'itemCode',
  'title',
  'max',
  'selfPoints',
  'appraised',
  'round',
  'reason',
  'reply',
  'evidence',
  'date',
] as const;
export type ExplanationColumn = (typeof EXPLANATION_COLUMNS)[number];

/** Header texts; the reader accepts either language. */
export const EXPLANATION_HEADERS: Record<ExplanationColumn, { vi: string; en: string }> = {
  agencyCode: { vi: 'Mã cơ quan', en: 'Agency code' },
  agencyName: { vi: 'Tên cơ quan', en: 'Agency name' },
  itemCode: { vi: 'Mã tiêu chí', en: 'Item code' },
  title: { vi: 'Nội dung tiêu chí', en: 'Item' },
  max: { vi: 'Điểm tối đa', en: 'Maximum' },
  selfPoints: { vi: 'Điểm tự chấm', en: 'Self-score' },
  appraised: { vi: 'Điểm sau thẩm định', en: 'Points after appraisal' },
  round: { vi: 'Lần thẩm định', en: 'Appraisal round' },
  reason: { vi: 'Lý do điều chỉnh', en: 'Reason for change' },
  reply: { vi: 'Nội dung giải trình', en: 'Explanation' },
  evidence: { vi: 'Tài liệu kiểm chứng bổ sung', en: 'Added evidence' },
  date: { vi: 'Ngày giải trình', en: 'Date of explanation' },
};

export const EXPLANATION_SHEET = { vi: 'Giải trình', en: 'Explanation' } as const;

const h = (k: ExplanationColumn, ...more: string[]): string[] => [
  EXPLANATION_HEADERS[k].vi,
  EXPLANATION_HEADERS[k].en,
  ...more,
];

const SPEC: TableSpec<'agency' | 'item' | 'reply' | 'evidence' | 'date'> = {
  fields: {
    agency: h('agencyCode', 'mã đơn vị', 'agency'),
    item: h('itemCode', 'mã', 'item', 'code'),
    reply: h('reply', 'giải trình', 'reply'),
    evidence: h('evidence', 'tài liệu bổ sung', 'evidence'),
    date: h('date', 'ngày', 'date'),
  },
  required: ['agency', 'item', 'reply'],
};

/** One answered item of an explanation file. */
export interface ExplanationLine {
  agency: string;
  item: string;
  reply: string;
  evidence: string;
  /** ISO date written on the row, when readable. */
  date?: string;
  file: string;
  sheet: string;
  row: number;
  /** A1 address of the reply cell. */
  cell: string;
  dateCell?: string;
}

/** Reads one explanation file: rows with a reply or added evidence. */
export async function readExplanationFile(
  path: string,
  file: string,
  opts: ReadOptions = DEFAULT_READ_OPTIONS,
): Promise<TableRead<ExplanationLine[]>> {
  const read = await readGrid(path, file, opts);
  const out: TableRead<ExplanationLine[]> = { value: [], findings: read.findings.filter((f) => f.severity !== 'info') };
  if (read.sha256) out.sha256 = read.sha256;
  if (!read.grid) return out;
  const table = findTable(read.grid, SPEC, [EXPLANATION_SHEET.vi, EXPLANATION_SHEET.en]);
  if (!table) {
    const expected = [EXPLANATION_HEADERS.agencyCode.vi, EXPLANATION_HEADERS.itemCode.vi, EXPLANATION_HEADERS.reply.vi];
    out.findings.push(finding('ROUND_TABLE_HEADER_NOT_FOUND', { file }, { what: 'explanation', expected }));
    return out;
  }
  for (const row of table.rows) {
    const agency = codeKey(row.cells.agency ? valueText(row.cells.agency.v) : '');
    const item = codeKey(row.cells.item ? valueText(row.cells.item.v) : '');
    const reply = row.cells.reply ? cleanText(valueText(row.cells.reply.v)) : '';
    const evidence = row.cells.evidence ? cleanText(valueText(row.cells.evidence.v)) : '';
    if (!agency || !item || (!reply && !evidence)) continue;
    const line: ExplanationLine = {
      agency,
      item,
      reply,
      evidence,
      file,
      sheet: table.sheet.name ?? '',
      row: row.row,
      cell: row.at('reply').cell ?? '',
    };
    const date = row.cells.date ? dateOfCell(row.cells.date) : undefined;
    if (date && 'iso' in date) line.date = date.iso;
    else if (date)
      out.findings.push(
        finding('ROUND_STAGE_BAD_DATE', row.at('date'), { agency, item, value: date.bad }, { agency, criterion: item }),
      );
    const dateCell = row.at('date').cell;
    if (dateCell) line.dateCell = dateCell;
    out.value.push(line);
  }
  return out;
}

export interface ExplanationContext {
  setOf: (agency: string) => CriteriaIndex | undefined;
  /** Whether an appraisal round up to `round` changed the agency's item. */
  adjusted: (agency: string, item: string, round: number) => boolean;
}

/**
 * The rules over one explanation stage's lines (`round`: the appraisal round it answers):
 * unknown agency or item, a reply to an item no earlier round adjusted, the same item twice.
 * Returns the lines that stand, in file order, and the findings at their cells.
 */
export function checkExplanations(
  files: ExplanationLine[][],
  round: number,
  ctx: ExplanationContext,
): { lines: ExplanationLine[]; findings: Finding[] } {
  const lines: ExplanationLine[] = [];
  const findings: Finding[] = [];
  const seen = new Map<string, ExplanationLine>();
  for (const line of files.flat()) {
    const where = { file: line.file, sheet: line.sheet, row: line.row, cell: line.cell };
    const about = { agency: line.agency, criterion: line.item };
    const idx = ctx.setOf(line.agency);
    if (!idx) {
      findings.push(
        finding('ROUND_EXPLANATION_UNKNOWN_AGENCY', where, { agency: line.agency, item: line.item }, about),
      );
      continue;
    }
    if (!idx.byCode.has(line.item)) {
      findings.push(
        finding('ROUND_EXPLANATION_UNKNOWN_ITEM', where, { agency: line.agency, item: line.item, set: idx.ref }, about),
      );
      continue;
    }
    const key = `${line.agency}\u0000${line.item}`;
    const first = seen.get(key);
    if (first) {
      findings.push(
        finding(
          'ROUND_EXPLANATION_DUPLICATE',
          where,
          { agency: line.agency, item: line.item, firstRow: first.row, firstFile: first.file },
          about,
        ),
      );
      continue;
    }
    seen.set(key, line);
    if (!ctx.adjusted(line.agency, line.item, round)) {
      findings.push(
        finding('ROUND_EXPLANATION_NOT_ADJUSTED', where, { agency: line.agency, item: line.item, round }, about),
      );
      continue;
    }
    lines.push(line);
  }
  return { lines, findings };
}
