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
import { cleanText, looseKey } from '../core/text.js';
import type { ColumnRole, ColumnTarget } from '../criteria/column-map.js';
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
  type AnswerBatch,
  type AnswerRow,
  type ByteBatch,
  type ReadOptions,
} from '../load/index.js';
import { IdSet } from './id-set.js';
import { agencyLookup, matchGroupHeader, matchQuestion, type AgencyLookup } from './sipas-headers.js';

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
  /** The ranking block (the round's group) of an agency, when the roster gives one. */
  group?: string;
  /** Competition rank by exact overall index, among the units of its block that have one. */
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
  /** Columns declared for a one-off export (`--columns map.yaml`): header → question code or role. */
  columnMap?: ColumnMap;
  /** Each agency's ranking block (the round's group, from the roster): ranks are per block. */
  unitGroups?: ReadonlyMap<string, string>;
  /** Agency names a column map declares (`agencies:`), loose key → code: in group headers and agency cells. */
  agencyNames?: ReadonlyMap<string, string>;
}

/** A column map: loose key of a header → question position, role, or question of one assessed agency. */
export type ColumnMap = ReadonlyMap<string, ColumnTarget>;

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
  agency: [
    'mã cơ quan',
    'mã đơn vị',
    'mã',
    'cơ quan',
    'đơn vị',
    'agency',
    'agency code',
    'unit',
    'unit code',
    'code',
    'cơ quan được đánh giá',
    'đơn vị được đánh giá',
    'assessed agency',
  ],
  respondent: [
    'mã phiếu',
    'số phiếu',
    'phiếu',
    'mã người trả lời',
    'người trả lời',
    'người đánh giá',
    'mã người đánh giá',
    'id',
    'respondent',
    'respondent id',
  ],
  // The long layout: one row per answer (respondent, agency, question, answer).
  question: ['câu hỏi', 'mã câu hỏi', 'nội dung câu hỏi', 'question', 'question code'],
  answer: ['câu trả lời', 'trả lời', 'mức đánh giá', 'kết quả đánh giá', 'answer', 'response'],
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
    // What survey tools add: a timestamp, the respondent's e-mail, the form's own times.
    'timestamp',
    'dấu thời gian',
    'thời gian',
    'thời gian gửi',
    'ngày giờ',
    'submitted at',
    'submission time',
    'start time',
    'completion time',
    'last modified time',
    'thời gian bắt đầu',
    'thời gian hoàn thành',
    'email',
    'email address',
    'địa chỉ email',
  ],
} as const;
const headerKind = new Map<string, keyof typeof HEADERS>();
for (const [k, words] of Object.entries(HEADERS))
  for (const w of words) headerKind.set(looseKey(w), k as keyof typeof HEADERS);

/** Text that cleaning would not change: ASCII letters, digits and simple punctuation. */
const SIMPLE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** A code cell as text, cleaned (skipped for plain ASCII codes, which cleaning leaves alone). */
export function cellText(cell: AnswerCell): string {
  if (cell === undefined) return '';
  return typeof cell === 'string' && SIMPLE.test(cell) ? cell : cleanText(String(cell));
}

/**
 * What a row says to one question: NONE, BAD, or VALID + the answer's points (0 or 1 on a share
 * scale, 0 … 100 on a scored one), so one byte holds it and the sums need no lookup.
 */
export const NONE = 0;
export const BAD = 1;
export const VALID = 2;

export function classify(r: ReturnType<QuestionnaireIndex['answer']>): number {
  return r === 'none' ? NONE : r === 'bad' ? BAD : VALID + r.points;
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
  /** The unit column; -1 when the file's unit is `unitConst`. */
  unit: number;
  /** The agency of every row, for a file without an agency column (a constant, or its file name). */
  unitConst?: string;
  respondent: number;
  weight: number;
  /** Each question's column and position in the questionnaire, in file order (of the row's own agency). */
  questions: [col: number, q: number][];
  /**
   * One row assesses several agencies: each group's agency and its question columns (see
   * sipas-headers.ts). `questions`, when there are any, belong to the row's agency as usual.
   */
  groups?: { agency: string; questions: [col: number, q: number][] }[];
  /** The long layout: one row per answer; its question and answer columns (agency and respondent required). */
  long?: { question: number; answer: number };
}

/** What a header names: a question, several (ambiguous), a known column kind, or nothing. */
type HeaderMatch =
  | { q: number }
  | { ambiguous: number[] }
  | { kind: keyof typeof HEADERS | ColumnRole }
  | { q: number; agency: string }
  | undefined;

/**
 * Which question or role a header names: the column map first, then a question's code (or the
 * header's first word), its text (numbering such as "Câu 9.1." left out; a forms grid's
 * "[row]" too) or an alias, then the known column names.
 */
function matchHeader(h: string, qi: QuestionnaireIndex, columnMap: ColumnMap | undefined): HeaderMatch {
  const key = looseKey(h);
  if (key === '') return undefined;
  const declared = columnMap?.get(key);
  if (declared !== undefined)
    return typeof declared === 'number'
      ? { q: declared }
      : typeof declared === 'string'
        ? { kind: declared }
        : declared;
  const m = matchQuestion(h, qi);
  if (m) return m;
  const kind = headerKind.get(key);
  return kind ? { kind } : undefined;
}

/** Whether a row looks like the header of an answer file (a title row above it does not). */
export function isAnswerHeader(
  cells: readonly string[],
  opts: Pick<TallyOptions, 'questionnaire' | 'columnMap' | 'roster' | 'agencyNames'>,
): boolean {
  const agencies = agencyLookup(opts.roster, opts.agencyNames);
  const kinds = new Set<string>();
  // A header of column groups shows one in its first cells; a row of thousands of odd cells is not read that way.
  let groupTries = 256;
  for (const h of cells) {
    const m = matchHeader(h, opts.questionnaire, opts.columnMap);
    if (m && ('q' in m || 'ambiguous' in m)) return true;
    if (m && 'kind' in m) kinds.add(m.kind);
    else if (
      m === undefined &&
      h.trim() !== '' &&
      groupTries-- > 0 &&
      matchGroupHeader(h, opts.questionnaire, agencies)
    )
      return true;
  }
  return kinds.has('question') && kinds.has('answer');
}

type MapOptions = Pick<TallyOptions, 'questionnaire' | 'by' | 'weights' | 'columnMap' | 'roster' | 'agencyNames'> & {
  agency?: string;
};

/**
 * Header → roles: the unit column (agency or group, by `by`), respondent id, weight, and one column
 * per question (see `matchHeader`), or per agency and question when one row assesses several agencies
 * (column groups), or the question and answer columns of the long layout. Findings for unknown,
 * ambiguous and missing columns; no columns when the file cannot be counted (no unit column nor constant
 * agency, no declared weight column, no question).
 */
export function mapColumns(
  header: readonly string[],
  where: { file: string; sheet?: string | undefined; row?: number },
  opts: MapOptions,
): { columns?: AnswerColumns; findings: Finding[] } {
  const qi = opts.questionnaire;
  const by = opts.by ?? 'agency';
  const findings: Finding[] = [];
  const row = where.row ?? 1;
  const at = (column?: number): { file: string; sheet?: string; row: number; column?: number; cell?: string } => ({
    file: where.file,
    ...(where.sheet ? { sheet: where.sheet } : {}),
    row,
    ...(column ? { column, cell: cellAddress(row, column) } : {}),
  });
  const agencies = agencyLookup(opts.roster, opts.agencyNames);
  let agencyCol = -1;
  let groupCol = -1;
  let idCol = -1;
  let weightCol = -1;
  let questionCol = -1;
  let answerCol = -1;
  const qCols: [col: number, q: number][] = [];
  const seenQ = new Set<number>();
  const groups = new Map<string, [col: number, q: number][]>();
  const weightKey = opts.weights !== undefined ? looseKey(opts.weights) : undefined;
  const addGroup = (h: string, col: number, agency: string, q: number): void => {
    const cols = groups.get(agency) ?? [];
    if (cols.some(([, x]) => x === q)) findings.push(finding('SIPAS_UNKNOWN_COLUMN', at(col + 1), { column: h }));
    else groups.set(agency, [...cols, [col, q]]);
  };
  header.forEach((h, col) => {
    const key = looseKey(h);
    if (key === '') return;
    if (weightKey !== undefined && key === weightKey) return void (weightCol = col);
    const m = matchHeader(h, qi, opts.columnMap);
    if (m && 'agency' in m) {
      // Declared by the column map: { question, agency }.
      const hit = agencies.find(m.agency, true);
      if (hit && 'code' in hit) return addGroup(h, col, hit.code, m.q);
      return void findings.push(
        finding('SIPAS_GROUP_AGENCY_UNKNOWN', at(col + 1), { column: h, agency: m.agency, candidates: [] }),
      );
    }
    if (m && 'q' in m && !seenQ.has(m.q)) {
      seenQ.add(m.q);
      qCols.push([col, m.q]);
      return;
    }
    if (m && 'ambiguous' in m) {
      const questions = m.ambiguous.map((i) => qi.questions[i]!.code);
      return void findings.push(finding('SIPAS_COLUMN_AMBIGUOUS', at(col + 1), { column: h, questions }));
    }
    const kind = m && 'kind' in m ? m.kind : undefined;
    if (kind === 'agency' && agencyCol < 0) agencyCol = col;
    else if (kind === 'group' && groupCol < 0) groupCol = col;
    else if (kind === 'respondent' && idCol < 0) idCol = col;
    else if (kind === 'weight' && weightCol < 0) weightCol = col;
    else if (kind === 'question' && questionCol < 0) questionCol = col;
    else if (kind === 'answer' && answerCol < 0) answerCol = col;
    else if (kind === undefined && m === undefined) {
      // Not a question nor a known column: perhaps a column of one assessed agency's group.
      const g = matchGroupHeader(h, qi, agencies);
      if (g && 'agency' in g) addGroup(h, col, g.agency, g.q);
      else if (g && 'unknownAgency' in g)
        findings.push(
          finding('SIPAS_GROUP_AGENCY_UNKNOWN', at(col + 1), {
            column: h,
            agency: g.unknownAgency,
            candidates: g.agencies ?? [],
          }),
        );
      else if (g) findings.push(finding('SIPAS_GROUP_AMBIGUOUS', at(col + 1), { column: h, readings: g.ambiguous }));
      else findings.push(finding('SIPAS_UNKNOWN_COLUMN', at(col + 1), { column: h }));
    } else if (kind !== 'ignored' && kind !== 'ignore')
      findings.push(finding('SIPAS_UNKNOWN_COLUMN', at(col + 1), { column: h }));
  });
  const unitCol = by === 'agency' ? agencyCol : groupCol;
  const unitConst = unitCol < 0 && by === 'agency' ? opts.agency : undefined;
  const hasUnit = unitCol >= 0 || unitConst !== undefined;
  const long = questionCol >= 0 && answerCol >= 0 && qCols.length === 0 && groups.size === 0;
  if (!long)
    for (const c of [questionCol, answerCol])
      if (c >= 0) findings.push(finding('SIPAS_UNKNOWN_COLUMN', at(c + 1), { column: header[c]! }));
  const stop: Finding[] = [];
  if ((long || groups.size > 0) && by !== 'agency') stop.push(finding('SIPAS_LAYOUT_NEEDS_AGENCY', at(), {}));
  if (!hasUnit && (long || groups.size === 0))
    stop.push(
      finding('SIPAS_AGENCY_COLUMN_MISSING', at(), {
        expected: by === 'agency' ? ['mã cơ quan', 'agency'] : ['đối tượng', 'group'],
      }),
    );
  if (long && idCol < 0) stop.push(finding('SIPAS_RESPONDENT_COLUMN_MISSING', at(), {}));
  if (weightKey !== undefined && weightCol < 0)
    stop.push(finding('SIPAS_WEIGHT_COLUMN_MISSING', at(), { column: opts.weights ?? '' }));
  // In a file of column groups, question columns of no group need the row's agency.
  if (groups.size > 0 && !hasUnit) {
    for (const [col] of qCols) findings.push(finding('SIPAS_COLUMN_NO_AGENCY', at(col + 1), { column: header[col]! }));
    qCols.length = 0;
  }
  if (!long && qCols.length === 0 && groups.size === 0)
    stop.push(finding('SIPAS_NO_QUESTIONS', at(), { questionnaire: qi.ref }));
  else if (groups.size === 0 && !long)
    qi.questions.forEach(
      (q, i) => seenQ.has(i) || findings.push(finding('SIPAS_QUESTION_MISSING', at(), { question: q.code })),
    );
  else
    for (const [agency, cols] of groups) {
      const has = new Set(cols.map(([, q]) => q));
      qi.questions.forEach(
        (q, i) =>
          has.has(i) ||
          findings.push(finding('SIPAS_QUESTION_MISSING', at(), { question: q.code, agency }, { agency })),
      );
    }
  if (stop.length > 0) return { findings: [...findings, ...stop] };
  return {
    columns: {
      unit: unitCol,
      ...(unitConst !== undefined ? { unitConst } : {}),
      respondent: idCol,
      weight: weightCol,
      questions: qCols,
      ...(groups.size > 0 ? { groups: [...groups].map(([agency, questions]) => ({ agency, questions })) } : {}),
      ...(long ? { long: { question: questionCol, answer: answerCol } } : {}),
    },
    findings,
  };
}

/**
 * A unit's counts while rows are read: per question q, sums[4q…4q+3] = valid answers, their weight, satisfied answers,
 * their weight (one flat array: the row loop's hottest memory).
 */
export interface UnitSums {
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
  /** Agencies by code or name (the roster's, the column map's `agencies:`). */
  agencies: AgencyLookup;
  units: Map<string, UnitSums>;
  seenIds: IdSet;
  /** Agency × respondent pairs seen in long-layout files (a respondent is counted once for an agency). */
  seenPairs: IdSet;
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
    agencies: agencyLookup(opts.roster, opts.agencyNames),
    units: new Map(),
    seenIds: new IdSet(),
    seenPairs: new IdSet(),
    unitCodes: new Map(),
    unitByKey: new Map(),
    files: [],
    rowsRead: 0,
    state: new Uint8Array(nq),
    findings,
  };
}

/** One file's rows while they are counted: its columns, the row at hand, its own finding counts. */
export interface FileRows {
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
  /** Answers one byte long ("4", " "), classified once by the same rule as any other: 256 per scale. */
  byByte: Uint8Array;
  /** Where each question column's scale starts in `byByte`. */
  byteOff: Int32Array;
  /** The agency of every row, when the file has no agency column. */
  unitConst: string | undefined;
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
  /** Counts a batch of rows of another layout (sipas-layouts.ts); one row per respondent when not given. */
  count?: (f: FileRows, batch: AnswerBatch) => void,
): Promise<{ rows: number; respondents: number }> {
  const f = fileRows(t, a.sheet, columns, file);
  t.state.fill(NONE);
  for await (const batch of a.rows) {
    if (count) count(f, batch);
    else if (Array.isArray(batch)) countCellRows(f, batch);
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
  const scales = t.qi.scales;
  const byByte = new Uint8Array(256 * scales.length);
  scales.forEach((sc, k) => {
    for (let c = 0; c < 256; c++)
      byByte[256 * k + c] = classify(sc.answer(Buffer.of(c).toString(c < 0x80 ? 'latin1' : 'utf8')));
  });
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
    byteOff: Int32Array.from(qCols, ([, q]) => 256 * t.qi.questions[q]!.scale),
    unitConst: columns.unitConst,
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
  const state = t.state;
  const { cols, qs } = f;
  const answerOf = Array.from(qs, (q) => t.qi.scales[t.qi.questions[q]!.scale]!.answer);
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
      const s = classify(answerOf[k]!(cells[cols[k]!]));
      state[qs[k]!] = s;
      if (s === BAD) bad++;
      else if (s !== NONE) valid++;
    }
    const unitText = f.unitConst ?? cellText(cells[f.unitCol]);
    countRow(f, row, unitText, unitText === '' ? '' : unitOf(t, unitText), valid, bad);
  }
}

/** Rows of a UTF-8 file read in place: one-byte answers by table, only the rest decoded. */
function countByteRows(f: FileRows, batch: ByteBatch): void {
  const t = f.tally;
  const state = t.state;
  const unitByKey = t.unitByKey;
  const { cols, qs, byByte, byteOff, unitCol, unitConst } = f;
  const answerOf = Array.from(qs, (q) => t.qi.scales[t.qi.questions[q]!.scale]!.answer);
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
      const s =
        len === 1
          ? byByte[byteOff[k]! + buf[s0]!]!
          : len === 0
            ? NONE
            : classify(answerOf[k]!(fieldText(batch, r, col)));
      state[qs[k]!] = s;
      if (s === BAD) bad++;
      else if (s !== NONE) valid++;
    }
    if (unitConst !== undefined) {
      countRow(f, batch.line[r]!, unitConst, unitOf(t, unitConst), valid, bad);
      continue;
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
export function cellOf(f: FileRows, col: number): AnswerCell {
  return f.bytes ? fieldText(f.bytes, f.byteRow, col) : f.cells[col];
}

/** The unit code of a unit cell's text ('' when the roster does not know it). */
export function unitOf(t: SipasTally, unitText: string): string {
  let code = t.unitCodes.get(unitText);
  if (code === undefined) {
    // An agency by its code or, with a roster or declared names, by its name.
    const hit = t.by === 'agency' ? t.agencies.find(unitText, true) : undefined;
    code = t.by === 'agency' ? (hit && 'code' in hit ? hit.code : '') : unitText;
    if (t.unitCodes.size < 100_000) t.unitCodes.set(unitText, code);
  }
  return code;
}

/** Counts a finding of this file; lists it while its code has fewer than `cap` here. */
export function capped<C extends keyof SipasArgs>(
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
  if (unitText === '') {
    if (valid === 0 && bad === 0) capped(f, 'SIPAS_EMPTY_ROW', { row }, {});
    else capped(f, 'SIPAS_AGENCY_BLANK', { row, column: f.unitCol + 1 }, {});
    return;
  }
  if (code === '') {
    capped(f, 'SIPAS_UNKNOWN_AGENCY', { row, column: f.unitCol + 1 }, { agency: unitText });
    return;
  }
  if (bad > 0) reportBad(f, row, code, f.qCols);
  if (valid === 0) {
    if (bad === 0) capped(f, 'SIPAS_EMPTY_ROW', { row }, {}, code);
    return;
  }
  const w = rowWeight(f, row, code);
  if (w === undefined || isDuplicate(f, row, code)) return;
  addRespondent(f, code, w);
}

/** Findings for the answers of `cols` that `state` holds as off the scale. */
export function reportBad(f: FileRows, row: number, code: string, cols: readonly [col: number, q: number][]): void {
  const t = f.tally;
  for (const [col, q] of cols) {
    if (t.state[q] !== BAD) continue;
    const raw = cellOf(f, col);
    capped(
      f,
      'SIPAS_ANSWER_OUT_OF_SCALE',
      { row, column: col + 1 },
      {
        question: t.qi.questions[q]!.code,
        value: String(raw),
        levels: t.qi.scales[t.qi.questions[q]!.scale]!.levels,
      },
      code,
    );
  }
}

/** The row's weight (1 without a weight column), or undefined with a finding when it is not a positive number. */
export function rowWeight(f: FileRows, row: number, code: string): number | undefined {
  const weightCol = f.weightCol;
  if (weightCol < 0) return 1;
  const read = readWeight(cellOf(f, weightCol));
  if (read === undefined)
    capped(f, 'SIPAS_BAD_WEIGHT', { row, column: weightCol + 1 }, { value: String(cellOf(f, weightCol) ?? '') }, code);
  return read;
}

/** Whether the row's respondent id was seen before for this unit (a finding then); false without an id column. */
export function isDuplicate(f: FileRows, row: number, code: string): boolean {
  const t = f.tally;
  const idCol = f.idCol;
  if (idCol < 0) return false;
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
  if (first === undefined) return false;
  id ??= cellText(cellOf(f, idCol));
  capped(
    f,
    'SIPAS_DUPLICATE_RESPONDENT',
    { row, column: idCol + 1 },
    { respondent: id, firstFile: t.files[first.file]!, firstRow: first.row },
    code,
  );
  return true;
}

/** A unit's sums, made on first use. */
export function unitSums(t: SipasTally, code: string): UnitSums {
  let u = t.units.get(code);
  if (!u) t.units.set(code, (u = newSums(code, t.nq)));
  return u;
}

/** Counts one respondent for `code`, with the answers `state` holds and weight `w`. */
export function addRespondent(f: FileRows, code: string, w: number): void {
  const t = f.tally;
  const state = t.state;
  const nq = t.nq;
  const u = unitSums(t, code);
  u.respondents++;
  f.respondents++;
  const sums = u.sums;
  for (let q = 0; q < nq; q++) {
    const s = state[q]!;
    if (s < VALID) continue;
    // Without a branch on "satisfied", which random answers make unpredictable: the points.
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
  t.seenPairs.clear();
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
  groups?: ReadonlyMap<string, string>,
): SipasUnit[] {
  const minSample = qi.q.minSample;
  return units.map((c) => {
    const u = indicesOf(c, qi);
    const name = roster?.get(c.code);
    if (name) u.name = name;
    const group = groups?.get(c.code);
    if (group !== undefined) u.group = group;
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
  // Share scale: satisfied ÷ valid × 100; scored scale: the points (percent) ÷ valid answers.
  const items = qi.questions.map((x, i) =>
    t.validW[i]! > 0
      ? Rational.of(BigInt(t.satW[i]!) * (qi.scales[x.scale]!.rule === 'share' ? 100n : 1n), BigInt(t.validW[i]!))
      : undefined,
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
      // On a scored scale: the answers' points in full-score answers (A + B + C = 1 + 0.6 + 0.2).
      satisfied: qi.scales[x.scale]!.rule === 'share' ? t.satN[i]! : t.satN[i]! / 100,
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
