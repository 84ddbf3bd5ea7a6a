/**
 * load/: every input file parindex reads, behind one interface. In: a path, the name shown to
 * users, and `ReadOptions` (limits, workbook reader) from the caller. Out: findings for what cannot
 * be read, and either
 *
 * - `readGrid` — a small table (submission, roster, appraisal or survey table, criteria table)
 *   read whole into the neutral grid (grid.ts): every cell with its sheet, row, column and A1 address;
 * - `openAnswerFile` — a large table (raw survey answers, a million rows) as its header and a stream
 *   of row batches, read once, so memory does not grow with the rows.
 *
 * Both go through the same first steps (open.ts): open → sniff the kind from the bytes → refuse
 * what is not read → guard a workbook's zip (zip-guard.ts), then hand the bytes to a reader:
 *
 * | file          | grid (`readGrid`)                              | rows (`openAnswerFile`)              |
 * |---------------|------------------------------------------------|--------------------------------------|
 * | xlsx          | xlsx-lean.ts (fast path), else xlsx.ts (exceljs) | exceljs's streaming reader          |
 * | CSV           | csv.ts (csv-parse)                             | byte-rows.ts (UTF-8), else csv-lines.ts |
 *
 * The fast paths (xlsx-lean, byte-rows, csv-lines) stand in for a library and are tested against
 * it on the same input (test/load/). `reader: 'exceljs'` turns the lean xlsx reader off.
 */
export { DEFAULT_READ_OPTIONS, type ReadOptions } from './open.js';
export { readGrid, type GridRead } from './read.js';
export {
  hashFile,
  openAnswerFile,
  type AnswerBatch,
  type AnswerCell,
  type AnswerFile,
  type AnswerRow,
} from './rows.js';
/** Rows of a UTF-8 CSV file come in place (a chunk and field offsets); these read their fields. */
export { fieldKey, fieldSpan, fieldText, isByteBatch, isPlainCode, type ByteBatch } from './byte-rows.js';
export type { Grid, GridCell, GridSheet, CellValue } from './grid.js';
