/**
 * Last year's ranking as a published table (xlsx or csv): agency code or name, index, rank, group,
 * optionally field indices. Rows are matched to this year's roster by code, else by name after NFC,
 * case and diacritics folding; every row not matched and every roster agency without a row is a
 * finding. Out: last year's figures by roster code, and which comparisons the table allows.
 */
import { Rational } from '../core/rational.js';
import { codeKey, cleanText, looseKey } from '../core/text.js';
import { cellAddress, finding, type Finding, type FindingLocation } from '../findings/finding.js';
import { DEFAULT_READ_OPTIONS, readGrid, type ReadOptions } from '../load/index.js';
import { valueText } from '../load/grid.js';
import { parseNumberText } from '../load/numbers.js';
import type { PreviousFigures } from './previous.js';

/** An agency a row may name: this year's roster agencies, and last year's codes they declare as predecessors. */
export interface KnownAgency {
  code: string;
  name?: string;
  group?: string;
}

type Column = 'code' | 'name' | 'index' | 'rank' | 'group';

const HEADERS: Record<Column, string[]> = {
  code: ['mã', 'mã cơ quan', 'mã đơn vị', 'code', 'agency code'],
  name: ['tên cơ quan', 'tên', 'tên đơn vị', 'đơn vị', 'cơ quan', 'địa phương', 'name', 'agency', 'agency name'],
  index: ['chỉ số', 'chỉ số cchc', 'chỉ số par index', 'chỉ số (%)', 'kết quả', 'kết quả (%)', 'index', 'index (%)'],
  rank: ['xếp hạng', 'thứ hạng', 'hạng', 'thứ tự xếp hạng', 'rank'],
  group: ['nhóm', 'nhóm xếp hạng', 'khối', 'group'],
};
const headerOf = new Map<string, Column>();
for (const [c, words] of Object.entries(HEADERS)) for (const w of words) headerOf.set(looseKey(w), c as Column);
/** "Lĩnh vực 1", "LV 1", "Field 1", "Chỉ số lĩnh vực 1" → field "1". */
const FIELD_HEADER = /^(?:chi so )?(?:linh vuc|lv|field|field index)\s*([0-9]+)$/;

/** What a published table lets the round compare, and what it cannot. */
export interface TableComparisons {
  rank: boolean;
  index: boolean;
  /** Field codes with a column. */
  fields: string[];
}

/**
 * Extra columns a caller's table may have (the SIPAS table: "Chỉ số SIPAS", a column per domain):
 * more headers for the index, and a header's loose key → the code its figures are kept under in `fields`.
 */
export interface TableColumns {
  index?: readonly string[];
  measure?: (key: string) => string | undefined;
}

export interface PreviousTable {
  /** Last year's figures by this year's roster code. */
  figures: Map<string, PreviousFigures>;
  comparisons: TableComparisons;
  findings: Finding[];
  sha256?: string;
  /** Rows read and rows matched to the roster. */
  rows: number;
  matched: number;
}

/**
 * Reads a published ranking table. `groupOf` resolves a group as printed (an id or a title) to a
 * group id; a row without a group, or with one that does not resolve, takes its agency's group in
 * this year's roster.
 */
export async function readPreviousTable(
  path: string,
  file: string,
  known: readonly KnownAgency[],
  groupOf: (text: string) => string | undefined,
  opts: ReadOptions = DEFAULT_READ_OPTIONS,
  extra: TableColumns = {},
): Promise<PreviousTable> {
  const extraIndex = new Set((extra.index ?? []).map(looseKey));
  const read = await readGrid(path, file, opts);
  const findings = read.findings.filter((f) => f.code !== 'INTAKE_CSV_DIALECT');
  const out: PreviousTable = {
    figures: new Map(),
    comparisons: { rank: false, index: false, fields: [] },
    findings,
    rows: 0,
    matched: 0,
  };
  if (read.sha256) out.sha256 = read.sha256;
  const sheet = read.grid?.sheets.find((s) => s.state === 'visible') ?? read.grid?.sheets[0];
  if (!sheet) return out;
  const at = (row: number, col?: number): FindingLocation => {
    const loc: FindingLocation = { file, row };
    if (sheet.name !== undefined) loc.sheet = sheet.name;
    if (col !== undefined) {
      loc.column = col;
      loc.cell = cellAddress(row, col);
    }
    return loc;
  };
  // The header row: the first of the first 10 rows naming an index and a code or name (titles come above it).
  let headerRow: number | undefined;
  const cols = new Map<Column, number>();
  const fieldCols = new Map<string, number>();
  for (const r of sheet.rowNumbers().slice(0, 10)) {
    cols.clear();
    fieldCols.clear();
    for (const [c, cell] of sheet.rows.get(r) ?? []) {
      const key = looseKey(valueText(cell.v));
      const col = headerOf.get(key) ?? (extraIndex.has(key) ? 'index' : undefined);
      if (col && !cols.has(col)) cols.set(col, c);
      const f = FIELD_HEADER.exec(key)?.[1] ?? (col ? undefined : extra.measure?.(key));
      if (f !== undefined && !fieldCols.has(f)) fieldCols.set(f, c);
    }
    if (cols.has('index') && (cols.has('code') || cols.has('name'))) {
      headerRow = r;
      break;
    }
  }
  if (headerRow === undefined) {
    findings.push(
      finding('ROUND_TABLE_HEADER_NOT_FOUND', at(sheet.rowNumbers()[0] ?? 1), {
        what: 'previous',
        expected: [HEADERS.code[0]!, HEADERS.name[0]!, HEADERS.index[0]!, HEADERS.rank[0]!],
      }),
    );
    return out;
  }
  out.comparisons = { rank: cols.has('rank'), index: true, fields: [...fieldCols.keys()].sort() };

  const byCode = new Map<string, KnownAgency>();
  for (const a of known) if (!byCode.has(a.code)) byCode.set(a.code, a);
  const byName = new Map<string, KnownAgency[]>();
  for (const a of byCode.values()) {
    if (a.name === undefined) continue;
    const k = looseKey(a.name);
    byName.set(k, [...(byName.get(k) ?? []), a]);
  }
  const text = (r: number, c: Column): string => {
    const col = cols.get(c);
    return col === undefined ? '' : cleanText(sheet.text(r, col));
  };
  const number = (r: number, col: number): Rational | undefined => {
    const raw = cleanText(sheet.text(r, col));
    if (!raw) return undefined;
    const n = parseNumberText(raw, 'comma');
    if (!n.ok) {
      findings.push(finding('ROUND_TABLE_BAD_NUMBER', at(r, col), { value: raw }));
      return undefined;
    }
    return n.value;
  };
  const firstRow = new Map<string, number>();
  const rows: { row: number; agency: KnownAgency; figures: PreviousFigures }[] = [];
  for (const r of sheet.rowNumbers()) {
    if (r <= headerRow) continue;
    const code = codeKey(text(r, 'code'));
    const name = text(r, 'name');
    const indexCol = cols.get('index')!;
    if (!code && !name) continue;
    const index = number(r, indexCol);
    if (index === undefined) continue;
    out.rows++;
    const hits = byCode.get(code) ? [byCode.get(code)!] : name ? (byName.get(looseKey(name)) ?? []) : [];
    if (hits.length !== 1) {
      const col = cols.get(code ? 'code' : 'name');
      findings.push(
        finding('ROUND_PREVIOUS_ROW_UNMATCHED', at(r, col), { agency: code || name, candidates: hits.length }),
      );
      continue;
    }
    const agency = hits[0]!;
    const first = firstRow.get(agency.code);
    if (first !== undefined) {
      findings.push(
        finding('ROUND_PREVIOUS_ROW_DUPLICATE', at(r, cols.get(code ? 'code' : 'name')), {
          agency: agency.code,
          firstRow: first,
        }),
      );
      continue;
    }
    firstRow.set(agency.code, r);
    const fields = new Map<string, Rational>();
    for (const [f, c] of fieldCols) {
      const v = number(r, c);
      if (v !== undefined) fields.set(f, v);
    }
    const figures: PreviousFigures = { index, fields, group: groupOf(text(r, 'group')) ?? agency.group ?? '' };
    const rankCol = cols.get('rank');
    const rank = rankCol === undefined ? undefined : number(r, rankCol);
    if (rank?.isInteger()) figures.rank = rank.toNumber();
    rows.push({ row: r, agency, figures });
  }
  // A table printed as shares (0,8913) rather than percentages: every index at most 1.
  const asShares = rows.length > 0 && rows.every((x) => x.figures.index.lte(Rational.ONE));
  for (const x of rows) {
    if (asShares) {
      x.figures.index = x.figures.index.mul(Rational.HUNDRED);
      for (const [f, v] of x.figures.fields) x.figures.fields.set(f, v.mul(Rational.HUNDRED));
    }
    out.figures.set(x.agency.code, x.figures);
  }
  out.matched = rows.length;
  return out;
}
