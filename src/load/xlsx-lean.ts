/**
 * A lean reader for the plain workbook: the XML parts the zip guard already inflated go through
 * saxes (the XML parser exceljs itself uses) straight into the neutral grid, without exceljs's full
 * document model — about ten times less work per workbook. It gives exactly what `readXlsxSheets`
 * gives (a test compares both on every fixture) and declines (returns undefined) on what it does
 * not handle the same way, shared formulas and unusual cell types, so the caller falls back to exceljs.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { cellAddress, parseCellAddress } from '../findings/finding.js';
import { GridSheet, type CellValue, type SheetState } from './grid.js';
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

const NO_EXTRA = Object.freeze({});

function parse(xml: string, on: { open?: (t: SaxesTagPlain) => void; text?: (s: string) => void; close?: (name: string) => void }): void {
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
  opts: { stringLength?: number; onLong?: (at: { sheet: string; row: number; column: number; cell: string }, length: number) => void } = {},
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
      sheetDefs.push({ name: String(t.attributes.name ?? ''), state: String(t.attributes.state ?? 'visible'), id: Number(t.attributes.sheetId ?? 0), part });
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
      styleCache.set(s, (st = { fmt: f !== undefined && /%/.test(f.replace(/"[^"]*"/g, '')) ? '%' : undefined, date: isDateFmt(f) }));
    }
    return st;
  };
  const maxText = opts.stringLength ?? Infinity;
  const out: GridSheet[] = [];
  for (const def of sheetDefs) {
    const xml = text(def.part);
    if (xml === undefined) throw new Decline();
    const state = def.state === 'hidden' || def.state === 'veryHidden' ? (def.state as SheetState) : 'visible';
    const sheet = new GridSheet(def.name, state);
    const key = (r: number, k: number): number => r * 16_385 + k;
    const cells = new Map<number, { row: number; col: number; v: CellValue; formula?: string }>();
    let inOrder = true;
    let lastKey = -1;
    const hiddenCols: [number, number][] = [];
    const hiddenRows: number[] = [];
    const merges: string[] = [];
    let maxCol = 0;
    let row = 0;
    let c: { ref: string; t: string; s: number; value?: string; formula?: string; hasF: boolean; inline: string } | undefined;
    let node: 'v' | 'f' | 't' | undefined;
    let inIs = false;
    let inPh = 0;
    parse(xml, {
      open: (t) => {
        const n = localName(t.name);
        switch (n) {
          case 'row':
            row = Number(t.attributes.r ?? row + 1);
            if (['1', 'true'].includes(String(t.attributes.hidden ?? ''))) hiddenRows.push(row);
            return;
          case 'col':
            if (['1', 'true'].includes(String(t.attributes.hidden ?? ''))) hiddenCols.push([Number(t.attributes.min), Number(t.attributes.max)]);
            return;
          case 'mergeCell':
            merges.push(String(t.attributes.ref ?? ''));
            return;
          case 'c': {
            const ref = String(t.attributes.r ?? '');
            c = { ref, t: String(t.attributes.t ?? 'n'), s: Number(t.attributes.s ?? 0), hasF: false, inline: '' };
            return;
          }
          case 'f':
            if (!c) return;
            if (t.attributes.t === 'shared') throw new Decline();
            c.hasF = true;
            node = 'f';
            return;
          case 'v':
            node = 'v';
            return;
          case 'is':
            inIs = true;
            return;
          case 'rPh':
            inPh++;
            return;
          case 't':
            if (inIs && !inPh) node = 't';
            return;
          default:
            return;
        }
      },
      text: (s) => {
        if (!c || node === undefined) return;
        if (node === 'f') c.formula = (c.formula ?? '') + s;
        else if (node === 'v') c.value = (c.value ?? '') + s;
        else c.inline += s;
      },
      close: (name) => {
        const n = localName(name);
        if (n === 'v' || n === 'f' || n === 't') node = undefined;
        else if (n === 'is') {
          inIs = false;
          if (c) c.value = (c.value ?? '') + c.inline;
        } else if (n === 'rPh') inPh--;
        else if (n === 'c' && c) {
          if (c.hasF && c.formula === undefined) c.hasF = false;
          const pos = parseCellAddress(c.ref);
          if (!pos) throw new Decline();
          if (pos.col > maxCol) maxCol = pos.col;
          const cell = cellOf(c, pos, styleOf(c.s), strings, date1904);
          if (cell) {
            const k = key(pos.row, pos.col);
            if (k <= lastKey) inOrder = false;
            lastKey = k;
            cells.set(k, cell);
          }
          c = undefined;
        }
      },
    });

    // Merged ranges: every cell of the range carries the master's value, as exceljs gives it.
    const mergedAt = new Map<string, { role: 'master' | 'child'; range: string }>();
    for (const range of merges) {
      const [a, b = a] = range.split(':');
      const p = parseCellAddress(a ?? '');
      const q = parseCellAddress(b ?? '');
      if (!p || !q) continue;
      if (q.col > maxCol) maxCol = q.col;
      if ((q.row - p.row + 1) * (q.col - p.col + 1) > 10_000) continue;
      const master = cells.get(key(p.row, p.col));
      for (let r = p.row; r <= q.row; r++)
        for (let k = p.col; k <= q.col; k++) {
          const address = cellAddress(r, k);
          const isMaster = r === p.row && k === p.col;
          mergedAt.set(address, { role: isMaster ? 'master' : 'child', range });
          if (!isMaster) {
            inOrder = false;
            if (master) cells.set(key(r, k), { ...master, row: r, col: k });
            else cells.delete(key(r, k));
          }
        }
    }
    const ordered = inOrder ? [...cells.values()] : [...cells.values()].sort((x, y) => x.row - y.row || x.col - y.col);
    for (const cell of ordered) {
      let v = cell.v;
      if (v.t === 'text' && v.s.length > maxText) {
        opts.onLong?.({ sheet: def.name, row: cell.row, column: cell.col, cell: cellAddress(cell.row, cell.col) }, v.s.length);
        v = { t: 'text', s: v.s.slice(0, maxText) };
      }
      const merged = mergedAt.size > 0 ? mergedAt.get(cellAddress(cell.row, cell.col)) : undefined;
      if (v.t === 'empty' && !merged) continue;
      sheet.set(cell.row, cell.col, v, cell.formula === undefined && !merged ? NO_EXTRA : { ...(cell.formula !== undefined ? { formula: cell.formula } : {}), ...(merged ? { merged } : {}) });
    }
    for (const [address, m] of [...mergedAt].sort()) {
      const pos = parseCellAddress(address)!;
      if (!sheet.get(pos.row, pos.col)) sheet.set(pos.row, pos.col, { t: 'empty' }, { merged: m });
    }
    // exceljs sees a row (and its hidden flag) only when it has a value or a merged cell.
    for (const r of hiddenRows) if (sheet.rows.has(r)) sheet.hiddenRows.add(r);
    for (const [min, max] of hiddenCols) for (let k = min; k <= Math.min(max, maxCol); k++) sheet.hiddenCols.add(k);
    out.push(sheet);
  }
  return out;
}

/** One cell's value, as exceljs would give it and `normalise` turn it. Undefined for an empty cell. */
function cellOf(
  c: { t: string; s: number; value?: string; formula?: string; hasF: boolean },
  pos: { row: number; col: number },
  style: { fmt: string | undefined; date: boolean },
  strings: readonly string[],
  date1904: boolean,
): { row: number; col: number; v: CellValue; formula?: string } | undefined {
  const fmt = style.fmt;
  // The plain cells (shared string, number without a date format, no formula) are most of a
  // workbook: build them directly, as `normalise` would.
  if (!c.hasF && c.value !== undefined) {
    if (c.t === 's') {
      const s = strings[parseInt(c.value, 10)];
      if (s === undefined) throw new Decline();
      return { row: pos.row, col: pos.col, v: { t: 'text', s } };
    }
    if (c.t === 'n' && !style.date) {
      const n = parseFloat(c.value);
      return { row: pos.row, col: pos.col, v: Number.isFinite(n) ? { t: 'number', n, percentFormat: fmt === '%' } : { t: 'error', e: '#NUM!' } };
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
  if (c.hasF) {
    let result: unknown;
    if (c.value) {
      if (c.t === 'str') result = c.value;
      else if (c.t === 'b') result = parseInt(c.value, 10) !== 0;
      else if (c.t === 'e') result = { error: c.value };
      else if (c.t === 'n') result = asNumber(c.value);
      else throw new Decline();
    }
    raw = { formula: c.formula ?? '', result };
  } else if (c.value !== undefined) {
    switch (c.t) {
      case 's': {
        const s = strings[parseInt(c.value, 10)];
        if (s === undefined) throw new Decline();
        raw = s;
        break;
      }
      case 'str':
      case 'inlineStr':
        raw = c.value;
        break;
      case 'b':
        raw = parseInt(c.value, 10) !== 0;
        break;
      case 'e':
        raw = { error: c.value };
        break;
      case 'n':
        raw = asNumber(c.value);
        break;
      default:
        throw new Decline();
    }
  } else return undefined;
  const n = normalise(raw, fmt);
  return { ...pos, v: n.v, ...(n.formula !== undefined ? { formula: n.formula } : {}) };
}
