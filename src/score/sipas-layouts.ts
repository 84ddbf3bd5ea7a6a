/**
 * Answer files where one respondent assesses several agencies, counted into the same tallies as one
 * row per respondent (sipas.ts). Comes in: a file's rows and its columns (mapped by `mapColumns`);
 * goes out: counts per agency × question.
 *
 * - Column groups (`columns.groups`): each row assesses every agency whose group it answers. For each
 *   agency the row counts as one respondent when it gives that agency at least one valid answer; a row
 *   that answers no group at all is an empty row. A bad weight leaves the whole row out, once.
 * - Long layout (`columns.long`): one row per answer (respondent, agency, question, answer). A respondent
 *   is counted once for an agency, at its first valid answer to it; the same respondent answering the
 *   same question for the same agency again is a finding. Memory grows with answers here (the id check,
 *   19–37 bytes an answer and a respondent-agency pair).
 */
import type { AnswerBatch } from '../load/index.js';
import { matchQuestion } from './sipas-headers.js';
import {
  addRespondent,
  capped,
  cellOf,
  cellText,
  classify,
  isDuplicate,
  readWeight,
  reportBad,
  rowWeight,
  unitOf,
  unitSums,
  BAD,
  NONE,
  VALID,
  type AnswerColumns,
  type FileRows,
} from './sipas.js';

/** The counter for a file's layout, or undefined for one row per respondent (the fast path). */
export function layoutCounter(columns: AnswerColumns): ((f: FileRows, batch: AnswerBatch) => void) | undefined {
  const long = columns.long;
  if (long) return (f, batch) => eachRow(f, batch, (row) => countLongRow(f, row, long));
  const groups = columns.groups;
  if (!groups) return undefined;
  // The row's own agency (an agency column or a constant) for question columns of no group.
  const all: { agency: string | undefined; questions: [number, number][] }[] = [
    ...(columns.questions.length > 0 ? [{ agency: undefined, questions: columns.questions }] : []),
    ...groups,
  ];
  return (f, batch) => eachRow(f, batch, (row) => countGroupRow(f, row, all));
}

/** Calls `count` for each row of a batch, with the row at hand set in `f` (so `cellOf` reads it). */
function eachRow(f: FileRows, batch: AnswerBatch, count: (row: number) => void): void {
  const t = f.tally;
  if (Array.isArray(batch)) {
    f.bytes = undefined;
    for (const { row, cells } of batch) {
      f.rows++;
      if (++t.rowsRead % 50_000 === 0) t.onRows?.(t.rowsRead);
      f.cells = cells;
      count(row);
    }
    return;
  }
  f.bytes = batch;
  for (let r = 0; r < batch.count; r++) {
    f.rows++;
    if (++t.rowsRead % 50_000 === 0) t.onRows?.(t.rowsRead);
    f.byteRow = r;
    count(batch.line[r]!);
  }
}

/** One row of a file of column groups: counted once for each agency it gives a valid answer. */
function countGroupRow(
  f: FileRows,
  row: number,
  groups: readonly { agency: string | undefined; questions: [number, number][] }[],
): void {
  const t = f.tally;
  const qi = t.qi;
  const state = t.state;
  let answered = false;
  let w: number | undefined;
  for (const g of groups) {
    state.fill(NONE);
    let valid = 0;
    let bad = 0;
    for (const [col, q] of g.questions) {
      const s = classify(qi.scales[qi.questions[q]!.scale]!.answer(cellOf(f, col)));
      state[q] = s;
      if (s === BAD) bad++;
      else if (s !== NONE) valid++;
    }
    if (valid === 0 && bad === 0) continue;
    answered = true;
    let code = g.agency;
    if (code === undefined) {
      const unitText = f.unitConst ?? cellText(cellOf(f, f.unitCol));
      if (unitText === '') {
        capped(f, 'SIPAS_AGENCY_BLANK', { row, column: f.unitCol + 1 }, {});
        continue;
      }
      code = unitOf(t, unitText);
      if (code === '') {
        capped(f, 'SIPAS_UNKNOWN_AGENCY', { row, column: f.unitCol + 1 }, { agency: unitText });
        continue;
      }
    }
    if (bad > 0) reportBad(f, row, code, g.questions);
    if (valid === 0) continue;
    if (w === undefined) {
      w = rowWeight(f, row, code);
      // A bad weight leaves the whole row out, with one finding.
      if (w === undefined) return;
    }
    if (!isDuplicate(f, row, code)) addRespondent(f, code, w);
  }
  if (!answered) capped(f, 'SIPAS_EMPTY_ROW', { row }, {});
  state.fill(NONE);
}

/** One row of the long layout: one answer of one respondent to one question about one agency. */
function countLongRow(f: FileRows, row: number, long: { question: number; answer: number }): void {
  const t = f.tally;
  const qi = t.qi;
  const unitText = f.unitConst ?? cellText(cellOf(f, f.unitCol));
  const qText = cellText(cellOf(f, long.question));
  const raw = cellOf(f, long.answer);
  const id = cellText(cellOf(f, f.idCol));
  const blank = raw === undefined || String(raw).trim() === '';
  if (unitText === '' && qText === '' && blank && id === '') return void capped(f, 'SIPAS_EMPTY_ROW', { row }, {});
  const at = (col: number): { row: number; column: number } => ({ row, column: col + 1 });
  if (unitText === '') return void capped(f, 'SIPAS_AGENCY_BLANK', at(f.unitCol), {});
  const code = unitOf(t, unitText);
  if (code === '') return void capped(f, 'SIPAS_UNKNOWN_AGENCY', at(f.unitCol), { agency: unitText });
  const m = matchQuestion(qText, qi);
  if (!m || !('q' in m)) return void capped(f, 'SIPAS_UNKNOWN_QUESTION', at(long.question), { question: qText }, code);
  const q = m.q;
  const question = qi.questions[q]!;
  const s = classify(qi.scales[question.scale]!.answer(raw));
  if (s === NONE) return;
  if (s === BAD) {
    const levels = qi.scales[question.scale]!.levels;
    return void capped(
      f,
      'SIPAS_ANSWER_OUT_OF_SCALE',
      at(long.answer),
      { question: question.code, value: String(raw), levels },
      code,
    );
  }
  if (id === '') return void capped(f, 'SIPAS_RESPONDENT_BLANK', at(f.idCol), {}, code);
  let w = 1;
  if (f.weightCol >= 0) {
    const read = readWeight(cellOf(f, f.weightCol));
    if (read === undefined) {
      const value = String(cellOf(f, f.weightCol) ?? '');
      return void capped(f, 'SIPAS_BAD_WEIGHT', at(f.weightCol), { value }, code);
    }
    w = read;
  }
  const first = t.seenIds.addOrGet(`${code}\u0000${id}\u0000${q}`, f.fileIndex, row);
  if (first !== undefined) {
    const args = { respondent: id, question: question.code, firstFile: t.files[first.file]!, firstRow: first.row };
    return void capped(f, 'SIPAS_DUPLICATE_ANSWER', at(long.answer), args, code);
  }
  const u = unitSums(t, code);
  if (t.seenPairs.addOrGet(`${code}\u0000${id}`, f.fileIndex, row) === undefined) {
    u.respondents++;
    f.respondents++;
  }
  const sat = s - VALID;
  const i = 4 * q;
  u.sums[i]!++;
  u.sums[i + 1]! += w;
  u.sums[i + 2]! += sat;
  u.sums[i + 3]! += sat * w;
}
