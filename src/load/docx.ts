/**
 * The tables of a Word document (.docx) read into the neutral grid, one sheet per table, so that a
 * decision's annex table is imported like an Excel one. Cells merged across (w:gridSpan) and down
 * (w:vMerge) become merged ranges of the grid; row and column numbers are the table's own.
 *
 * The project's own zip reading and the zip guard (limits, no DTDs or entities) and saxes (already
 * used for .xlsx) do the work: a Word library would bring a document model (and, for the common
 * ones, an HTML converter) to read what is a few dozen lines of event handling here.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { showLimit, type Limits } from '../core/limits.js';
import { listZipEntries, zipEntryData } from '../core/zip.js';
import { cellAddress, finding, type Finding } from '../findings/finding.js';
import { GridSheet } from './grid.js';
import { convertLegacyCells } from './legacy-text.js';
import { readGrid } from './read.js';
import type { ReadOptions } from './open.js';
import { guardWorkbookZip } from './zip-guard.js';

/** A Word document's tables as a grid: sheet n is table n. */
export interface WordGrid {
  file: string;
  format: 'docx';
  sha256: string;
  sheets: GridSheet[];
}

export interface WordRead {
  grid?: WordGrid;
  findings: Finding[];
  sha256?: string;
  /** The paragraphs just above each table (its title, "Kèm theo Quyết định số …"). */
  captions: Map<GridSheet, string[]>;
  /** All the document's paragraphs outside tables, where a decision number may be found. */
  text: string;
}

/** Whether bytes are a Word document (.docx): a zip holding word/document.xml. */
export function isWordDocument(buf: Buffer): boolean {
  return (
    buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50 && buf.includes(Buffer.from('word/document.xml', 'latin1'))
  );
}

/**
 * A criteria table's file: Word documents through `readWordTables`, everything else through
 * `readGrid`. Never throws on user input.
 */
export async function readTableFile(
  path: string,
  file: string,
  opts: ReadOptions,
): Promise<WordRead | (Awaited<ReturnType<typeof readGrid>> & { captions?: undefined; text?: undefined })> {
  const { limits } = opts;
  let head: Buffer;
  try {
    head = statSync(path).size <= limits.fileBytes ? readFileSync(path) : Buffer.alloc(0);
  } catch {
    head = Buffer.alloc(0);
  }
  if (isWordDocument(head)) return readWordTables(head, file, limits);
  return readGrid(path, file, opts);
}

/** Reads the tables of a .docx held in `buf` (shown to users as `file`). Never throws on user input. */
export async function readWordTables(buf: Buffer, file: string, limits: Limits): Promise<WordRead> {
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const none = (findings: Finding[]): WordRead => ({ sha256, findings, captions: new Map(), text: '' });
  const parts = new Map<string, Buffer>();
  const guard = await guardWorkbookZip(buf, file, limits, parts);
  if (guard.some((f) => f.severity === 'error')) return none(guard);
  let xml = parts.get('word/document.xml');
  if (!xml) {
    // A part the guard did not keep (large, or its header lied): it was checked, inflate it here under the same cap.
    const entry = listZipEntries(buf)?.find((e) => e.name === 'word/document.xml');
    if (!entry) return none([finding('INTAKE_CORRUPT', { file }, { detail: 'word/document.xml missing' })]);
    try {
      const data = zipEntryData(buf, entry);
      xml = entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: limits.uncompressedBytes });
    } catch (e) {
      return none([
        finding('INTAKE_CORRUPT', { file }, { detail: e instanceof Error ? e.message.slice(0, 120) : String(e) }),
      ]);
    }
  }
  let parsed: ParsedDocument;
  try {
    parsed = parseDocument(xml.toString('utf8'));
  } catch (e) {
    return none([
      finding(
        'INTAKE_CORRUPT',
        { file },
        { detail: `word/document.xml: ${e instanceof Error ? e.message.slice(0, 120) : String(e)}` },
      ),
    ]);
  }
  const cells = parsed.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.cells.length, 0), 0);
  if (cells > limits.cells)
    return none([
      finding(
        'INTAKE_LIMIT_EXCEEDED',
        { file },
        { limit: 'cells', found: String(cells), max: showLimit('cells', limits.cells) },
      ),
    ]);
  const findings = [...guard];
  const sheets: GridSheet[] = [];
  const captions = new Map<GridSheet, string[]>();
  parsed.tables.forEach((t, i) => {
    const sheet = tableSheet(t, `Bảng ${i + 1}`, limits.stringLength);
    sheets.push(sheet);
    captions.set(sheet, t.before);
  });
  const grid: WordGrid = { file, format: 'docx', sha256, sheets };
  for (const x of convertLegacyCells(grid, (index) => index + 1)) findings.push(x);
  return { grid, sha256, findings, captions, text: parsed.paragraphs.join(' ') };
}

interface WordCell {
  span: number;
  vMerge?: 'restart' | 'continue';
  /** Part of the cell before it (legacy w:hMerge). */
  hContinue: boolean;
  paragraphs: string[];
}
interface WordRow {
  gridBefore: number;
  cells: WordCell[];
}
interface WordTable {
  rows: WordRow[];
  before: string[];
}
interface ParsedDocument {
  tables: WordTable[];
  paragraphs: string[];
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Tables (outermost only; a table inside a cell gives its text to that cell) and body paragraphs. */
function parseDocument(xml: string): ParsedDocument {
  const tables: WordTable[] = [];
  const paragraphs: string[] = [];
  let sinceTable: string[] = [];
  let depth = 0;
  let table: WordTable | undefined;
  let row: WordRow | undefined;
  let cell: WordCell | undefined;
  let text = '';
  let inText = false;
  let deleted = 0;
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const val = (): string | undefined => {
      for (const [k, v] of Object.entries(tag.attributes)) if (localName(k) === 'val') return String(v);
      return undefined;
    };
    switch (name) {
      case 'tbl':
        depth++;
        if (depth === 1) table = { rows: [], before: sinceTable.filter(Boolean).slice(-4) };
        break;
      case 'tr':
        if (depth === 1) row = { gridBefore: 0, cells: [] };
        break;
      case 'gridBefore':
        if (depth === 1 && row) row.gridBefore = Number(val() ?? 0) || 0;
        break;
      case 'tc':
        if (depth === 1) cell = { span: 1, hContinue: false, paragraphs: [] };
        break;
      case 'gridSpan':
        if (depth === 1 && cell) cell.span = Math.max(1, Math.min(64, Number(val() ?? 1) || 1));
        break;
      case 'vMerge':
        if (depth === 1 && cell) cell.vMerge = val() === 'restart' ? 'restart' : 'continue';
        break;
      case 'hMerge':
        if (depth === 1 && cell && val() !== 'restart') cell.hContinue = true;
        break;
      case 't':
        inText = deleted === 0;
        break;
      case 'del':
        deleted++;
        break;
      case 'tab':
        if (deleted === 0) text += ' ';
        break;
      case 'br':
      case 'cr':
        if (deleted === 0) text += '\n';
        break;
      case 'noBreakHyphen':
        if (deleted === 0) text += '-';
        break;
    }
  });
  p.on('text', (t) => {
    if (inText) text += t;
  });
  p.on('closetag', (tag) => {
    switch (localName(tag.name)) {
      case 't':
        inText = false;
        break;
      case 'del':
        deleted--;
        break;
      case 'p': {
        const para = text.replace(/[ \t\u00a0]+/g, ' ').trim();
        text = '';
        if (cell) cell.paragraphs.push(para);
        else if (depth === 0) {
          paragraphs.push(para);
          sinceTable.push(para);
        }
        break;
      }
      case 'tc':
        if (depth === 1 && cell && row) row.cells.push(cell);
        if (depth === 1) cell = undefined;
        break;
      case 'tr':
        if (depth === 1 && row && table) table.rows.push(row);
        if (depth === 1) row = undefined;
        break;
      case 'tbl':
        if (depth === 1 && table) {
          tables.push(table);
          sinceTable = [];
          table = undefined;
        }
        depth--;
        break;
    }
  });
  p.write(xml).close();
  return { tables, paragraphs: paragraphs.filter(Boolean) };
}

/** One Word table → one sheet: columns by the table grid (spans counted), merges as ranges. */
function tableSheet(t: WordTable, name: string, stringLength: number): GridSheet {
  const sheet = new GridSheet(name);
  interface Merge {
    row: number;
    col: number;
    span: number;
    lastRow: number;
  }
  const merges: Merge[] = [];
  /** The vertical merge open in each column (by its first column). */
  const open = new Map<number, Merge>();
  t.rows.forEach((r, i) => {
    const rowNo = i + 1;
    let col = 1 + r.gridBefore;
    let prev: Merge | undefined;
    for (const c of r.cells) {
      if (c.hContinue && prev) {
        prev.span += c.span;
        col += c.span;
        continue;
      }
      const text = c.paragraphs.filter(Boolean).join('\n').trim().slice(0, stringLength);
      if (c.vMerge === 'continue' && open.get(col)) {
        const m = open.get(col)!;
        m.lastRow = rowNo;
        prev = m;
        col += c.span;
        continue;
      }
      const m: Merge = { row: rowNo, col, span: c.span, lastRow: rowNo };
      merges.push(m);
      if (c.vMerge === 'restart') open.set(col, m);
      else open.delete(col);
      if (text) sheet.set(rowNo, col, { t: 'text', s: text });
      prev = m;
      col += c.span;
    }
  });
  for (const m of merges) {
    if (m.span === 1 && m.lastRow === m.row) continue;
    const range = `${cellAddress(m.row, m.col)}:${cellAddress(m.lastRow, m.col + m.span - 1)}`;
    const master = sheet.get(m.row, m.col);
    sheet.set(m.row, m.col, master?.v ?? { t: 'empty' }, { merged: { role: 'master', range } });
    for (let r = m.row; r <= m.lastRow; r++)
      for (let c = m.col; c < m.col + m.span; c++)
        if (r !== m.row || c !== m.col) sheet.set(r, c, { t: 'empty' }, { merged: { role: 'child', range } });
  }
  return sheet;
}
