/**
 * SIPAS from raw answers: one row per respondent is read, classified and added to per-unit
 * tallies (counts per question), then thrown away, so memory grows with units × questions, not
 * with rows. Indices are exact fractions of those tallies and are rounded once, for display:
 *
 *   item    = satisfied ÷ valid answers × 100 (respondent weights, when declared, weight both);
 *   element = mean of its items that have valid answers (equal weights);
 *   domain  = weighted mean of its elements (the questionnaire's weights, equal by default);
 *   overall = weighted mean of the domains (likewise).
 *
 * The one structure that grows with rows is the duplicate-respondent check (when the file has a
 * respondent id column): 19–37 bytes an id, see `IdSet`. The overall unit pools every counted respondent of every unit. Bad answers are findings with
 * file and row (the first 20 of each code per file are listed, the true count is always given).
 */
import { Rational } from '../core/rational.js';
import type { Provenance } from '../criteria/schema.js';
import { codeKey, cleanText, looseKey } from '../core/text.js';
import { cellAddress, finding, type Finding, type FindingCode } from '../findings/finding.js';
import type { SipasArgs } from '../messages/sipas.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { hashFile, openAnswerFile, type AnswerCell } from './answers.js';
import { fieldKey, fieldSpan, fieldText, isPlainCode, type ByteBatch } from './byte-rows.js';
import { IdSet } from './id-set.js';
import type { QuestionnaireIndex } from './questionnaire.js';

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

export interface SipasInput {
  file: string;
  sha256: string;
  sheet?: string;
  dialect?: { delimiter: string; encoding: string };
  /** Data rows read (after the header). */
  rows: number;
  /** Rows counted as respondents. */
  respondents: number;
}

export interface SipasResult {
  format: 'parindex-sipas';
  formatVersion: 1;
  tool: { name: string; version: string };
  questionnaire: { ref: string; title: { vi: string; en?: string }; illustrative: boolean; provenance?: Provenance };
  by: SipasBy;
  aggregation: {
    item: string;
    element: string;
    domains: { id: string; weight: number; elements: { id: string; weight: number }[] }[];
    respondentWeights: string | null;
    overall: string;
    rounding: string;
  };
  minSample: number;
  inputs: SipasInput[];
  overall: SipasUnit;
  units: SipasUnit[];
  findings: Finding[];
  /** True count of every finding code, listed or not. */
  counts: Record<string, number>;
}

export type SipasBy = 'agency' | 'group';

export interface SipasOptions {
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

/** A unit's counts while rows are read: per question q, sums[4q…4q+3] = valid answers, their weight, satisfied answers, their weight (one flat array: the row loop's hottest memory). */
interface Tally {
  code: string;
  respondents: number;
  sums: Float64Array;
}

/** A unit's counts per question, for the indices. */
interface Counts {
  code: string;
  respondents: number;
  validN: Float64Array;
  satN: Float64Array;
  validW: Float64Array;
  satW: Float64Array;
}

function newTally(code: string, n: number): Tally {
  return { code, respondents: 0, sums: new Float64Array(4 * n) };
}

function countsOf(t: Tally, n: number): Counts {
  const c: Counts = {
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

/** Computes SIPAS from answer files (paths as given, and how to show them). */
export async function runSipas(
  files: readonly { path: string; display: string }[],
  opts: SipasOptions,
): Promise<SipasResult> {
  const qi = opts.questionnaire;
  const nq = qi.questions.length;
  const by = opts.by ?? 'agency';
  const cap = opts.cap ?? 20;
  const findings: Finding[] = [];
  const counts: Record<string, number> = {};
  const units = new Map<string, Tally>();
  const rosterByKey = opts.roster ? new Map([...opts.roster.keys()].map((c) => [codeKey(c), c])) : undefined;
  const seenIds = new IdSet();
  // Unit text as written → unit code ('' when not in the roster); a small cache, bounded.
  const unitCodes = new Map<string, string>();
  // The same for short ASCII unit cells of byte rows, keyed by their packed bytes (byte-rows.ts).
  const unitByKey = new Map<number, string>();
  const idFiles: string[] = [];
  const inputs: SipasInput[] = [];
  let rowsSoFar = 0;
  const state = new Uint8Array(nq); // per question of the current row: NONE, BAD, VALID or SATISFIED (in that order)

  for (const { path, display } of files) {
    const perFile = new Map<FindingCode, number>();
    const capped = <C extends keyof SipasArgs>(
      code: C,
      loc: { row: number; column?: number },
      args: SipasArgs[C],
      agency?: string,
    ): void => {
      counts[code] = (counts[code] ?? 0) + 1;
      const n = (perFile.get(code) ?? 0) + 1;
      perFile.set(code, n);
      if (n > cap) return;
      const location = {
        file: display,
        ...(sheet ? { sheet } : {}),
        row: loc.row,
        ...(loc.column ? { column: loc.column, cell: cellAddress(loc.row, loc.column) } : {}),
      };
      findings.push(finding(code, location, args as never, agency ? { agency } : {}) as Finding);
    };
    const once = (f: Finding): void => {
      counts[f.code] = (counts[f.code] ?? 0) + 1;
      findings.push(f);
    };
    let sheet: string | undefined;
    const opened = await openAnswerFile(path, display);
    for (const f of opened.findings) if (f.code !== 'INTAKE_CSV_DIALECT') once(f);
    const a = opened.answers;
    if (!a) continue;
    sheet = a.sheet;
    const at = (column?: number): { file: string; sheet?: string; row: number; column?: number; cell?: string } => ({
      file: display,
      ...(sheet ? { sheet } : {}),
      row: 1,
      ...(column ? { column, cell: cellAddress(1, column) } : {}),
    });

    // Header → roles.
    let unitCol = -1;
    let agencyCol = -1;
    let groupCol = -1;
    let idCol = -1;
    let weightCol = -1;
    const qCols: [col: number, q: number][] = [];
    const seenQ = new Set<number>();
    const weightKey = opts.weights !== undefined ? looseKey(opts.weights) : undefined;
    a.header.forEach((h, col) => {
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
      else if (kind !== 'ignored') once(finding('SIPAS_UNKNOWN_COLUMN', at(col + 1), { column: h }));
    });
    unitCol = by === 'agency' ? agencyCol : groupCol;
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
        (q, i) => seenQ.has(i) || once(finding('SIPAS_QUESTION_MISSING', at(), { question: q.code })),
      );
    if (stop.length > 0) {
      stop.forEach(once);
      inputs.push({
        file: display,
        sha256: a.sha256() ?? (await hashFile(path)),
        rows: 0,
        respondents: 0,
        ...(sheet ? { sheet } : {}),
        ...(a.dialect ? { dialect: a.dialect } : {}),
      });
      continue;
    }
    const fileIndex = idFiles.push(display) - 1;

    // Rows. Each row's answers are classified into `state` (from its cells, or in place from the
    // bytes of a UTF-8 file), then `endRow` counts it; `cellOf` gives the current row's other cells.
    let rows = 0;
    let respondents = 0;
    let rowCells: AnswerCell[] = [];
    let bytes: ByteBatch | undefined;
    let byteRow = 0;
    const cellOf = (col: number): AnswerCell => (bytes ? fieldText(bytes, byteRow, col) : rowCells[col]);
    /** The unit code of a unit cell's text ('' when the roster does not know it). */
    const unitOf = (unitText: string): string => {
      let code = unitCodes.get(unitText);
      if (code === undefined) {
        code = by === 'agency' ? codeKey(unitText) : unitText;
        if (rosterByKey && by === 'agency') code = rosterByKey.get(code) ?? '';
        if (unitCodes.size < 100_000) unitCodes.set(unitText, code);
      }
      return code;
    };
    const endRow = (row: number, unitText: string, code: string, valid: number, bad: number): void => {
      if (unitText === '') {
        if (valid === 0 && bad === 0) capped('SIPAS_EMPTY_ROW', { row }, {});
        else capped('SIPAS_AGENCY_BLANK', { row, column: unitCol + 1 }, {});
        return;
      }
      if (code === '') {
        capped('SIPAS_UNKNOWN_AGENCY', { row, column: unitCol + 1 }, { agency: unitText });
        return;
      }
      if (bad > 0)
        for (const [col, q] of qCols) {
          if (state[q] !== BAD) continue;
          const raw = cellOf(col);
          capped(
            'SIPAS_ANSWER_OUT_OF_SCALE',
            { row, column: col + 1 },
            { question: qi.questions[q]!.code, value: String(raw), levels: qi.q.scale.levels.map((l) => l.code) },
            code,
          );
        }
      if (valid === 0) {
        if (bad === 0) capped('SIPAS_EMPTY_ROW', { row }, {}, code);
        return;
      }
      let w = 1;
      if (weightCol >= 0) {
        const read = readWeight(cellOf(weightCol));
        if (read === undefined) {
          capped('SIPAS_BAD_WEIGHT', { row, column: weightCol + 1 }, { value: String(cellOf(weightCol) ?? '') }, code);
          return;
        }
        w = read;
      }
      if (idCol >= 0) {
        // A plain ASCII id in a byte row is hashed from its bytes (the same hash as its text).
        let first: { file: number; row: number } | undefined;
        let id: string | undefined;
        if (bytes && isPlainCode(bytes, byteRow, idCol)) {
          const [s, e] = fieldSpan(bytes, byteRow, idCol);
          first = seenIds.addOrGetAscii(code, bytes.buf, s, e, fileIndex, row);
        } else {
          id = cellText(cellOf(idCol));
          if (id !== '') first = seenIds.addOrGet(`${code}\u0000${id}`, fileIndex, row);
        }
        if (first !== undefined) {
          id ??= cellText(cellOf(idCol));
          capped(
            'SIPAS_DUPLICATE_RESPONDENT',
            { row, column: idCol + 1 },
            { respondent: id, firstFile: idFiles[first.file]!, firstRow: first.row },
            code,
          );
          return;
        }
      }
      let t = units.get(code);
      if (!t) units.set(code, (t = newTally(code, nq)));
      t.respondents++;
      respondents++;
      const sums = t.sums;
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
    };
    // Answers one byte long ("4", " ") are classified once, by the same rule as any other.
    const byByte = new Uint8Array(256);
    for (let c = 0; c < 256; c++) byByte[c] = classify(qi.answer(Buffer.of(c).toString(c < 0x80 ? 'latin1' : 'utf8')));
    const nc = qCols.length;
    const cols = Int32Array.from(qCols, ([col]) => col);
    const qs = Int32Array.from(qCols, ([, q]) => q);
    state.fill(NONE);
    for await (const batch of a.rows) {
      if (Array.isArray(batch)) {
        bytes = undefined;
        for (const { row, cells } of batch) {
          rows++;
          if (++rowsSoFar % 50_000 === 0) opts.onRows?.(rowsSoFar);
          rowCells = cells;
          // A row with nothing in it at all is an empty row, whatever column is missing.
          let valid = 0;
          let bad = 0;
          for (let k = 0; k < nc; k++) {
            const s = classify(qi.answer(cells[cols[k]!]));
            state[qs[k]!] = s;
            if (s === BAD) bad++;
            else if (s !== NONE) valid++;
          }
          const unitText = cellText(cells[unitCol]);
          endRow(row, unitText, unitText === '' ? '' : unitOf(unitText), valid, bad);
        }
        continue;
      }
      bytes = batch;
      const { buf, at, count, width } = batch;
      for (let r = 0; r < count; r++) {
        rows++;
        if (++rowsSoFar % 50_000 === 0) opts.onRows?.(rowsSoFar);
        byteRow = r;
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
        if (code !== undefined) endRow(batch.line[r]!, code, code, valid, bad);
        else {
          const unitText = cellText(fieldText(batch, r, unitCol));
          code = unitText === '' ? '' : unitOf(unitText);
          if (key >= 0 && code !== '' && unitByKey.size < 100_000) unitByKey.set(key, code);
          endRow(batch.line[r]!, unitText, code, valid, bad);
        }
      }
    }
    for (const f of a.late) once(f);
    for (const [code, n] of perFile)
      if (n > cap) findings.push(finding('SIPAS_MORE', { file: display }, { code, shown: cap, total: n }));
    inputs.push({
      file: display,
      sha256: a.sha256() ?? (await hashFile(path)),
      rows,
      respondents,
      ...(sheet ? { sheet } : {}),
      ...(a.dialect ? { dialect: a.dialect } : {}),
    });
  }

  // The rows are read: what was kept to read them goes before the results are built.
  seenIds.clear();
  unitCodes.clear();
  unitByKey.clear();

  // Pooled overall, then units, then ranking.
  const pooled = newTally('', nq);
  const sorted = [...units.values()].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const t of sorted) {
    pooled.respondents += t.respondents;
    for (let i = 0; i < 4 * nq; i++) pooled.sums[i]! += t.sums[i]!;
  }
  const ordered = sorted.map((t) => countsOf(t, nq));
  const overallTally = countsOf(pooled, nq);
  const minSample = qi.q.minSample;
  const out = ordered.map((t) => {
    const u = unitResult(t, qi);
    const name = opts.roster?.get(t.code);
    if (name) u.name = name;
    if (t.respondents < minSample) {
      u.smallSample = true;
      findings.push(
        finding(
          'SIPAS_SMALL_SAMPLE',
          {},
          { agency: t.code, respondents: t.respondents, min: minSample, ...(name ? { name } : {}) },
          { agency: t.code },
        ),
      );
      counts.SIPAS_SMALL_SAMPLE = (counts.SIPAS_SMALL_SAMPLE ?? 0) + 1;
    }
    return { u, exact: u.index ? Rational.fromExact(u.index.exact) : undefined };
  });
  const ranked = out
    .filter((x) => x.exact !== undefined)
    .sort((x, y) => y.exact!.cmp(x.exact!) || (x.u.code < y.u.code ? -1 : x.u.code > y.u.code ? 1 : 0));
  ranked.forEach((x, i) => {
    const prev = ranked[i - 1];
    x.u.rank = prev && prev.exact!.eq(x.exact!) ? prev.u.rank! : i + 1;
    x.u.rankOf = ranked.length;
  });
  const overall = unitResult(overallTally, qi);

  return {
    format: 'parindex-sipas',
    formatVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    questionnaire: {
      ref: qi.ref,
      title: qi.q.title,
      illustrative: qi.q.illustrative,
      ...(qi.q.provenance ? { provenance: qi.q.provenance } : {}),
    },
    by,
    aggregation: {
      item: 'satisfied ÷ valid answers × 100',
      element: 'mean of its items with valid answers',
      domains: qi.q.domains.map((d) => ({
        id: d.id,
        weight: d.weight ?? 1,
        elements: d.elements.map((e) => ({ id: e.id, weight: e.weight ?? 1 })),
      })),
      respondentWeights: opts.weights ?? null,
      overall: 'all counted respondents pooled',
      rounding: '2 decimals, half up, once',
    },
    minSample,
    inputs,
    overall,
    units: out.map((x) => x.u),
    findings,
    counts,
  };
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

function unitResult(t: Counts, qi: QuestionnaireIndex): SipasUnit {
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
