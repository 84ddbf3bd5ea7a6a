/**
 * A lean reader for the plain workbook: the XML parts the zip guard already inflated go through
 * saxes (the XML parser exceljs itself uses) straight into the neutral grid, without exceljs's full
 * document model — about ten times less work per workbook. It gives exactly what `readXlsxSheets`
 * gives (a test compares both on every fixture) and declines (returns undefined) on what it does
 * not handle the same way, shared formulas and unusual cell types, so the caller falls back to exceljs.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { cellAddress, parseCellAddress } from '../findings/finding.js';
import { GridSheet, type GridCell, type SheetState } from './grid.js';
import { normalise } from './xlsx.js';

/** Built-in number formats that matter here: percentages and dates (ECMA-376 §18.8.30). */
const BUILTIN_FORMATS: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

class Decline extends Error {}

function parse(
  xml: string,
  on: { open?: (t: SaxesTagPlain) => void; text?: (s: string) => void; close?: (name: string) => void },
): void {
  const p = new SaxesParser({ xmlns: false, position: false });
  if (on.open) p.on('opentag', on.open);
  if (on.text) p.on('text', on.text);
  if (on.close) p.on('closetag', (t) => on.close!(t.name));
  p.write(xml).close();
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Date formats as exceljs tells them: date letters outside quotes and brackets. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelToIso(v: number, date1904: boolean): string | undefined {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

/**
 * Reads the sheets from inflated parts (name → bytes). Undefined when the workbook is not the
 * plain case or its XML does not parse: the caller then uses exceljs, which reads it or reports it.
 */
export function readXlsxLean(
  parts: ReadonlyMap<string, Buffer>,
  opts: {
    stringLength?: number;
    onLong?: (at: { sheet: string; row: number; column: number; cell: string }, length: number) => void;
  } = {},
): GridSheet[] | undefined {
  try {
    return read(parts, opts);
  } catch {
    // Not the plain case, or XML it cannot parse: exceljs reads it, or reports it damaged.
    return undefined;
  }
}

function read(parts: ReadonlyMap<string, Buffer>, opts: Parameters<typeof readXlsxLean>[1] = {}): GridSheet[] {
  const text = (name: string): string | undefined => parts.get(name)?.toString('utf8');
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new Decline();

  const targets = new Map<string, string>();
  parse(rels, {
    open: (t) => {
      if (localName(t.name) !== 'Relationship') return;
      const target = String(t.attributes.Target ?? '');
      targets.set(String(t.attributes.Id ?? ''), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    },
  });
  const sheetDefs: { name: string; state: string; id: number; part: string }[] = [];
  let date1904 = false;
  parse(workbook, {
    open: (t) => {
      const n = localName(t.name);
      if (n === 'workbookPr') date1904 = ['1', 'true'].includes(String(t.attributes.date1904 ?? ''));
      if (n !== 'sheet') return;
      const rid = Object.entries(t.attributes).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1];
      const part = targets.get(String(rid ?? ''));
      if (!part) throw new Decline();
      sheetDefs.push({
        name: String(t.attributes.name ?? ''),
        state: String(t.attributes.state ?? 'visible'),
        id: Number(t.attributes.sheetId ?? 0),
        part,
      });
    },
  });
  // exceljs lists sheets by sheet id.
  sheetDefs.sort((a, b) => a.id - b.id);

  // Shared strings: plain or rich text; phonetic runs are not text.
  const strings: string[] = [];
  const sst = text('xl/sharedStrings.xml');
  if (sst) {
    let cur: string | undefined;
    let inT = false;
    let inPh = 0;
    parse(sst, {
      open: (t) => {
        const n = localName(t.name);
        if (n === 'si') cur = '';
        else if (n === 'rPh') inPh++;
        else if (n === 't' && !inPh) inT = true;
      },
      text: (s) => {
        if (inT && cur !== undefined) cur += s;
      },
      close: (name) => {
        const n = localName(name);
        if (n === 't') inT = false;
        else if (n === 'rPh') inPh--;
        else if (n === 'si') {
          strings.push(cur ?? '');
          cur = undefined;
        }
      },
    });
  }

  // Styles: the number format of each cell style.
  const customFormats = new Map<number, string>();
  const xfFormats: (string | undefined)[] = [];
  const styles = text('xl/styles.xml');
  if (styles) {
    let inXfs = false;
    parse(styles, {
      open: (t) => {
        const n = localName(t.name);
        if (n === 'numFmt') customFormats.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''));
        else if (n === 'cellXfs') inXfs = true;
        else if (n === 'xf' && inXfs) {
          const id = Number(t.attributes.numFmtId ?? 0);
          xfFormats.push(customFormats.get(id) ?? BUILTIN_FORMATS[id]);
        }
      },
      close: (name) => {
        if (localName(name) === 'cellXfs') inXfs = false;
      },
    });
  }

  // Per cell style, once: the format as `normalise` needs it ("%" stands for any percent format).
  const styleCache = new Map<number, { fmt: string | undefined; date: boolean }>();
  const styleOf = (s: number): { fmt: string | undefined; date: boolean } => {
    let st = styleCache.get(s);
    if (!st) {
      const f = xfFormats[s];
      styleCache.set(
        s,
        (st = { fmt: f !== undefined && /%/.test(f.replace(/"[^"]*"/g, '')) ? '%' : undefined, date: isDateFmt(f) }),
      );
    }
    return st;
  };
  const maxText = opts.stringLength ?? Infinity;
  const out: GridSheet[] = [];
  for (const def of sheetDefs) {
    const xml = text(def.part);
    if (xml === undefined) throw new Decline();
    const state = def.state === 'hidden' || def.state === 'veryHidden' ? (def.state as SheetState) : 'visible';
    out.push(
      readSheet(xml, new GridSheet(def.name, state), { styleOf, strings, date1904, maxText, onLong: opts.onLong }),
    );
  }
  return out;
}

const TRUE_FLAG = (v: string | undefined): boolean => v === '1' || v === 'true';

/** Row and column of the last reference `readRef` read: one per sheet read, reused for every cell. */
interface RefPlace {
  row: number;
  col: number;
}

/**
 * Reads a cell reference as `parseCellAddress` does, without a regular expression or a new object:
 * sets `at.row` and `at.col`, and returns 1 when `ref` is already the address `cellAddress`
 * would write, 2 when it is another spelling of one ("$A$1", "A01"), 0 when it is not a reference.
 */
function readRef(ref: string, at: RefPlace): 0 | 1 | 2 {
  const n = ref.length;
  if (n > 16) {
    const pos = parseCellAddress(ref);
    if (!pos) return 0;
    at.row = pos.row;
    at.col = pos.col;
    return 2;
  }
  let i = 0;
  let plain = true;
  if (ref.charCodeAt(0) === 36) {
    i++;
    plain = false;
  }
  const letters = i;
  let col = 0;
  for (let ch = ref.charCodeAt(i); ch >= 65 && ch <= 90; ch = ref.charCodeAt(++i)) col = col * 26 + (ch - 64);
  if (i === letters) return 0;
  if (ref.charCodeAt(i) === 36) {
    i++;
    plain = false;
  }
  const digits = i;
  let row = 0;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return 0;
    row = row * 10 + (ch - 48);
  }
  if (i === digits) return 0;
  if (ref.charCodeAt(digits) === 48) plain = false;
  at.row = row;
  at.col = col;
  return plain ? 1 : 2;
}

interface SheetContext {
  styleOf: (s: number) => { fmt: string | undefined; date: boolean };
  strings: readonly string[];
  date1904: boolean;
  maxText: number;
  onLong: ((at: { sheet: string; row: number; column: number; cell: string }, length: number) => void) | undefined;
}

/** A cell's place as one number, in reading order (row by row, a row's columns below 16,385). */
function cellKey(row: number, col: number): number {
  return row * 16_385 + col;
}

/** One worksheet's XML into `sheet`. Throws Decline for what exceljs must read. */
function readSheet(xml: string, sheet: GridSheet, cx: SheetContext): GridSheet {
  const name = sheet.name!;
  const cells: GridCell[] = [];
  let inOrder = true;
  let lastKey = -1;
  const hiddenCols: [number, number][] = [];
  const hiddenRows: number[] = [];
  const merges: string[] = [];
  let maxCol = 0;
  let row = 0;
  // The cell being read: its attributes and the text of its <v>, <f> and inline <is>.
  let inCell = false;
  let ref = '';
  let type = 'n';
  let style = 0;
  let value: string | undefined;
  let formula: string | undefined;
  let hasF = false;
  let inline = '';
  let node: 0 | 1 | 2 | 3 = 0; // none, v, f, inline t
  let inIs = false;
  let inPh = 0;
  const place: RefPlace = { row: 0, col: 0 };
  const open = (local: string, a: Record<string, string>): void => {
    switch (local) {
      case 'c':
        inCell = true;
        ref = a.r ?? '';
        type = a.t ?? 'n';
        style = a.s === undefined ? 0 : Number(a.s);
        value = formula = undefined;
        hasF = false;
        inline = '';
        return;
      case 'v':
        node = 1;
        return;
      case 'row':
        row = Number(a.r ?? row + 1);
        if (TRUE_FLAG(a.hidden)) hiddenRows.push(row);
        return;
      case 'f':
        if (!inCell) return;
        if (a.t === 'shared') throw new Decline();
        hasF = true;
        node = 2;
        return;
      case 'col':
        if (TRUE_FLAG(a.hidden)) hiddenCols.push([Number(a.min), Number(a.max)]);
        return;
      case 'mergeCell':
        merges.push(a.ref ?? '');
        return;
      case 'is':
        inIs = true;
        return;
      case 'rPh':
        inPh++;
        return;
      case 't':
        if (inIs && !inPh) node = 3;
        return;
      default:
        return;
    }
  };
  const close = (local: string): void => {
    switch (local) {
      case 'v':
      case 'f':
      case 't':
        node = 0;
        return;
      case 'is':
        inIs = false;
        if (inCell) value = (value ?? '') + inline;
        return;
      case 'rPh':
        inPh--;
        return;
      case 'c': {
        if (!inCell) return;
        inCell = false;
        if (hasF && formula === undefined) hasF = false;
        const spelled = readRef(ref, place);
        if (spelled === 0) throw new Decline();
        const r = place.row;
        const k = place.col;
        if (k > maxCol) maxCol = k;
        const cell = cellOf(
          type,
          hasF,
          value,
          formula,
          r,
          k,
          spelled === 1 ? ref : cellAddress(r, k),
          cx.styleOf(style),
          cx.strings,
          cx.date1904,
        );
        if (cell) {
          const key = cellKey(r, k);
          if (key <= lastKey) inOrder = false;
          lastKey = key;
          cells.push(cell);
        }
        return;
      }
      default:
        return;
    }
  };
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on('opentag', (t: SaxesTagPlain) => {
    const n = t.name;
    open(n.indexOf(':') < 0 ? n : localName(n), t.attributes as Record<string, string>);
  });
  p.on('text', (s: string) => {
    if (!inCell || node === 0) return;
    if (node === 1) value = value === undefined ? s : value + s;
    else if (node === 2) formula = formula === undefined ? s : formula + s;
    else inline += s;
  });
  p.on('closetag', (t: SaxesTagPlain) => {
    const n = t.name;
    close(n.indexOf(':') < 0 ? n : localName(n));
  });
  p.write(xml).close();

  const long = (cell: GridCell): void => {
    const v = cell.v;
    if (v.t === 'text' && v.s.length > cx.maxText) {
      cx.onLong?.({ sheet: name, row: cell.row, column: cell.col, cell: cell.address }, v.s.length);
      cell.v = { t: 'text', s: v.s.slice(0, cx.maxText) };
    }
  };
  if (inOrder && merges.length === 0) {
    // The usual sheet: cells in order, nothing merged; they go in as they are.
    for (const cell of cells) {
      long(cell);
      if (cell.v.t !== 'empty') sheet.put(cell);
    }
  } else {
    const byKey = new Map<number, GridCell>();
    for (const cell of cells) byKey.set(cellKey(cell.row, cell.col), cell);
    // Merged ranges: every cell of the range carries the master's value, as exceljs gives it.
    const mergedAt = new Map<string, { role: 'master' | 'child'; range: string }>();
    for (const range of merges) {
      const [a, b = a] = range.split(':');
      const p = parseCellAddress(a ?? '');
      const q = parseCellAddress(b ?? '');
      if (!p || !q) continue;
      if (q.col > maxCol) maxCol = q.col;
      if ((q.row - p.row + 1) * (q.col - p.col + 1) > 10_000) continue;
      const master = byKey.get(cellKey(p.row, p.col));
      for (let r = p.row; r <= q.row; r++)
        for (let k = p.col; k <= q.col; k++) {
          const address = cellAddress(r, k);
          const isMaster = r === p.row && k === p.col;
          mergedAt.set(address, { role: isMaster ? 'master' : 'child', range });
          if (!isMaster) {
            if (master) {
              const copy: GridCell = { row: r, col: k, address, v: master.v };
              if (master.formula !== undefined) copy.formula = master.formula;
              byKey.set(cellKey(r, k), copy);
            } else byKey.delete(cellKey(r, k));
          }
        }
    }
    const ordered = [...byKey.values()].sort((x, y) => x.row - y.row || x.col - y.col);
    for (const cell of ordered) {
      long(cell);
      const merged = mergedAt.get(cell.address);
      if (cell.v.t === 'empty' && !merged) continue;
      if (merged) cell.merged = merged;
      sheet.put(cell);
    }
    for (const [address, m] of [...mergedAt].sort()) {
      const pos = parseCellAddress(address)!;
      if (!sheet.get(pos.row, pos.col)) sheet.set(pos.row, pos.col, { t: 'empty' }, { merged: m });
    }
  }
  // exceljs sees a row (and its hidden flag) only when it has a value or a merged cell.
  for (const r of hiddenRows) if (sheet.rows.has(r)) sheet.hiddenRows.add(r);
  for (const [min, max] of hiddenCols) for (let k = min; k <= Math.min(max, maxCol); k++) sheet.hiddenCols.add(k);
  return sheet;
}

/** One cell, as exceljs would give it and `normalise` turn it. Undefined for an empty cell. */
function cellOf(
  type: string,
  hasF: boolean,
  value: string | undefined,
  formula: string | undefined,
  row: number,
  col: number,
  address: string,
  style: { fmt: string | undefined; date: boolean },
  strings: readonly string[],
  date1904: boolean,
): GridCell | undefined {
  const fmt = style.fmt;
  // The plain cells (shared string, number without a date format, no formula) are most of a
  // workbook: build them directly, as `normalise` would.
  if (!hasF && value !== undefined) {
    if (type === 's') {
      const s = strings[parseInt(value, 10)];
      if (s === undefined) throw new Decline();
      return { row, col, address, v: { t: 'text', s } };
    }
    if (type === 'n' && !style.date) {
      const n = parseFloat(value);
      return {
        row,
        col,
        address,
        v: Number.isFinite(n) ? { t: 'number', n, percentFormat: fmt === '%' } : { t: 'error', e: '#NUM!' },
      };
    }
  }
  const asNumber = (raw: string): unknown => {
    const n = parseFloat(raw);
    if (style.date && Number.isFinite(n)) {
      const iso = excelToIso(n, date1904);
      return iso === undefined ? new Date(NaN) : new Date(`${iso}T00:00:00Z`);
    }
    return n;
  };
  let raw: unknown;
  if (hasF) {
    let result: unknown;
    if (value) {
      if (type === 'str') result = value;
      else if (type === 'b') result = parseInt(value, 10) !== 0;
      else if (type === 'e') result = { error: value };
      else if (type === 'n') result = asNumber(value);
      else throw new Decline();
    }
    raw = { formula: formula ?? '', result };
  } else if (value !== undefined) {
    switch (type) {
      case 's': {
        const s = strings[parseInt(value, 10)];
        if (s === undefined) throw new Decline();
        raw = s;
        break;
      }
      case 'str':
      case 'inlineStr':
        raw = value;
        break;
      case 'b':
        raw = parseInt(value, 10) !== 0;
        break;
      case 'e':
        raw = { error: value };
        break;
      case 'n':
        raw = asNumber(value);
        break;
      default:
        throw new Decline();
    }
  } else return undefined;
  const n = normalise(raw, fmt);
  const cell: GridCell = { row, col, address, v: n.v };
  if (n.formula !== undefined) cell.formula = n.formula;
  return cell;
}
