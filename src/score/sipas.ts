/**
 * The SIPAS tally. Comes in: an answer file's header and its rows (cells, or a UTF-8 file's bytes in
 * place). Goes out: counts per unit × question, then each unit's exact indices and their rounded values.
 *
 * One row per respondent is read, classified and added to per-unit tallies (counts per question),
 * then thrown away, so memory grows with units × questions, not with rows. Indices are exact
 * fractions of those tallies and are rounded once, for display:
 *
 *   item    = satisfied ÷ valid answers × 100 (respondent weights, when declared, weight both);
 *   element = mean of its items that have valid answers (equal weights);
 *   domain  = weighted mean of its elements (the questionnaire's weights, equal by default);
 *   overall = weighted mean of the domains (likewise).
 *
 * The one structure that grows with rows is the duplicate-respondent check (when the file has a
 * respondent id column): 19–37 bytes an id, see `IdSet`. The overall unit pools every counted respondent of every unit.
 * Bad answers are findings with file and row (the first 20 of each code per file are listed, the true count is always
 * given).
 */
import { Rational } from '../core/rational.js';
import { codeKey, cleanText, looseKey } from '../core/text.js';
import type { QuestionnaireIndex } from '../criteria/questionnaire.js';
import { cellAddress, finding, type Finding, type FindingCode } from '../findings/finding.js';
import type { SipasArgs } from '../messages/sipas.js';
import {
  fieldKey,
  fieldSpan,
  fieldText,
  isPlainCode,
  type AnswerCell,
  type AnswerFile,
  type AnswerRow,
  type ByteBatch,
  type ReadOptions,
} from '../load/index.js';
import { IdSet } from './id-set.js';

/** A number, exact and rounded once (2 decimals, half up), as in result.json. */
export interface SipasNum {
  exact: string;
  value: number;
}

export interface SipasUnit {
  code: string;
  name?: string;
  /** Respondents counted (rows with at least one valid answer). */
  respondents: number;
  index?: SipasNum;
  /** Competition rank by exact overall index, among units that have one. */
  rank?: number;
  rankOf?: number;
  /** Below the questionnaire's minimum sample. */
  smallSample?: true;
  domains: { id: string; index?: SipasNum; valid: number }[];
  elements: { id: string; index?: SipasNum; valid: number }[];
  items: { code: string; element: string; index?: SipasNum; valid: number; satisfied: number }[];
}

export type SipasBy = 'agency' | 'group';

export interface TallyOptions {
  questionnaire: QuestionnaireIndex;
  /** Header of the respondent-weight column. */
  weights?: string;
  /** Agencies known to the round (code → name); other codes are findings. */
  roster?: ReadonlyMap<string, string | undefined>;
  by?: SipasBy;
  /** Findings listed per file and code before the rest is only counted. */
  cap?: number;
  /** Called about every 50,000 rows with the rows read so far. */
  onRows?: (rows: number) => void;
  /** How the answer files are read (limits); the defaults when not given. */
  read?: ReadOptions;
}

/** The findings of a run, in the order met, with the true count of every code, listed or not. */
export interface SipasFindings {
  list: Finding[];
  counts: Record<string, number>;
}

/** Lists and counts one finding. */
export function addFinding(fs: SipasFindings, f: Finding): void {
  fs.counts[f.code] = (fs.counts[f.code] ?? 0) + 1;
  fs.list.push(f);
}

const HEADERS = {
  agency: ['mã cơ quan', 'mã đơn vị', 'mã', 'cơ quan', 'đơn vị', 'agency', 'agency code', 'unit', 'unit code', 'code'],
  respondent: ['mã phiếu', 'số phiếu', 'phiếu', 'mã người trả lời', 'id', 'respondent', 'respondent id'],
  group: ['đối tượng', 'nhóm', 'nhóm đối tượng', 'group', 'respondent group'],
  ignored: [
    'stt',
    'số thứ tự',
    'no',
    'tên cơ quan',
    'tên đơn vị',
    'tên',
    'name',
    'agency name',
    'ngày',
    'ngày khảo sát',
    'date',
    'ghi chú',
    'note',
    'notes',
  ],
} as const;
const headerKind = new Map<string, keyof typeof HEADERS>();
for (const [k, words] of Object.entries(HEADERS))
  for (const w of words) headerKind.set(looseKey(w), k as keyof typeof HEADERS);

/** Text that cleaning would not change: ASCII letters, digits and simple punctuation. */
const SIMPLE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** A code cell as text, cleaned (skipped for plain ASCII codes, which cleaning leaves alone). */
function cellText(cell: AnswerCell): string {
  if (cell === undefined) return '';
  return typeof cell === 'string' && SIMPLE.test(cell) ? cell : cleanText(String(cell));
}

/** What a row says to one question. */
const NONE = 0;
const BAD = 1;
const VALID = 2;
const SATISFIED = 3;

function classify(r: ReturnType<QuestionnaireIndex['answer']>): number {
  return r === 'none' ? NONE : r === 'bad' ? BAD : r.satisfied ? SATISFIED : VALID;
}

/** Respondent weights are read to 6 decimals and tallied as integers, so sums stay exact. */
const WEIGHT_UNIT = 1_000_000;
const WEIGHT_MAX = 10_000;

/** Reads a weight cell: a positive number up to 10,000, decimal point or comma. */
export function readWeight(cell: AnswerCell): number | undefined {
  const n =
    typeof cell === 'number'
      ? cell
      : cell === undefined
        ? NaN
        : Number(cell.trim().replace(/\s/g, '').replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0 || n > WEIGHT_MAX) return undefined;
  const units = Math.round(n * WEIGHT_UNIT);
  return units > 0 ? units : undefined;
}

/** Where one file's columns are (0-based; -1 when absent). */
export interface AnswerColumns {
  unit: number;
  respondent: number;
  weight: number;
  /** Each question's column and position in the questionnaire, in file order. */
  questions: [col: number, q: number][];
}

/**
 * Header → roles: the unit column (agency or group, by `by`), respondent id, weight, and one column
 * per question (by code, or by the header's first word). Findings for unknown and missing columns;
 * no columns when the file cannot be counted (no unit column, no declared weight column, no question).
 */
export function mapColumns(
  header: readonly string[],
  where: { file: string; sheet?: string | undefined },
  opts: Pick<TallyOptions, 'questionnaire' | 'by' | 'weights'>,
): { columns?: AnswerColumns; findings: Finding[] } {
  const qi = opts.questionnaire;
  const by = opts.by ?? 'agency';
  const findings: Finding[] = [];
  const at = (column?: number): { file: string; sheet?: string; row: number; column?: number; cell?: string } => ({
    file: where.file,
    ...(where.sheet ? { sheet: where.sheet } : {}),
    row: 1,
    ...(column ? { column, cell: cellAddress(1, column) } : {}),
  });
  let agencyCol = -1;
  let groupCol = -1;
  let idCol = -1;
  let weightCol = -1;
  const qCols: [col: number, q: number][] = [];
  const seenQ = new Set<number>();
  const weightKey = opts.weights !== undefined ? looseKey(opts.weights) : undefined;
  header.forEach((h, col) => {
    const key = looseKey(h);
    if (key === '') return;
    if (weightKey !== undefined && key === weightKey) return void (weightCol = col);
    const q = qi.byKey.get(key) ?? qi.byKey.get(looseKey(h.split(/[\s:]/)[0] ?? ''));
    if (q !== undefined && !seenQ.has(q)) {
      seenQ.add(q);
      qCols.push([col, q]);
      return;
    }
    const kind = headerKind.get(key);
    if (kind === 'agency' && agencyCol < 0) agencyCol = col;
    else if (kind === 'group' && groupCol < 0) groupCol = col;
    else if (kind === 'respondent' && idCol < 0) idCol = col;
    else if (kind !== 'ignored') findings.push(finding('SIPAS_UNKNOWN_COLUMN', at(col + 1), { column: h }));
  });
  const unitCol = by === 'agency' ? agencyCol : groupCol;
  const stop: Finding[] = [];
  if (unitCol < 0)
    stop.push(
      finding('SIPAS_AGENCY_COLUMN_MISSING', at(), {
        expected: by === 'agency' ? ['mã cơ quan', 'agency'] : ['đối tượng', 'group'],
      }),
    );
  if (weightKey !== undefined && weightCol < 0)
    stop.push(finding('SIPAS_WEIGHT_COLUMN_MISSING', at(), { column: opts.weights ?? '' }));
  if (qCols.length === 0) stop.push(finding('SIPAS_NO_QUESTIONS', at(), { questionnaire: qi.ref }));
  else
    qi.questions.forEach(
      (q, i) => seenQ.has(i) || findings.push(finding('SIPAS_QUESTION_MISSING', at(), { question: q.code })),
    );
  if (stop.length > 0) return { findings: [...findings, ...stop] };
  return { columns: { unit: unitCol, respondent: idCol, weight: weightCol, questions: qCols }, findings };
}

/**
 * A unit's counts while rows are read: per question q, sums[4q…4q+3] = valid answers, their weight, satisfied answers,
 * their weight (one flat array: the row loop's hottest memory).
 */
interface UnitSums {
  code: string;
  respondents: number;
  sums: Float64Array;
}

/** A unit's counts per question, for the indices. */
export interface UnitCounts {
  code: string;
  respondents: number;
  validN: Float64Array;
  satN: Float64Array;
  validW: Float64Array;
  satW: Float64Array;
}

function newSums(code: string, n: number): UnitSums {
  return { code, respondents: 0, sums: new Float64Array(4 * n) };
}

function countsOf(t: UnitSums, n: number): UnitCounts {
  const c: UnitCounts = {
    code: t.code,
    respondents: t.respondents,
    validN: new Float64Array(n),
    satN: new Float64Array(n),
    validW: new Float64Array(n),
    satW: new Float64Array(n),
  };
  for (let q = 0; q < n; q++) {
    c.validN[q] = t.sums[4 * q]!;
    c.validW[q] = t.sums[4 * q + 1]!;
    c.satN[q] = t.sums[4 * q + 2]!;
    c.satW[q] = t.sums[4 * q + 3]!;
  }
  return c;
}

/** What the tally keeps across the files of a run. */
export interface SipasTally {
  qi: QuestionnaireIndex;
  /** Questions in the questionnaire. */
  nq: number;
  by: SipasBy;
  cap: number;
  onRows: ((rows: number) => void) | undefined;
  /** Roster codes by their key, when there is a roster. */
  rosterByKey: Map<string, string> | undefined;
  units: Map<string, UnitSums>;
  seenIds: IdSet;
  /** Unit text as written → unit code ('' when not in the roster); a small cache, bounded. */
  unitCodes: Map<string, string>;
  /** The same for short ASCII unit cells of byte rows, keyed by their packed bytes (byte-rows.ts). */
  unitByKey: Map<number, string>;
  /** Files whose rows are counted, as shown (respondent ids point into it). */
  files: string[];
  /** Rows read so far, over every file. */
  rowsRead: number;
  /** Per question of the current row: NONE, BAD, VALID or SATISFIED (in that order). */
  state: Uint8Array;
  findings: SipasFindings;
}

/** An empty tally for a run; its findings go to `findings`. */
export function startTally(opts: TallyOptions, findings: SipasFindings): SipasTally {
  const qi = opts.questionnaire;
  const nq = qi.questions.length;
  return {
    qi,
    nq,
    by: opts.by ?? 'agency',
    cap: opts.cap ?? 20,
    onRows: opts.onRows,
    rosterByKey: opts.roster ? new Map([...opts.roster.keys()].map((c) => [codeKey(c), c])) : undefined,
    units: new Map(),
    seenIds: new IdSet(),
    unitCodes: new Map(),
    unitByKey: new Map(),
    files: [],
    rowsRead: 0,
    state: new Uint8Array(nq),
    findings,
  };
}

/** One file's rows while they are counted: its columns, the row at hand, its own finding counts. */
interface FileRows {
  tally: SipasTally;
  file: string;
  sheet: string | undefined;
  fileIndex: number;
  unitCol: number;
  idCol: number;
  weightCol: number;
  qCols: [col: number, q: number][];
  /** The question columns and their questions, for the row loops. */
  cols: Int32Array;
  qs: Int32Array;
  /** Answers one byte long ("4", " "), classified once by the same rule as any other. */
  byByte: Uint8Array;
  /** Findings met in this file, per code (the first `cap` are listed). */
  perFile: Map<FindingCode, number>;
  rows: number;
  respondents: number;
  /** The row at hand: its cells, or its batch of bytes and its place there. */
  cells: AnswerCell[];
  bytes: ByteBatch | undefined;
  byteRow: number;
}

/**
 * Counts a file's rows into the tally (its header mapped to `columns`). Each row's answers are
 * classified into `state` (from its cells, or in place from the bytes of a UTF-8 file), then
 * `countRow` counts it. Findings met while streaming and the per-file "more" notes follow the rows.
 */
export async function tallyRows(
  t: SipasTally,
  a: AnswerFile,
  columns: AnswerColumns,
  file: string,
): Promise<{ rows: number; respondents: number }> {
  const f = fileRows(t, a.sheet, columns, file);
  t.state.fill(NONE);
  for await (const batch of a.rows) {
    if (Array.isArray(batch)) countCellRows(f, batch);
    else countByteRows(f, batch);
  }
  for (const x of a.late) addFinding(t.findings, x);
  // The true count of a code listed only in part (SIPAS_MORE is a note about counts, not counted itself).
  for (const [code, n] of f.perFile)
    if (n > t.cap) t.findings.list.push(finding('SIPAS_MORE', { file }, { code, shown: t.cap, total: n }));
  return { rows: f.rows, respondents: f.respondents };
}

function fileRows(t: SipasTally, sheet: string | undefined, columns: AnswerColumns, file: string): FileRows {
  const fileIndex = t.files.push(file) - 1;
  const byByte = new Uint8Array(256);
  for (let c = 0; c < 256; c++) byByte[c] = classify(t.qi.answer(Buffer.of(c).toString(c < 0x80 ? 'latin1' : 'utf8')));
  const qCols = columns.questions;
  return {
    tally: t,
    file,
    sheet,
    fileIndex,
    unitCol: columns.unit,
    idCol: columns.respondent,
    weightCol: columns.weight,
    qCols,
    cols: Int32Array.from(qCols, ([col]) => col),
    qs: Int32Array.from(qCols, ([, q]) => q),
    byByte,
    perFile: new Map(),
    rows: 0,
    respondents: 0,
    cells: [],
    bytes: undefined,
    byteRow: 0,
  };
}

/** Rows given as cells (XLSX, CSV in other encodings, records `byteRecords` hands on as text). */
function countCellRows(f: FileRows, batch: readonly AnswerRow[]): void {
  const t = f.tally;
  const qi = t.qi;
  const state = t.state;
  const { cols, qs } = f;
  const nc = cols.length;
  f.bytes = undefined;
  for (const { row, cells } of batch) {
    f.rows++;
    if (++t.rowsRead % 50_000 === 0) t.onRows?.(t.rowsRead);
    f.cells = cells;
    // A row with nothing in it at all is an empty row, whatever column is missing.
    let valid = 0;
    let bad = 0;
    for (let k = 0; k < nc; k++) {
      const s = classify(qi.answer(cells[cols[k]!]));
      state[qs[k]!] = s;
      if (s === BAD) bad++;
      else if (s !== NONE) valid++;
    }
    const unitText = cellText(cells[f.unitCol]);
    countRow(f, row, unitText, unitText === '' ? '' : unitOf(t, unitText), valid, bad);
  }
}

/** Rows of a UTF-8 file read in place: one-byte answers by table, only the rest decoded. */
function countByteRows(f: FileRows, batch: ByteBatch): void {
  const t = f.tally;
  const qi = t.qi;
  const state = t.state;
  const unitByKey = t.unitByKey;
  const { cols, qs, byByte, unitCol } = f;
  const nc = cols.length;
  f.bytes = batch;
  const { buf, at, count, width } = batch;
  for (let r = 0; r < count; r++) {
    f.rows++;
    if (++t.rowsRead % 50_000 === 0) t.onRows?.(t.rowsRead);
    f.byteRow = r;
    const base = r * (width + 1);
    let valid = 0;
    let bad = 0;
    for (let k = 0; k < nc; k++) {
      const col = cols[k]!;
      const s0 = at[base + col]!;
      const len = at[base + col + 1]! - 1 - s0;
      const s = len === 1 ? byByte[buf[s0]!]! : len === 0 ? NONE : classify(qi.answer(fieldText(batch, r, col)));
      state[qs[k]!] = s;
      if (s === BAD) bad++;
      else if (s !== NONE) valid++;
    }
    // A short ASCII unit cell is looked up by its bytes (known units only).
    const key = fieldKey(batch, r, unitCol);
    let code = key >= 0 ? unitByKey.get(key) : undefined;
    if (code !== undefined) countRow(f, batch.line[r]!, code, code, valid, bad);
    else {
      const unitText = cellText(fieldText(batch, r, unitCol));
      code = unitText === '' ? '' : unitOf(t, unitText);
      if (key >= 0 && code !== '' && unitByKey.size < 100_000) unitByKey.set(key, code);
      countRow(f, batch.line[r]!, unitText, code, valid, bad);
    }
  }
}

/** A cell of the row at hand. */
function cellOf(f: FileRows, col: number): AnswerCell {
  return f.bytes ? fieldText(f.bytes, f.byteRow, col) : f.cells[col];
}

/** The unit code of a unit cell's text ('' when the roster does not know it). */
function unitOf(t: SipasTally, unitText: string): string {
  let code = t.unitCodes.get(unitText);
  if (code === undefined) {
    code = t.by === 'agency' ? codeKey(unitText) : unitText;
    if (t.rosterByKey && t.by === 'agency') code = t.rosterByKey.get(code) ?? '';
    if (t.unitCodes.size < 100_000) t.unitCodes.set(unitText, code);
  }
  return code;
}

/** Counts a finding of this file; lists it while its code has fewer than `cap` here. */
function capped<C extends keyof SipasArgs>(
  f: FileRows,
  code: C,
  loc: { row: number; column?: number },
  args: SipasArgs[C],
  agency?: string,
): void {
  const fs = f.tally.findings;
  fs.counts[code] = (fs.counts[code] ?? 0) + 1;
  const n = (f.perFile.get(code) ?? 0) + 1;
  f.perFile.set(code, n);
  if (n > f.tally.cap) return;
  const location = {
    file: f.file,
    ...(f.sheet ? { sheet: f.sheet } : {}),
    row: loc.row,
    ...(loc.column ? { column: loc.column, cell: cellAddress(loc.row, loc.column) } : {}),
  };
  fs.list.push(finding(code, location, args as never, agency ? { agency } : {}) as Finding);
}

/**
 * Counts one classified row (its answers in `state`) for its unit, or says why it is not counted:
 * no unit, an unknown unit, no valid answer, a bad weight, a respondent id seen before.
 */
function countRow(f: FileRows, row: number, unitText: string, code: string, valid: number, bad: number): void {
  const t = f.tally;
  const state = t.state;
  if (unitText === '') {
    if (valid === 0 && bad === 0) capped(f, 'SIPAS_EMPTY_ROW', { row }, {});
    else capped(f, 'SIPAS_AGENCY_BLANK', { row, column: f.unitCol + 1 }, {});
    return;
  }
  if (code === '') {
    capped(f, 'SIPAS_UNKNOWN_AGENCY', { row, column: f.unitCol + 1 }, { agency: unitText });
    return;
  }
  if (bad > 0)
    for (const [col, q] of f.qCols) {
      if (state[q] !== BAD) continue;
      const raw = cellOf(f, col);
      capped(
        f,
        'SIPAS_ANSWER_OUT_OF_SCALE',
        { row, column: col + 1 },
        { question: t.qi.questions[q]!.code, value: String(raw), levels: t.qi.q.scale.levels.map((l) => l.code) },
        code,
      );
    }
  if (valid === 0) {
    if (bad === 0) capped(f, 'SIPAS_EMPTY_ROW', { row }, {}, code);
    return;
  }
  let w = 1;
  const weightCol = f.weightCol;
  if (weightCol >= 0) {
    const read = readWeight(cellOf(f, weightCol));
    if (read === undefined) {
      capped(
        f,
        'SIPAS_BAD_WEIGHT',
        { row, column: weightCol + 1 },
        { value: String(cellOf(f, weightCol) ?? '') },
        code,
      );
      return;
    }
    w = read;
  }
  const idCol = f.idCol;
  if (idCol >= 0) {
    // A plain ASCII id in a byte row is hashed from its bytes (the same hash as its text).
    let first: { file: number; row: number } | undefined;
    let id: string | undefined;
    const bytes = f.bytes;
    if (bytes && isPlainCode(bytes, f.byteRow, idCol)) {
      const [s, e] = fieldSpan(bytes, f.byteRow, idCol);
      first = t.seenIds.addOrGetAscii(code, bytes.buf, s, e, f.fileIndex, row);
    } else {
      id = cellText(cellOf(f, idCol));
      if (id !== '') first = t.seenIds.addOrGet(`${code}\u0000${id}`, f.fileIndex, row);
    }
    if (first !== undefined) {
      id ??= cellText(cellOf(f, idCol));
      capped(
        f,
        'SIPAS_DUPLICATE_RESPONDENT',
        { row, column: idCol + 1 },
        { respondent: id, firstFile: t.files[first.file]!, firstRow: first.row },
        code,
      );
      return;
    }
  }
  const nq = t.nq;
  let u = t.units.get(code);
  if (!u) t.units.set(code, (u = newSums(code, nq)));
  u.respondents++;
  f.respondents++;
  const sums = u.sums;
  for (let q = 0; q < nq; q++) {
    const s = state[q]!;
    if (s < VALID) continue;
    // Without a branch on "satisfied", which random answers make unpredictable.
    const sat = s - VALID;
    const i = 4 * q;
    sums[i]!++;
    sums[i + 1]! += w;
    sums[i + 2]! += sat;
    sums[i + 3]! += sat * w;
  }
}

/**
 * The rows are read: lets go of what was kept to read them (ids, unit caches), and gives each
 * unit's counts by code, and every counted respondent of every unit pooled.
 */
export function finishTally(t: SipasTally): { units: UnitCounts[]; pooled: UnitCounts } {
  t.seenIds.clear();
  t.unitCodes.clear();
  t.unitByKey.clear();
  const nq = t.nq;
  const pooled = newSums('', nq);
  const sorted = [...t.units.values()].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const u of sorted) {
    pooled.respondents += u.respondents;
    for (let i = 0; i < 4 * nq; i++) pooled.sums[i]! += u.sums[i]!;
  }
  return { units: sorted.map((u) => countsOf(u, nq)), pooled: countsOf(pooled, nq) };
}

/** Each unit's indices, named from the roster; a unit below the minimum sample is flagged, with a finding. */
export function scoreUnits(
  units: readonly UnitCounts[],
  qi: QuestionnaireIndex,
  roster: ReadonlyMap<string, string | undefined> | undefined,
  findings: SipasFindings,
): SipasUnit[] {
  const minSample = qi.q.minSample;
  return units.map((c) => {
    const u = indicesOf(c, qi);
    const name = roster?.get(c.code);
    if (name) u.name = name;
    if (c.respondents < minSample) {
      u.smallSample = true;
      addFinding(
        findings,
        finding(
          'SIPAS_SMALL_SAMPLE',
          {},
          { agency: c.code, respondents: c.respondents, min: minSample, ...(name ? { name } : {}) },
          { agency: c.code },
        ),
      );
    }
    return u;
  });
}

function num(r: Rational): SipasNum {
  return { exact: r.toExact(), value: Number(r.toFixed(2, 'half-up')) };
}

/** Weighted mean of the values present; undefined when none is. */
export function weightedMean(values: readonly { value: Rational | undefined; weight: number }[]): Rational | undefined {
  let sum = Rational.ZERO;
  let weights = Rational.ZERO;
  for (const v of values) {
    if (v.value === undefined) continue;
    const w = Rational.fromNumber(v.weight);
    sum = sum.add(v.value.mul(w));
    weights = weights.add(w);
  }
  return weights.isZero() ? undefined : sum.div(weights);
}

interface Exact {
  items: (Rational | undefined)[];
  elements: { id: string; value: Rational | undefined; valid: number }[];
  domains: { id: string; value: Rational | undefined; valid: number }[];
  overall: Rational | undefined;
}

/** The exact indices of one tally, by the questionnaire's aggregation. */
export function exactIndices(
  t: { validN: ArrayLike<number>; satW: ArrayLike<number>; validW: ArrayLike<number> },
  qi: QuestionnaireIndex,
): Exact {
  const items = qi.questions.map((_, i) =>
    t.validW[i]! > 0 ? Rational.of(BigInt(t.satW[i]!) * 100n, BigInt(t.validW[i]!)) : undefined,
  );
  const elements: Exact['elements'] = [];
  const domains: Exact['domains'] = [];
  let q = 0;
  for (const d of qi.q.domains) {
    const els = d.elements.map((e) => {
      const idx = e.questions.map((_, k) => q + k);
      q += e.questions.length;
      const value = weightedMean(idx.map((i) => ({ value: items[i], weight: 1 })));
      const valid = idx.reduce((s, i) => s + t.validN[i]!, 0);
      const r = { id: `${d.id}.${e.id}`, value, valid };
      elements.push(r);
      return { ...r, weight: e.weight ?? 1 };
    });
    domains.push({ id: d.id, value: weightedMean(els), valid: els.reduce((s, e) => s + e.valid, 0) });
  }
  const overall = weightedMean(domains.map((d, i) => ({ value: d.value, weight: qi.q.domains[i]!.weight ?? 1 })));
  return { items, elements, domains, overall };
}

/** One unit's (or the pooled) indices, exact and rounded, with the counts behind them. */
export function indicesOf(t: UnitCounts, qi: QuestionnaireIndex): SipasUnit {
  const e = exactIndices(t, qi);
  const opt = (v: Rational | undefined): { index?: SipasNum } => (v === undefined ? {} : { index: num(v) });
  return {
    code: t.code,
    respondents: t.respondents,
    ...opt(e.overall),
    domains: e.domains.map((d) => ({ id: d.id, ...opt(d.value), valid: d.valid })),
    elements: e.elements.map((x) => ({ id: x.id, ...opt(x.value), valid: x.valid })),
    items: qi.questions.map((x, i) => ({
      code: x.code,
      element: `${x.domain}.${x.element}`,
      ...opt(e.items[i]),
      valid: t.validN[i]!,
      satisfied: t.satN[i]!,
    })),
  };
}

/** The exact index of a measure ("sipas", a domain id or "domain.element") for one unit. */
export function measureIndex(u: SipasUnit, measure: string): { index: SipasNum; valid: number } | undefined {
  if (measure === 'sipas') {
    const valid = u.domains.reduce((s, d) => s + d.valid, 0);
    return u.index ? { index: u.index, valid } : undefined;
  }
  const hit = u.domains.find((d) => d.id === measure) ?? u.elements.find((x) => x.id === measure);
  return hit?.index ? { index: hit.index, valid: hit.valid } : undefined;
}
