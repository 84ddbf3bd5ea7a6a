/**
 * The header of a criteria table, found by meaning: each column's words (with or without
 * diacritics, on one header row or several — a caption merged across columns above, sub-headers
 * below) are matched against the ways decisions head their columns. Every other headed column is
 * reported as ignored, at its header cell.
 */
import { looseKey } from '../core/text.js';
import { parseCellAddress } from '../findings/finding.js';
import { valueText, type Grid, type GridCell, type GridSheet } from '../load/grid.js';

export type Column = 'code' | 'title' | 'max' | 'guidance' | 'source' | 'evidence';

/**
 * Header words by meaning, as loose keys (lower case, no diacritics): a column matches when its
 * header starts with one of them as whole words. Order matters: "điểm tự đánh giá" is not a
 * maximum, so the maximum's patterns name what follows "điểm".
 */
const MEANINGS: readonly [Column, RegExp][] = [
  ['code', /^(stt|tt|so tt|so thu tu|thu tu|ma|ma so|ma tieu chi|ky hieu|code|no\.?)$/],
  ['evidence', /^(tai lieu kiem chung|tai lieu|van ban kiem chung|ho so kiem chung|evidence)\b/],
  [
    'source',
    /^(phuong phap danh gia|phuong phap xac dinh|hinh thuc danh gia|nguon diem|phuong thuc danh gia|phuong thuc|source)\b/,
  ],
  [
    'guidance',
    /^(huong dan cham|huong dan|cach cham|cach tinh diem|cach thuc cham|phuong phap cham|phuong phap tinh diem|noi dung cham|yeu cau cham|guidance|scoring guidance)\b/,
  ],
  [
    'max',
    /^(diem toi da|diem chuan|thang diem|so diem toi da|diem so toi da|max|maximum|max points|maximum points)\b|^diem$|^diem (so|diem)$/,
  ],
  [
    'title',
    /^(linh vuc|noi dung|tieu chi|ten tieu chi|ten linh vuc|cac tieu chi|chi so|chi tieu|title|criteri(a|on))\b/,
  ],
];

/** The header texts people write, for the message when no table is found. */
export const REQUIRED_HEADERS = ['STT/Mã', 'Lĩnh vực/Nội dung/Tiêu chí', 'Điểm tối đa/Điểm chuẩn/Thang điểm'];

/** What a column's header means, or undefined. */
export function columnMeaning(header: string): Column | undefined {
  const k = looseKey(header).replace(/\s*[.:]$/, '');
  for (const [c, re] of MEANINGS) if (re.test(k)) return c;
  return undefined;
}

export interface HeaderColumn {
  col: number;
  /** The header as read, rows joined ("Điểm Tối đa"). */
  text: string;
  /** The cell people look at for it (the lowest header cell with text in the column). */
  row: number;
}

export interface LocatedHeader {
  sheet: GridSheet;
  /** First and last rows of the header. */
  firstRow: number;
  headerRow: number;
  columns: Partial<Record<Column, number>>;
  /** Headed columns with no meaning here (or a second column of a meaning already taken). */
  ignored: HeaderColumn[];
}

/** The best incomplete header seen, to say what is missing. */
export interface HeaderMiss {
  sheet: GridSheet;
  row: number;
  found: Column[];
}

/**
 * The header: the first rows (of the first 30, any visible sheet) whose columns, read down one to
 * three rows, name a title and a maximum. Undefined with the closest miss otherwise.
 */
export function locateHeader(grid: Pick<Grid, 'sheets'>): { header?: LocatedHeader; miss?: HeaderMiss } {
  let miss: HeaderMiss | undefined;
  for (const sheet of grid.sheets) {
    if (sheet.state !== 'visible') continue;
    const rows = sheet.rowNumbers().filter((r) => r <= 32);
    for (const first of rows) {
      if (first > 30) break;
      for (let depth = 1; depth <= 3; depth++) {
        let last = first + depth - 1;
        if (depth > 1 && !sheet.rows.has(last)) continue;
        // A header goes on down while merged cells reach into the next row or a caption has sub-headers under it.
        while (last < first + 2 && continuesHeader(sheet, first, last)) last++;
        const read = readHeader(sheet, first, last);
        const found = Object.keys(read.columns) as Column[];
        if (read.columns.title !== undefined && read.columns.max !== undefined)
          return { header: { sheet, firstRow: first, headerRow: last, ...read } };
        if (depth === 1 && found.length > (miss?.found.length ?? 0)) miss = { sheet, row: first, found };
      }
    }
  }
  return miss ? { miss } : {};
}

function readHeader(sheet: GridSheet, first: number, last: number): Pick<LocatedHeader, 'columns' | 'ignored'> {
  const columns: Partial<Record<Column, number>> = {};
  const ignored: HeaderColumn[] = [];
  for (const h of stackedHeaders(sheet, first, last)) {
    const c = columnMeaning(h.text);
    if (c !== undefined && columns[c] === undefined) columns[c] = h.col;
    else ignored.push(h);
  }
  return { columns, ignored };
}

/**
 * Whether row last+1 is still header: a merged cell from above reaches into it, or it holds sub-headers under a
 * caption.
 */
function continuesHeader(sheet: GridSheet, first: number, last: number): boolean {
  const next = sheet.rows.get(last + 1);
  if (!next) return false;
  for (const cell of next.values()) {
    if (cell.merged?.role !== 'child') continue;
    const m = parseCellAddress(cell.merged.range.split(':')[0]!);
    if (m && m.row >= first && m.row <= last) return true;
  }
  for (let r = first; r <= last; r++)
    for (const cell of sheet.rows.get(r)?.values() ?? []) {
      if (cell.merged?.role !== 'master') continue;
      const [a, b] = cell.merged.range.split(':').map((x) => parseCellAddress(x));
      if (!a || !b || a.col === b.col || b.row > last) continue;
      for (let c = a.col; c <= b.col; c++) {
        const t = clean(next.get(c));
        if (t && !/^\(?\d{1,2}\)?$/.test(t)) return true;
      }
    }
  return false;
}

/** Each column's header text over rows first..last: merged captions count for every column they span. */
function stackedHeaders(sheet: GridSheet, first: number, last: number): HeaderColumn[] {
  const byCol = new Map<number, { parts: string[]; row: number }>();
  for (let r = first; r <= last; r++) {
    const row = sheet.rows.get(r);
    if (!row) continue;
    for (const [c, cell] of row) {
      const text = headerText(sheet, cell, first);
      if (!text) continue;
      const entry = byCol.get(c) ?? { parts: [], row: r };
      if (entry.parts[entry.parts.length - 1] !== text) entry.parts.push(text);
      if (cell.merged?.role !== 'child') entry.row = r;
      byCol.set(c, entry);
    }
  }
  return [...byCol.entries()]
    .sort(([a], [b]) => a - b)
    .map(([col, e]) => ({ col, text: e.parts.join(' '), row: e.row }));
}

/** A header cell's text; a merged cell's other cells take the master's text when it spans across (not down). */
function headerText(sheet: GridSheet, cell: GridCell, first: number): string {
  if (cell.merged?.role === 'child') {
    const master = parseCellAddress(cell.merged.range.split(':')[0]!);
    if (!master || master.row !== cell.row || master.row < first) return '';
    return clean(sheet.get(master.row, master.col));
  }
  return clean(cell);
}

function clean(cell: GridCell | undefined): string {
  return cell ? valueText(cell.v).replace(/\s+/g, ' ').trim() : '';
}
