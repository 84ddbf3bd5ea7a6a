/**
 * The round's own tables, read through the neutral grid: filled appraisal workbooks and survey
 * points (agency × survey item → satisfaction share or points).
 */
import type { SurveyValue } from '../score/types.js';
import { Rational } from '../core/rational.js';
import { codeKey, cleanText } from '../core/text.js';
import { finding, type Finding } from '../findings/finding.js';
import { valueText } from '../load/grid.js';
import { DEFAULT_READ_OPTIONS, readGrid, type ReadOptions } from '../load/index.js';
import { findTable, type TableSpec } from '../load/table.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { readNumberCell } from '../validate/cells.js';
import { APPRAISAL_HEADERS, APPRAISAL_SHEET } from './appraisal-layout.js';
import { SURVEY_HEADERS, SURVEY_SHEET } from './survey-layout.js';
import type { AppraisalLine } from './appraisal.js';
import { dateOfCell } from './dates.js';

const h = (k: keyof typeof APPRAISAL_HEADERS, ...more: string[]): string[] => [
  APPRAISAL_HEADERS[k].vi,
  APPRAISAL_HEADERS[k].en,
  ...more,
];

const APPRAISAL_SPEC: TableSpec<'agency' | 'item' | 'appraised' | 'reason' | 'date'> = {
  fields: {
    agency: h('agencyCode', 'mã đơn vị', 'agency'),
    item: h('itemCode', 'mã', 'item', 'code'),
    appraised: h('appraised', 'điểm thẩm định', 'appraised'),
    reason: h('reason', 'lý do', 'reason'),
    date: h('date', 'ngày', 'date'),
  },
  required: ['agency', 'item', 'appraised'],
};

export interface TableRead<T> {
  value: T;
  findings: Finding[];
  sha256?: string;
}

/** Reads one filled appraisal workbook into lines (rows with an appraised value or a reason). */
export async function readAppraisalFile(
  path: string,
  file: string,
  opts: ReadOptions = DEFAULT_READ_OPTIONS,
): Promise<TableRead<AppraisalLine[]>> {
  const read = await readGrid(path, file, opts);
  const out: TableRead<AppraisalLine[]> = { value: [], findings: read.findings.filter((f) => f.severity !== 'info') };
  if (read.sha256) out.sha256 = read.sha256;
  if (!read.grid) return out;
  const table = findTable(read.grid, APPRAISAL_SPEC, [APPRAISAL_SHEET.vi, APPRAISAL_SHEET.en]);
  if (!table) {
    out.findings.push(
      finding(
        'ROUND_TABLE_HEADER_NOT_FOUND',
        { file },
        {
          what: 'appraisal',
          expected: [APPRAISAL_HEADERS.agencyCode.vi, APPRAISAL_HEADERS.itemCode.vi, APPRAISAL_HEADERS.appraised.vi],
        },
      ),
    );
    return out;
  }
  for (const row of table.rows) {
    const agency = codeKey(row.cells.agency ? valueText(row.cells.agency.v) : '');
    const item = codeKey(row.cells.item ? valueText(row.cells.item.v) : '');
    const reason = row.cells.reason ? cleanText(valueText(row.cells.reason.v)) : '';
    if (!agency || !item) continue;
    let points: Rational | undefined;
    if (row.cells.appraised) {
      const r = readNumberCell(row.cells.appraised, 'points', row.at('appraised'), undefined);
      if (r.finding) {
        out.findings.push({ ...r.finding, agency, criterion: item } as Finding);
        continue;
      }
      points = r.value;
    }
    if (points === undefined && !reason) continue;
    const at = row.at('appraised');
    const line: AppraisalLine = {
      agency,
      item,
      reason,
      file,
      sheet: table.sheet.name ?? '',
      row: row.row,
      cell: at.cell ?? '',
    };
    if (points !== undefined) line.points = points;
    const date = row.cells.date ? dateOfCell(row.cells.date) : undefined;
    if (date && 'iso' in date) line.date = date.iso;
    else if (date)
      out.findings.push(
        finding('ROUND_STAGE_BAD_DATE', row.at('date'), { agency, item, value: date.bad }, { agency, criterion: item }),
      );
    if (row.at('date').cell) line.dateCell = row.at('date').cell!;
    out.value.push(line);
  }
  return out;
}

const sh = (k: keyof typeof SURVEY_HEADERS, ...more: string[]): string[] => [
  SURVEY_HEADERS[k].vi,
  SURVEY_HEADERS[k].en,
  ...more,
];

const SURVEY_SPEC: TableSpec<'agency' | 'item' | 'share' | 'points' | 'sample'> = {
  fields: {
    agency: sh('agencyCode', 'mã đơn vị', 'agency'),
    item: sh('itemCode', 'tiêu chí', 'item'),
    share: [
      ...sh('share'),
      'tỷ lệ hài lòng',
      'tỉ lệ hài lòng',
      'chỉ số hài lòng',
      'tỷ lệ',
      'share',
      'satisfaction',
      'satisfaction share',
    ],
    points: sh('points', 'điểm', 'points'),
    // The sample behind a share: its interval in "how sure a rank is".
    sample: sh(
      'sample',
      'số phiếu',
      'số phiếu hợp lệ',
      'số câu trả lời',
      'số câu trả lời hợp lệ',
      'n',
      'sample',
      'respondents',
      'valid answers',
      'count',
    ),
  },
  required: ['agency', 'item'],
};

/**
 * Survey data for one survey item (§1.3 (b)): a satisfaction share from 0 to 1 (points = max ×
 * share), or points given directly. Points win when both are given.
 */
export interface SurveyContext {
  /** The criteria set of a roster agency; undefined for an unknown agency. */
  setOf: (agency: string) => CriteriaIndex | undefined;
}

/**
 * Reads a survey points table: share (0–100%, or a fraction) or points per agency × survey item, and
 * optionally the count of valid answers behind each share ("Số phiếu"), which gives it an interval.
 */
export async function readSurveyPoints(
  path: string,
  file: string,
  ctx: SurveyContext,
  opts: ReadOptions = DEFAULT_READ_OPTIONS,
): Promise<TableRead<Map<string, Map<string, SurveyValue>>>> {
  const read = await readGrid(path, file, opts);
  const out: TableRead<Map<string, Map<string, SurveyValue>>> = {
    value: new Map(),
    findings: read.findings.filter((f) => f.severity !== 'info'),
  };
  if (read.sha256) out.sha256 = read.sha256;
  if (!read.grid) return out;
  const table = findTable(read.grid, SURVEY_SPEC, [SURVEY_SHEET.vi, SURVEY_SHEET.en]);
  if (!table || (table.columns.share === undefined && table.columns.points === undefined)) {
    out.findings.push(
      finding(
        'ROUND_TABLE_HEADER_NOT_FOUND',
        { file },
        { what: 'survey', expected: ['Mã cơ quan', 'Mã tiêu chí', 'Tỷ lệ hài lòng | Điểm'] },
      ),
    );
    return out;
  }
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const agency = codeKey(row.cells.agency ? valueText(row.cells.agency.v) : '');
    const item = codeKey(row.cells.item ? valueText(row.cells.item.v) : '');
    if (!agency || !item) continue;
    const idx = ctx.setOf(agency);
    if (!idx) {
      out.findings.push(finding('ROUND_SURVEY_UNKNOWN_AGENCY', row.at('agency'), { agency }, { agency }));
      continue;
    }
    const entry = idx.byCode.get(item);
    if (!entry || !(entry.item.source === 'survey' || entry.item.rule.kind === 'survey')) {
      out.findings.push(
        finding('ROUND_SURVEY_UNKNOWN_ITEM', row.at('item'), { item, set: idx.ref }, { agency, criterion: item }),
      );
      continue;
    }
    const key = `${agency}\u0000${item}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      out.findings.push(
        finding('ROUND_SURVEY_DUPLICATE', row.at('item'), { item, firstRow: first }, { agency, criterion: item }),
      );
      continue;
    }
    firstRow.set(key, row.row);
    const value: SurveyValue = {};
    const max = Rational.fromNumber(entry.item.max);
    if (row.cells.points) {
      const r = readNumberCell(row.cells.points, 'points', row.at('points'), undefined);
      if (r.finding) out.findings.push({ ...r.finding, agency, criterion: item } as Finding);
      else if (r.value && (r.value.lt(Rational.ZERO) || r.value.gt(max)))
        out.findings.push(
          finding(
            'ROUND_SURVEY_OUT_OF_RANGE',
            row.at('points'),
            { item, value: r.value.toExact(), max: max.toExact() },
            { agency, criterion: item },
          ),
        );
      else if (r.value) value.points = r.value;
    }
    if (row.cells.share) {
      const r = readNumberCell(row.cells.share, 'percent', row.at('share'), undefined, true);
      if (r.finding) out.findings.push({ ...r.finding, agency, criterion: item } as Finding);
      else if (r.value && (r.value.lt(Rational.ZERO) || r.value.gt(Rational.HUNDRED)))
        out.findings.push(
          finding(
            'ROUND_SURVEY_OUT_OF_RANGE',
            row.at('share'),
            { item, value: `${r.value.toExact()}%`, max: '100%' },
            { agency, criterion: item },
          ),
        );
      else if (r.value) value.share = r.value.div(Rational.HUNDRED);
    }
    if (row.cells.sample) {
      const r = readNumberCell(row.cells.sample, 'sample', row.at('sample'), undefined);
      const n = r.value;
      if (r.finding) out.findings.push({ ...r.finding, agency, criterion: item } as Finding);
      else if (n && (!n.isInteger() || n.lt(Rational.ONE)))
        out.findings.push(
          finding(
            'ROUND_SURVEY_BAD_SAMPLE',
            row.at('sample'),
            { item, value: n.toExact() },
            { agency, criterion: item },
          ),
        );
      // A sample size says how sure a share is (a share given as points has no interval).
      else if (n && value.share !== undefined) value.from = { measure: 'table', valid: n.toNumber(), table: true };
    }
    if (value.points === undefined && value.share === undefined) continue;
    const m = out.value.get(agency) ?? new Map<string, SurveyValue>();
    m.set(item, value);
    out.value.set(agency, m);
  }
  return out;
}
