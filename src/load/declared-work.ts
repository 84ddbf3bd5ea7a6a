/**
 * What a worksheet part declares, counted in the one pass the zip guard makes over its inflated
 * bytes: rows and cells, and the work its declarations ask of a reader — every cell of a merged
 * range (exceljs makes a cell object for each) and every column of a `<col>` range (exceljs makes
 * a column object for each). A single element can declare billions (`A1:XFD1048576`), so these
 * are counted before either reader runs. Cell references past XFD1048576 are noted: no program
 * writes them, and both readers would size their work by them.
 */

/** Excel's grid: XFD columns, 1,048,576 rows. */
export const LAST_COLUMN = 16_384;
export const LAST_ROW = 1_048_576;

/** A tag whose end has not been seen after this many bytes is not a tag any program writes. */
const MAX_TAG = 1 << 20;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Tag names whose attributes are read (ASCII, without a namespace prefix). */
const MERGE = Buffer.from('mergeCell');

/** The counts of one worksheet part. */
export interface SheetCounts {
  rows: number;
  cells: number;
  /** Merged cells and columns of `<col>` ranges. */
  declared: number;
  /** The first cell reference past the grid, as written. */
  pastGrid?: string;
  /** A tag longer than a megabyte (its attributes were not read). */
  longTag?: boolean;
}

/**
 * Counts a worksheet part's rows, cells and declarations chunk by chunk; a tag cut by a chunk
 * border is carried to the next chunk (whole tags only, at most a megabyte).
 */
export class SheetScan implements SheetCounts {
  rows = 0;
  cells = 0;
  declared = 0;
  pastGrid?: string;
  longTag?: boolean;
  private carry: Buffer | undefined;

  /**
   * Counts the tags in `chunk` (after what was carried from the previous chunk). A loop over the
   * bytes, like the count it replaced: this runs over every byte of every sheet.
   */
  scan(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    const n = buf.length;
    for (let i = 0; i < n; i++) {
      if (buf[i] !== LT) continue;
      let j = i + 1;
      let b = buf[j];
      if (b === SLASH || b === 0x3f /* ? */ || b === 0x21 /* ! */) continue;
      // The usual cell, `<c r="A1" …`: its reference read straight from the bytes.
      if (b === 0x63 && buf[j + 1] === 0x20 && buf[j + 2] === 0x72 && buf[j + 3] === 0x3d && buf[j + 4] === QUOTE) {
        const end = this.cellRef(buf, j + 5);
        if (end < 0) {
          this.keep(buf, i);
          return;
        }
        this.cells++;
        i = end;
        continue;
      }
      // The tag's name, after a namespace prefix if there is one ("x:c").
      let nameEnd = j;
      while (
        nameEnd < n &&
        !isSpace(buf[nameEnd]) &&
        buf[nameEnd] !== GT &&
        buf[nameEnd] !== SLASH &&
        buf[nameEnd] !== LT
      ) {
        if (buf[nameEnd] === 0x3a /* : */) j = nameEnd + 1;
        nameEnd++;
      }
      if (nameEnd >= n) {
        // The name runs into the next chunk.
        this.keep(buf, i);
        return;
      }
      // "<<c>" or "<c<row>": no tag starts here (the next "<" may start one), so nothing is counted twice.
      if (buf[nameEnd] === LT) continue;
      const len = nameEnd - j;
      b = buf[j];
      if (len === 1 && b === 0x63 /* c */) {
        if (buf[nameEnd] === GT || buf[nameEnd] === SLASH) {
          this.cells++;
          continue;
        }
        const end = tagEnd(buf, nameEnd);
        if (end < 0) {
          this.keep(buf, i);
          return;
        }
        this.cells++;
        const at = attributeAt(buf, nameEnd, end, R);
        if (at >= 0) this.cellRef(buf, at);
        i = end;
      } else if (len === 3 && b === 0x72 /* r */ && buf[j + 1] === 0x6f && buf[j + 2] === 0x77) {
        this.rows++;
      } else if (
        (len === 3 && b === 0x63 && buf[j + 1] === 0x6f && buf[j + 2] === 0x6c) ||
        (len === 9 && b === 0x6d && buf.compare(MERGE, 0, 9, j, nameEnd) === 0)
      ) {
        const end = tagEnd(buf, nameEnd);
        if (end < 0) {
          this.keep(buf, i);
          return;
        }
        if (len === 3) this.countColumns(buf, nameEnd, end);
        else this.countMerge(buf, nameEnd, end);
        i = end;
      }
    }
  }

  /** Carries `buf` from `at` to the next chunk, unless the tag is already too long to be real. */
  private keep(buf: Buffer, at: number): void {
    if (buf.length - at > MAX_TAG) this.longTag = true;
    else this.carry = Buffer.from(buf.subarray(at));
  }

  /**
   * Reads the cell reference that starts at `at` (its letters and digits, from the bytes) and notes
   * it when it is past the grid. Returns where it ends, or -1 when it runs past the end of `buf`.
   */
  private cellRef(buf: Buffer, at: number): number {
    const n = buf.length;
    let i = at;
    if (buf[i] === 0x24 /* $ */) i++;
    let col = 0;
    for (let b = buf[i]!; (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a); b = buf[++i]!)
      col = col * 26 + ((b & 0xdf) - 64);
    if (buf[i] === 0x24) i++;
    let row = 0;
    for (let b = buf[i]!; b >= 0x30 && b <= 0x39; b = buf[++i]!) row = row * 10 + (b - 0x30);
    if (i >= n) return -1;
    if ((col > LAST_COLUMN || row > LAST_ROW) && this.pastGrid === undefined)
      this.pastGrid = buf.toString('latin1', at, Math.min(i, at + 40));
    return i;
  }

  private countColumns(buf: Buffer, from: number, to: number): void {
    const min = Number(attribute(buf, from, to, 'min') ?? NaN);
    const max = Number(attribute(buf, from, to, 'max') ?? NaN);
    if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return;
    if (max > LAST_COLUMN && this.pastGrid === undefined) this.pastGrid = `<col max="${String(max).slice(0, 20)}">`;
    this.declared += max - Math.max(1, min) + 1;
  }

  private countMerge(buf: Buffer, from: number, to: number): void {
    const ref = attribute(buf, from, to, 'ref');
    if (ref !== undefined) this.declared += rangeArea(ref);
  }
}

const R = Buffer.from('r');

/**
 * The `>` that ends the tag whose attributes start at `from` (a `>` may stand in a quoted value);
 * -1 when not in `buf`. A `<` cannot be in a tag, quoted or not: the tag is broken and ends before it.
 */
function tagEnd(buf: Buffer, from: number): number {
  let quote = 0;
  for (let i = from; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === LT) return i - 1;
    if (quote) {
      if (b === quote) quote = 0;
    } else if (b === GT) return i;
    else if (b === QUOTE || b === APOS) quote = b;
  }
  return -1;
}

/**
 * Where the value of attribute `name` starts in the tag bytes `from`..`to` (a name without
 * prefix), or -1 when the tag does not have it. Compares bytes: this runs for every cell.
 */
function attributeAt(buf: Buffer, from: number, to: number, name: Buffer): number {
  const want = name.length;
  let i = from;
  while (i < to) {
    while (i < to && isSpace(buf[i])) i++;
    const start = i;
    while (i < to && buf[i] !== 0x3d /* = */ && !isSpace(buf[i])) i++;
    const nameEnd = i;
    while (i < to && isSpace(buf[i])) i++;
    if (buf[i] !== 0x3d) return -1;
    i++;
    while (i < to && isSpace(buf[i])) i++;
    const q = buf[i];
    if (q !== QUOTE && q !== APOS) return -1;
    const close = buf.indexOf(q, i + 1);
    if (close < 0 || close > to) return -1;
    if (nameEnd - start === want && buf.compare(name, 0, want, start, nameEnd) === 0) return i + 1;
    i = close + 1;
  }
  return -1;
}

/** The value of attribute `name` (ASCII) in the tag bytes `from`..`to`; undefined when it has none. */
function attribute(buf: Buffer, from: number, to: number, name: string): string | undefined {
  const at = attributeAt(buf, from, to, Buffer.from(name));
  return at < 0 ? undefined : buf.toString('latin1', at, buf.indexOf(buf[at - 1]!, at));
}

function columnNumber(letters: string): number {
  if (letters.length > 8) return Infinity;
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

/**
 * Cells of one range or a space-separated list of ranges ("A1:B2", "C:C", "3:5", "A1:B2 D4"),
 * each clipped to the grid (a reader does not go past it). Parts it cannot read count nothing.
 */
export function rangeArea(list: string): number {
  let total = 0;
  for (const range of list.trim().split(/\s+/)) {
    const [a = '', b = a] = range.split(':');
    const p = corner(a);
    const q = corner(b);
    if (!p || !q) continue;
    // "C:C" spans every row, "3:5" every column.
    const rows =
      p.row === undefined || q.row === undefined ? LAST_ROW : Math.min(Math.abs(q.row - p.row) + 1, LAST_ROW);
    const cols =
      p.col === undefined || q.col === undefined ? LAST_COLUMN : Math.min(Math.abs(q.col - p.col) + 1, LAST_COLUMN);
    total += rows * cols;
  }
  return total;
}

/** One end of a range: a cell, a column ("C") or a row ("3"). */
function corner(s: string): { row: number | undefined; col: number | undefined } | undefined {
  const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(s);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  return {
    col: m[1] === '' ? undefined : columnNumber(m[1]!),
    row: m[2] === '' ? undefined : m[2]!.length > 12 ? Infinity : Number(m[2]),
  };
}

const RELATIONSHIP = /<(?:[\w.-]+:)?Relationship\b([^>]*)>/g;
const SHEET = /<(?:[\w.-]+:)?sheet\b([^>]*)>/g;
const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The attributes of a tag's text, entities decoded (the five XML ones). */
function attributesOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE))
    out.set(
      m[1]!,
      (m[2] ?? m[3] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!),
    );
  return out;
}

/**
 * How many sheets of the workbook list each part (part name → count), from `xl/workbook.xml`
 * and its relationships, resolved as the readers resolve them. Read with regular expressions:
 * two small parts per workbook, where an XML parser costs more than the rest of the guard.
 */
export function sheetReferences(workbook: Buffer | undefined, rels: Buffer | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!workbook || !rels) return out;
  const local = (name: string): string => name.slice(name.indexOf(':') + 1);
  const targets = new Map<string, string>();
  for (const m of rels.toString('utf8').matchAll(RELATIONSHIP)) {
    const a = attributesOf(m[1]!);
    const target = a.get('Target') ?? '';
    targets.set(a.get('Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of workbook.toString('utf8').matchAll(SHEET)) {
    for (const [k, v] of attributesOf(m[1]!)) {
      if (local(k) !== 'id' || k === 'sheetId') continue;
      const part = targets.get(v);
      if (part !== undefined) out.set(part, (out.get(part) ?? 0) + 1);
    }
  }
  return out;
}
