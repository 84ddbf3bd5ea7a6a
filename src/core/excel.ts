/**
 * exceljs, and the one place that touches its insides. Loading exceljs costs about 0.35 s and
 * 28 MB in every process and worker that imports it; most runs (validate of plain workbooks, sipas
 * from CSV, JSON and HTML reports) never need it, so it is loaded on first use.
 *
 * parindex relies on members of exceljs 4.4.0 that its typings do not declare (package.json pins
 * that exact version). Each is reached through a function here, and test/core/excel.test.ts fails
 * if an upgrade renames or reshapes one:
 * - a worksheet's `_merges` (master address → range with `top/left/bottom/right` in `model`), read
 *   by the workbook reader (load/xlsx.ts) because `ws.model` would build the whole sheet model;
 * - a streaming writer's `styles.addStyleModel`, `sharedStrings.add`, `useSharedStrings`, and a
 *   streaming worksheet's `stream` (its sheet part), used to write rows directly (report/xlsx-rows.ts);
 * - the `_writableState.length` of the streams that stream pipes into (readable-stream), to wait
 *   for the compressor;
 * - `utils.xmlEncode` (lib/utils/utils.js), through which exceljs writes every text of every part,
 *   wrapped once on load so that characters XML 1.0 cannot carry never reach a workbook.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { xmlCarried } from './text.js';

export type Excel = typeof ExcelJS;

let loaded: Promise<Excel> | undefined;

export function loadExcel(): Promise<Excel> {
  loaded ??= import('exceljs').then((m) => {
    guardXmlText();
    return m.default;
  });
  return loaded;
}

/**
 * exceljs writes every text of every part (cells, shared strings, sheet names, properties)
 * through `utils.xmlEncode`, which drops control characters but lets through U+FFFE, U+FFFF and
 * unpaired surrogates, which XML 1.0 cannot carry: one such character in an agency's name made a
 * report no program (exceljs included) could open. Wrapped here, once, to replace them (xmlCarried).
 */
function guardXmlText(): void {
  const utils = createRequire(import.meta.url)('exceljs/lib/utils/utils.js') as {
    xmlEncode?: ((text: string) => string) & { carried?: true };
  };
  const encode = utils.xmlEncode;
  if (typeof encode !== 'function' || encode.carried) return;
  utils.xmlEncode = Object.assign((text: string): string => encode(xmlCarried(text)), { carried: true as const });
}

/** A merged range of a worksheet: its A1 text ("B2:D3") and its corners (1-based). */
export interface MergedRange {
  range: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The merged ranges of a worksheet that exceljs loaded (from its private `_merges`). */
export function mergedRanges(ws: ExcelJS.Worksheet): MergedRange[] {
  type Merge = { range?: string; model?: { top: number; left: number; bottom: number; right: number } };
  const merges = (ws as unknown as { _merges?: Record<string, Merge> })._merges ?? {};
  const out: MergedRange[] = [];
  for (const m of Object.values(merges)) {
    const box = m.model;
    if (!box) continue;
    out.push({ range: m.range ?? '', top: box.top, left: box.left, bottom: box.bottom, right: box.right });
  }
  return out;
}

/** A streaming worksheet's undeclared parts: the stream of its sheet XML, its rows, its commit. */
export interface StreamingSheet {
  stream: { write(data: string | Buffer): unknown; pipes?: unknown };
  getRow(n: number): ExcelJS.Row;
  commit(): void;
}
/** A streaming workbook's style table (style model + cell type → style id). */
export interface StylesTable {
  addStyleModel(style: Partial<ExcelJS.Style>, type: number): number;
}
/** A streaming workbook's shared string table (utils/shared-strings.js): text → index. */
export interface SharedStrings {
  add(value: string): number;
}

/** What direct row writing needs from a streaming workbook and one of its sheets. */
export interface StreamingParts {
  sheet: StreamingSheet;
  styles: StylesTable;
  sharedStrings: SharedStrings;
  /** Whether the workbook writes text through its shared string table. */
  useSharedStrings: boolean;
}

/** The undeclared parts of a streaming workbook and sheet; undefined when this exceljs lacks one. */
export function streamingParts(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
): StreamingParts | undefined {
  const sheet = ws as unknown as Partial<StreamingSheet>;
  const { styles, sharedStrings, useSharedStrings } = wb as unknown as {
    styles?: Partial<StylesTable>;
    sharedStrings?: Partial<SharedStrings>;
    useSharedStrings?: unknown;
  };
  if (
    typeof styles?.addStyleModel !== 'function' ||
    typeof sharedStrings?.add !== 'function' ||
    !sheet.stream ||
    typeof sheet.stream.write !== 'function'
  )
    return undefined;
  return {
    sheet: sheet as StreamingSheet,
    styles: styles as StylesTable,
    sharedStrings: sharedStrings as SharedStrings,
    useSharedStrings: useSharedStrings === true,
  };
}

/**
 * Bytes waiting in the pipes of a streaming sheet's stream (streams of the readable-stream
 * package, whose buffered length is `_writableState.length`); 0 when that cannot be seen.
 */
export function queuedBytes(stream: unknown): number {
  const pipes = (stream as { pipes?: unknown }).pipes;
  if (!Array.isArray(pipes)) return 0;
  let n = 0;
  for (const p of pipes) {
    const len = (p as { _writableState?: { length?: unknown } })._writableState?.length;
    if (typeof len === 'number') n += len;
  }
  return n;
}
