/**
 * Mapping a neutral grid onto submissions: find the information and scoring sheets (or a CSV's
 * header), read each item row's input cells, and report every problem at its cell. What the
 * values mean against the criteria set is checked in `check.ts`.
 */
import type { Rational } from '../core/rational.js';
import { codeKey, cleanText, looseKey } from '../core/text.js';
import { cellAddress, finding, type Finding, type FindingLocation } from '../findings/finding.js';
import {
  columnOfHeader,
  infoFieldOfLabel,
  SCORING_COLUMNS,
  SHEETS,
  type ColumnField,
  type InfoField,
} from '../intake/columns.js';
import type { Grid, GridCell, GridSheet } from '../load/grid.js';
import { valueText } from '../load/grid.js';
import { conventionOf, type DecimalConvention } from '../load/numbers.js';
import type { CellLocation, InputField, ItemInput } from './submission.js';
import { readNumberCell, readTextCell, readYesNoCell } from './cells.js';

/** One block of item rows for one agency, before checking against a criteria set. */
export interface RawSubmission {
  file: string;
  format: 'xlsx' | 'csv';
  sha256: string;
  agency?: { code: string; name?: string; at: FindingLocation };
  /** Where the agency code should have been, when the information sheet has an empty one. */
  agencyAt?: FindingLocation;
  year?: { text: string; at: FindingLocation };
  criteria?: { ref: string; at: FindingLocation };
  /**
   * Rows with a code-like first cell, in file order (codes cleaned): items, subtotal rows of
   * fields and criteria, and codes the set may not know; the check tells them apart.
   */
  rows: ItemInput[];
  /** Where "missing item" findings point. */
  sheetAt: FindingLocation;
  /** Column of each input field in the header, to point at an empty cell. */
  columns: Partial<Record<InputField, number>>;
}

export interface MapResult {
  submissions: RawSubmission[];
  findings: Finding[];
}

const INPUT_FIELDS: readonly InputField[] = [
  'points',
  'option',
  'yes',
  'numerator',
  'denominator',
  'percent',
  'count',
  'notApplicable',
  'evidence',
  'explanation',
  'note',
];
const NUMBER_FIELDS = new Set<ColumnField>(['points', 'numerator', 'denominator', 'percent', 'count']);
/** A code as criteria use them: "1", "1.2", "1.2.3", "9.1a". */
const CODE_LIKE = /^\d+(\.\d+)*[a-z]?\.?$/i;

/** Maps a grid onto raw submissions. */
export function mapGrid(grid: Grid): MapResult {
  const findings: Finding[] = [];
  if (grid.format === 'csv') {
    const sheet = grid.sheets[0]!;
    const header = findHeader(sheet, 1);
    if (!header) {
      findings.push(
        finding('INTAKE_HEADER_NOT_FOUND', { file: grid.file, row: 1 }, { sheet: '', expected: expectedHeaders() }),
      );
      return { submissions: [], findings };
    }
    return readRows(grid, sheet, header, undefined, findings);
  }
  const info = findSheet(grid, SHEETS.info);
  const infoValues = info ? readInfo(grid, info) : undefined;
  const scoring = findSheet(grid, SHEETS.scoring);
  let header = scoring ? findHeader(scoring, 30) : undefined;
  let sheet = scoring;
  if (!header) {
    for (const s of grid.sheets) {
      if (s === info) continue;
      const h = findHeader(s, 30);
      if (h) {
        header = h;
        sheet = s;
        break;
      }
    }
  }
  if (!header || !sheet) {
    findings.push(
      finding(
        'INTAKE_HEADER_NOT_FOUND',
        { file: grid.file, ...(scoring?.name !== undefined ? { sheet: scoring.name } : {}) },
        { sheet: scoring?.name ?? SHEETS.scoring.vi, expected: expectedHeaders() },
      ),
    );
    return { submissions: [], findings };
  }
  if (!info && !header.has('agency'))
    findings.push(finding('INTAKE_INFO_MISSING', { file: grid.file }, { expected: SHEETS.info.vi }));
  if (sheet.state !== 'visible')
    findings.push(finding('INTAKE_HIDDEN_SHEET', { file: grid.file, sheet: sheet.name! }, { sheet: sheet.name! }));
  return readRows(grid, sheet, header, infoValues, findings);
}

function expectedHeaders(): string[] {
  return SCORING_COLUMNS.filter((c) => c.field === 'code' || c.field === 'points').map((c) => c.vi);
}

function findSheet(grid: Grid, names: { vi: string; en: string }): GridSheet | undefined {
  const keys = new Set([looseKey(names.vi), looseKey(names.en)]);
  return grid.sheets.find((s) => s.name !== undefined && keys.has(looseKey(s.name)));
}

type Header = Map<ColumnField, number> & { row?: number };

/** The first row (within `maxRow`) naming a code column and at least one input column. */
function findHeader(sheet: GridSheet, maxRow: number): (Header & { row: number }) | undefined {
  for (const r of sheet.rowNumbers()) {
    if (r > maxRow) break;
    const map = new Map<ColumnField, number>() as Header;
    for (const [c, cell] of sheet.rows.get(r)!) {
      const field = columnOfHeader(valueText(cell.v));
      if (field && !map.has(field)) map.set(field, c);
    }
    const inputs = [...map.keys()].filter(
      (f) => f === 'points' || f === 'option' || f === 'yes' || f === 'numerator' || f === 'percent' || f === 'count',
    );
    if (map.has('code') && inputs.length > 0) {
      map.row = r;
      return map as Header & { row: number };
    }
  }
  return undefined;
}

interface InfoValues {
  values: Partial<Record<InfoField, { text: string; at: FindingLocation }>>;
}

function readInfo(grid: Grid, sheet: GridSheet): InfoValues {
  const values: InfoValues['values'] = {};
  for (const r of sheet.rowNumbers()) {
    if (r > 50) break;
    const field = infoFieldOfLabel(sheet.text(r, 1));
    if (!field || values[field]) continue;
    const cell = sheet.get(r, 2);
    const text = cell ? cleanText(valueText(cell.v)) : '';
    values[field] = { text, at: { file: grid.file, sheet: sheet.name!, row: r, column: 2, cell: `B${r}` } };
  }
  return { values };
}

/** Reads the rows below the header, one raw submission per agency (one for a workbook). */
function readRows(
  grid: Grid,
  sheet: GridSheet,
  header: Header & { row: number },
  info: InfoValues | undefined,
  findings: Finding[],
): MapResult {
  const at = (row: number, col: number): FindingLocation => {
    const loc: FindingLocation = { file: grid.file, row, column: col, cell: cellAddress(row, col) };
    if (sheet.name !== undefined) loc.sheet = sheet.name;
    return loc;
  };
  const sheetAt: FindingLocation =
    sheet.name !== undefined ? { file: grid.file, sheet: sheet.name } : { file: grid.file };
  const convention = fileConvention(sheet, header);
  const byAgency = new Map<string, RawSubmission>();
  const columns: Partial<Record<InputField, number>> = {};
  for (const f of INPUT_FIELDS) {
    const c = header.get(f);
    if (c !== undefined) columns[f] = c;
  }
  const base = (): RawSubmission => ({
    file: grid.file,
    format: grid.format,
    sha256: grid.sha256,
    rows: [],
    sheetAt,
    columns,
  });
  const single = base();
  if (info) {
    const v = info.values;
    if (v.agencyCode?.text)
      single.agency = {
        code: codeKey(v.agencyCode.text),
        at: v.agencyCode.at,
        ...(v.agencyName?.text ? { name: v.agencyName.text } : {}),
      };
    else if (v.agencyCode) single.agencyAt = v.agencyCode.at;
    if (v.year?.text) single.year = { text: v.year.text, at: v.year.at };
    if (v.criteria?.text) single.criteria = { ref: v.criteria.text.replace(/\s+/g, ''), at: v.criteria.at };
  }
  const agencyCol = header.get('agency');
  const codeCol = header.get('code')!;
  const mergedSeen = new Set<string>();
  const hiddenSeen = new Set<string>();
  for (const r of sheet.rowNumbers()) {
    if (r <= header.row) continue;
    const codeCell = sheet.get(r, codeCol);
    const code = codeCell ? codeKey(valueText(codeCell.v)) : '';
    if (!CODE_LIKE.test(code)) {
      // "4,1", "4.l", "IV.1": a code typed wrong, on a row that has values, is reported at its cell.
      const meant = code === '' ? undefined : likelyCode(code);
      if (meant !== undefined && rowHasInput(sheet, r, header)) {
        const agency = agencyCol !== undefined ? codeKey(sheet.text(r, agencyCol)) : '';
        const args = { found: valueText(codeCell!.v), suggestion: meant };
        findings.push(finding('INTAKE_CODE_UNREADABLE', at(r, codeCol), args, agency ? { agency } : {}));
      }
      continue;
    }
    let target = single;
    if (agencyCol !== undefined) {
      const agency = codeKey(sheet.text(r, agencyCol));
      if (agency === '') {
        findings.push(finding('INTAKE_AGENCY_MISSING', at(r, agencyCol), {}));
        continue;
      }
      target = byAgency.get(agency) ?? { ...base(), agency: { code: agency, at: at(r, agencyCol) } };
      byAgency.set(agency, target);
    }
    const input: ItemInput = {
      code: code.replace(/\.$/, ''),
      notApplicable: false,
      cells: {},
      location: at(r, codeCol),
    };
    for (const field of INPUT_FIELDS) {
      const col = header.get(field);
      if (col === undefined) continue;
      const cell = sheet.get(r, col);
      if (!cell) continue;
      const loc = at(r, col);
      if (cell.merged && !mergedSeen.has(cell.merged.range) && rangeSpansRows(cell.merged.range)) {
        mergedSeen.add(cell.merged.range);
        findings.push(finding('INTAKE_MERGED_INPUT', loc, { range: cell.merged.range }, { criterion: input.code }));
      }
      const got = readField(field, cell, loc, convention);
      if (got.finding) {
        findings.push({ ...got.finding, criterion: input.code } as Finding);
        (input.unreadable ??= []).push(field);
      }
      if (got.value === undefined) continue;
      if (cell.formula !== undefined) (input.formulas ??= []).push(field);
      const hidden = sheet.hiddenRows.has(r) ? 'row' : sheet.hiddenCols.has(col) ? 'column' : undefined;
      if (hidden && !hiddenSeen.has(`${hidden}${hidden === 'row' ? r : col}`)) {
        hiddenSeen.add(`${hidden}${hidden === 'row' ? r : col}`);
        findings.push(finding('INTAKE_HIDDEN_VALUE', loc, { what: hidden }, { criterion: input.code }));
      }
      let value = got.value;
      if (field === 'count') {
        const n = value as Rational;
        if (!n.isInteger()) {
          findings.push(finding('INTAKE_NOT_WHOLE', loc, { field, value: n.toExact() }, { criterion: input.code }));
          (input.unreadable ??= []).push(field);
          continue;
        }
        value = n.toNumber();
      }
      (input as unknown as Record<string, unknown>)[field] = value;
      input.cells[field] = cellLocation(sheet, r, col);
    }
    const maxCol = header.get('max');
    const titleCol = header.get('title');
    if (maxCol !== undefined || titleCol !== undefined) {
      const locked: NonNullable<ItemInput['locked']> = {};
      const maxCell = maxCol !== undefined ? sheet.get(r, maxCol) : undefined;
      if (maxCell && maxCol !== undefined) {
        const got = readNumberCell(maxCell, 'max', at(r, maxCol), convention);
        const value = got.value !== undefined ? { value: got.value } : {};
        locked.max = { text: valueText(maxCell.v), at: cellLocation(sheet, r, maxCol), ...value };
      }
      const titleText = titleCol !== undefined ? sheet.text(r, titleCol) : '';
      if (titleText && titleCol !== undefined) locked.title = { text: titleText, at: cellLocation(sheet, r, titleCol) };
      input.locked = locked;
    }
    target.rows.push(input);
  }
  const submissions = agencyCol !== undefined ? [...byAgency.values()] : [single];
  if (submissions.length === 0 || submissions.every((s) => s.rows.length === 0))
    findings.push(finding('INTAKE_NO_ITEMS', sheetAt, {}));
  return { submissions, findings };
}

/**
 * The code a mistyped code most likely meant: a decimal comma for the dot, the letters l, I, O
 * for 1 and 0, a roman numeral for the field ("IV.1" → "4.1"); undefined when the text does not
 * look like a code at all (a title, a note).
 */
export function likelyCode(text: string): string | undefined {
  if (text.length > 16 || !/[.,]/.test(text)) return undefined;
  const parts = text.replace(/\.$/, '').split(/[.,]/);
  if (parts.length < 2 || parts.some((p) => p === '')) return undefined;
  const roman = /^(I{1,3}|IV|V|VI{0,3}|IX|X)$/;
  const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
  const fixed = parts.map((p, i) => {
    if (i === 0 && roman.test(p)) {
      let n = 0;
      for (let k = 0; k < p.length; k++) {
        const v = ROMAN[p[k]!]!;
        const after = ROMAN[p[k + 1] ?? ''] ?? 0;
        n += v < after ? -v : v;
      }
      return String(n);
    }
    const d = p.replace(/[LI|]/g, '1').replace(/O/g, '0');
    return /^\d+[A-Z]?$/.test(d) ? d.toLowerCase() : undefined;
  });
  if (fixed.some((p) => p === undefined)) return undefined;
  const code = fixed.join('.');
  return CODE_LIKE.test(code) ? code : undefined;
}

/** Whether a row has anything in an input column (a typed code on an empty row is only a note). */
function rowHasInput(sheet: GridSheet, r: number, header: Header): boolean {
  for (const f of INPUT_FIELDS) {
    const c = header.get(f);
    if (c === undefined) continue;
    const cell = sheet.get(r, c);
    if (cell && valueText(cell.v).trim() !== '') return true;
  }
  return false;
}

function readField(
  field: InputField,
  cell: GridCell,
  at: FindingLocation,
  convention: DecimalConvention | undefined,
): { value?: unknown; finding?: Finding } {
  if (NUMBER_FIELDS.has(field)) return readNumberCell(cell, field, at, convention, field === 'percent');
  if (field === 'yes' || field === 'notApplicable') return readYesNoCell(cell, field, at);
  return readTextCell(cell, at);
}

function cellLocation(sheet: GridSheet, row: number, col: number): CellLocation {
  const loc: CellLocation = { row, column: col, cell: cellAddress(row, col) };
  if (sheet.name !== undefined) loc.sheet = sheet.name;
  return loc;
}

function rangeSpansRows(range: string): boolean {
  const m = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range);
  return m ? m[1] !== m[2] : true;
}

/** The decimal separator a sheet's number columns use, from the values that show it. */
function fileConvention(sheet: GridSheet, header: Header & { row: number }): DecimalConvention | undefined {
  const cols = [...header.entries()].filter(([f]) => NUMBER_FIELDS.has(f)).map(([, c]) => c);
  const texts: string[] = [];
  for (const [r, row] of sheet.rows) {
    if (r <= header.row) continue;
    for (const c of cols) {
      const cell = row.get(c);
      if (cell?.v.t === 'text') texts.push(cell.v.s);
    }
  }
  return conventionOf(texts);
}
