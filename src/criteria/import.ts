/**
 * `criteria import`: a criteria table as staff have it (the annex of a decision, in Excel, CSV or
 * Word) → a criteria set. Comes in: a neutral grid; goes out: the set, a map from each node to
 * its row, and findings at sheet and cell (table, row and column for Word) for what could not be
 * read or converted.
 *
 * The header is found by meaning (import-headers.ts). The tree comes from the numbering: roman
 * numerals or capital letters are fields; dotted numbers go a level down per part, counted from
 * the shortest in the table; letters (a, b, c) are children of the row above; without numbering,
 * rows in capitals are fields. A field without criteria is scored as one item; "-" lines and a
 * fourth level fold into their item's guidance (options, parts or text). Codes in the set are
 * given by position, so a criterion written "1" under field II becomes "2.1". Guidance in the
 * common phrasings becomes a rule where it is unambiguous (`ruleFromGuidance`, import-rules.ts);
 * the rest stays as text on a `points` item.
 */
import { Rational } from '../core/rational.js';
import { cleanText, looseKey, stripDiacritics } from '../core/text.js';
import { finding, type Finding, type FindingLocation } from '../findings/finding.js';
import { cellAddress, parseCellAddress } from '../findings/finding.js';
import { valueText, type Grid, type GridCell, type GridSheet } from '../load/grid.js';
import { locateHeader, REQUIRED_HEADERS, type Column } from './import-headers.js';
import type { WordGrid } from '../load/docx.js';
import { perUnitRule } from './import-rules.js';
import { conventionOf, parseNumberText, type DecimalConvention } from '../load/numbers.js';
import { Document, isMap, isScalar, visit } from 'yaml';
import type { Rule, Source } from './schema.js';

/** A node as read from the table, before it becomes YAML. */
export interface ImportedNode {
  code: string;
  /** The numbering as written in the table ("II", "1.2", "a"). */
  written: string;
  title: string;
  max?: Rational;
  guidance?: string;
  source: Source;
  rule?: Rule;
  /** The evidence column: whether evidence is required, and the documents it names. */
  evidence?: { level: 'required' | 'optional' | 'none'; text?: string | undefined };
  /** Where the row is. */
  at: FindingLocation;
  maxAt: FindingLocation;
  guidanceAt: FindingLocation;
  children: ImportedNode[];
}

export interface ImportedTable {
  /** The table's file, as shown to users. */
  file: string;
  /** Fields, with criteria and items. */
  fields: ImportedNode[];
  /** The first text above the header (the table's title, merged across the columns), if any. */
  caption?: string;
  /** All text above the header, where the decision number is looked for. */
  captionText?: string;
  /** A total row ("Tổng cộng") with a maximum, if any. */
  declaredTotal?: Rational;
  /** The total row's maximum cell. */
  totalAt?: FindingLocation;
  /** Bonus and penalty caps from the maxima written on "Điểm thưởng" / "Điểm trừ" rows. */
  caps: { bonus?: Rational; penalty?: Rational };
  findings: Finding[];
  /** How many items got each rule kind from their guidance. */
  rules: Record<string, number>;
}

type Marker =
  | { kind: 'roman'; n: number }
  | { kind: 'dotted'; parts: number[] }
  | { kind: 'letter'; n: number }
  | { kind: 'upper'; n: number }
  | { kind: 'none' };

/** A row under a node that is not a node itself: a bullet ("- …"), or a fourth level folded into its item. */
interface SubLine {
  row: number;
  written: string;
  label: string;
  maxText: string;
}

interface Row {
  row: number;
  marker: Marker;
  written: string;
  title: string;
  maxText: string;
  guidance: string;
  guidanceRow: number;
  sourceText: string;
  evidenceText: string;
  lines: SubLine[];
}

/** What reading a table needs besides the grid: the paragraphs above each Word table. */
export interface TableContext {
  /** Text above a sheet's table that is not in the grid (a Word document's paragraphs). */
  captionOf?: (sheet: GridSheet) => string[];
  /** Text in which to look for the decision number when the caption has none. */
  documentText?: string;
}

/** Reads a criteria table from a grid. Never throws on user input. */
export function importCriteriaTable(grid: Grid | WordGrid, context: TableContext = {}): ImportedTable {
  const findings: Finding[] = [];
  const out: ImportedTable = { file: grid.file, fields: [], caps: {}, findings, rules: {} };
  const located = locateHeader(grid);
  if (!located.header) {
    const miss = located.miss;
    if (miss && miss.found.length > 0) {
      const names = (cs: Column[]): string[] => cs.map((c) => HEADER_NAMES[c]);
      const missing = (['title', 'max'] as Column[]).filter((c) => !miss.found.includes(c));
      findings.push(
        finding('CRITERIA_IMPORT_HEADER_INCOMPLETE', locate(grid, miss.sheet, miss.row), {
          found: names(miss.found),
          missing: names(missing),
        }),
      );
    } else findings.push(finding('CRITERIA_IMPORT_NO_TABLE', { file: grid.file }, { columns: REQUIRED_HEADERS }));
    return out;
  }
  const { sheet, headerRow, columns } = located.header;
  const at = (row: number, col?: number): FindingLocation => locate(grid, sheet, row, col);
  for (const h of located.header.ignored)
    findings.push(finding('CRITERIA_IMPORT_COLUMN_IGNORED', at(h.row, h.col), { header: h.text }));
  // A column with values but no header is left out too: said once, at its first value.
  const headed = new Set([...Object.values(columns), ...located.header.ignored.map((h) => h.col)]);
  const unheaded = new Map<number, number>();
  for (const r of sheet.rowNumbers())
    if (r > headerRow && !sheet.hiddenRows.has(r))
      for (const [c, cell] of sheet.rows.get(r)!)
        if (!headed.has(c) && !unheaded.has(c) && cleanCell(cell)) unheaded.set(c, r);
  for (const [c, r] of [...unheaded].sort(([a], [b]) => a - b))
    findings.push(finding('CRITERIA_IMPORT_COLUMN_IGNORED', at(r, c), { header: '' }));
  const caption = [...(context.captionOf?.(sheet) ?? []), ...captionAbove(sheet, located.header.firstRow)];
  if (caption.length) {
    out.caption =
      caption.find((l) => l === l.toUpperCase() && /\p{L}{4}/u.test(l) && !/^(phụ lục|phu luc)\b/i.test(l)) ??
      caption[0]!;
    out.captionText = caption.join(' ');
  }
  if (context.documentText && !decisionIn(out.captionText ?? ''))
    out.captionText = `${out.captionText ?? ''} ${context.documentText}`;
  const text = (row: number, col: number | undefined): string =>
    col === undefined ? '' : cleanCell(sheet.get(row, col));
  const convention: DecimalConvention | undefined = conventionOf(
    sheet
      .rowNumbers()
      .filter((r) => r > headerRow)
      .map((r) => text(r, columns.max)),
  );

  const rows: Row[] = [];
  const unnumbered: Row[] = [];
  for (const r of sheet.rowNumbers()) {
    if (r <= headerRow || sheet.hiddenRows.has(r)) continue;
    let written = text(r, columns.code);
    let title = text(r, columns.title);
    const maxText = text(r, columns.max);
    const guidance = text(r, columns.guidance);
    // A method or evidence cell merged down over several rows holds for each of them.
    const sourceText = textDown(sheet, r, columns.source);
    const evidenceText = textDown(sheet, r, columns.evidence);
    if (!written && !title && !maxText && !guidance) continue;
    // Numbering written inside the title ("1.2. Báo cáo CCHC"), or a title in the code cell merged across.
    if (!written && title) {
      const split = splitNumbering(title);
      if (split) [written, title] = split;
    } else if (written && !title) {
      const split = splitNumbering(written);
      if (split) [written, title] = split;
    }
    if (isColumnNumbers(written, title, maxText)) continue; // the "(1) (2) (3)" row under a header
    const prev = rows[rows.length - 1];
    // "- Ban hành đúng hạn | 1": a bullet line belongs to the node above (an option or a part of it).
    const bullet = bulletOf(written, title);
    if (bullet !== undefined && prev) {
      prev.lines.push({ row: r, written: bullet.mark, label: bullet.label, maxText });
      if (guidance) prev.guidance = [prev.guidance, guidance].filter(Boolean).join('\n');
      continue;
    }
    const marker = parseMarker(written);
    if (!marker) {
      if (isTotalRow(written, title)) {
        const m = readMax(maxText, convention);
        if (m.ok && m.value) {
          out.declaredTotal = m.value;
          out.totalAt = at(r, columns.max);
        }
        continue;
      }
      // A row with only guidance continues the guidance of the row above.
      if (prev && !maxText && (guidance || title) && !written) {
        prev.guidance = [prev.guidance, guidance || title].filter(Boolean).join('\n');
        continue;
      }
      // Without any numbering in the table, rows are placed by their look (see below).
      if (!written && title)
        unnumbered.push(row(r, { kind: 'none' }, written, title, maxText, guidance, sourceText, evidenceText));
      else
        findings.push(
          finding('CRITERIA_IMPORT_ROW_SKIPPED', at(r, columns.code ?? columns.title), { found: written || title }),
        );
      continue;
    }
    rows.push(row(r, marker, written, title, maxText, guidance, sourceText, evidenceText));
  }
  if (rows.length === 0 && unnumbered.length > 0) rows.push(...unnumbered);
  else
    for (const u of unnumbered)
      findings.push(
        finding('CRITERIA_IMPORT_ROW_SKIPPED', at(u.row, columns.code ?? columns.title), { found: u.title }),
      );

  const depths = depthsOf(rows);

  // Build the tree: each row is a child of the nearest row above with a smaller depth; a fourth
  // level (below an item of the third) is folded into that item as lines of its guidance.
  const stack: { depth: number; level: number; node: ImportedNode; row: Row }[] = [];
  rows.forEach((x, i) => {
    const depth = depths[i]!;
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const top = stack[stack.length - 1];
    const level = top ? top.level + 1 : 0;
    if (top && level >= 3) {
      top.row.lines.push({ row: x.row, written: x.written, label: x.title, maxText: x.maxText }, ...x.lines);
      if (x.guidance) top.row.guidance = [top.row.guidance, x.guidance].filter(Boolean).join('\n');
      return;
    }
    const parent = top?.node;
    const siblings = parent ? parent.children : out.fields;
    const code = parent ? `${parent.code}.${siblings.length + 1}` : String(siblings.length + 1);
    const node: ImportedNode = {
      code,
      written: x.written,
      title: x.title,
      source: adjustmentOf(x.title) ?? sourceOf(x.sourceText, parent),
      at: at(x.row, columns.code ?? columns.title),
      maxAt: at(x.row, columns.max),
      guidanceAt: at(x.guidanceRow, columns.guidance ?? columns.max),
      children: [],
    };
    const evidence = evidenceOf(x.evidenceText);
    if (evidence) node.evidence = evidence;
    const m = readMax(x.maxText, convention);
    if (m.ok && m.value) node.max = m.value;
    else if (!m.ok)
      findings.push(
        finding('CRITERIA_IMPORT_MAX_UNREADABLE', node.maxAt, { code, found: x.maxText }, { criterion: code }),
      );
    if (
      x.marker.kind === 'dotted' &&
      !rows.some((y) => y.marker.kind === 'roman' || y.marker.kind === 'upper') &&
      x.written.replace(/\.$/, '') !== code
    )
      findings.push(finding('CRITERIA_IMPORT_RENUMBERED', node.at, { written: x.written, code }, { criterion: code }));
    siblings.push(node);
    stack.push({ depth, level, node, row: x });
  });
  // Lines under a node: read once the tree is built (a fourth level may come after the node's row).
  foldLines(out.fields, rows, convention, findings, at, columns.title);

  // A field without criteria (a table of field maxima) is scored as one item of its own.
  out.fields.forEach((f) => {
    if (f.children.length > 0) return;
    const item: ImportedNode = { ...f, code: `${f.code}.1`, children: [] };
    f.children.push(item);
    delete f.guidance;
    delete f.evidence;
    if (f.source === 'bonus' || f.source === 'penalty') {
      f.max = Rational.ZERO;
      f.source = 'appraisal';
      f.title = f.title || f.written;
    }
    findings.push(
      finding('CRITERIA_IMPORT_FIELD_AS_ITEM', f.at, { code: f.code, item: item.code }, { criterion: f.code }),
    );
  });

  // Maxima, sources and rules, bottom-up.
  const finish = (n: ImportedNode): void => {
    n.children.forEach(finish);
    const adjustment = n.source === 'bonus' || n.source === 'penalty';
    if (n.children.length === 0) {
      if (!n.max) {
        findings.push(finding('CRITERIA_IMPORT_MAX_MISSING', n.maxAt, { code: n.code }, { criterion: n.code }));
        n.max = Rational.ZERO;
      }
      n.rule = n.source === 'survey' || !n.rule ? itemRule(n, out, findings) : countRule(out, n.rule);
      return;
    }
    if (adjustment) {
      // "Điểm thưởng: tối đa 3 điểm": the written maximum is a cap, not part of the total.
      if (n.max?.gt(Rational.ZERO)) out.caps[n.source as 'bonus' | 'penalty'] = n.max;
      n.max = Rational.ZERO;
      return;
    }
    const scored = n.children.filter((c) => c.source !== 'bonus' && c.source !== 'penalty');
    const sum = Rational.sum(scored.map((c) => c.max ?? Rational.ZERO));
    if (scored.length === 0) {
      // "IX. Điểm thưởng, điểm trừ": holds only adjustments, so it adds nothing to the total.
      n.max = Rational.ZERO;
      return;
    }
    if (!n.max) {
      n.max = sum;
      findings.push(
        finding('CRITERIA_IMPORT_MAX_COMPUTED', n.maxAt, { code: n.code, sum: sum.toExact() }, { criterion: n.code }),
      );
    }
  };
  out.fields.forEach(finish);
  return out;
}

function row(
  r: number,
  marker: Marker,
  written: string,
  title: string,
  maxText: string,
  guidance: string,
  sourceText: string,
  evidenceText: string,
): Row {
  return { row: r, marker, written, title, maxText, guidance, guidanceRow: r, sourceText, evidenceText, lines: [] };
}

/** The header words shown when a header is incomplete. */
const HEADER_NAMES: Record<Column, string> = {
  code: 'STT',
  title: 'Lĩnh vực/Nội dung/Tiêu chí',
  max: 'Điểm tối đa',
  guidance: 'Hướng dẫn chấm điểm',
  source: 'Phương pháp đánh giá',
  evidence: 'Tài liệu kiểm chứng',
};

/** A location in the table: sheet and cell in a workbook, table, row and column in a Word document. */
function locate(grid: Grid | WordGrid, sheet: GridSheet, row: number, col?: number): FindingLocation {
  const loc: FindingLocation = { file: grid.file };
  if (grid.format === 'docx') {
    loc.table = grid.sheets.indexOf(sheet) + 1;
    loc.row = row;
    if (col !== undefined) loc.column = col;
    return loc;
  }
  if (sheet.name !== undefined) loc.sheet = sheet.name;
  loc.row = row;
  if (col !== undefined) {
    loc.column = col;
    loc.cell = cellAddress(row, col);
  }
  return loc;
}

/**
 * Depth of each row from its numbering. Roman numerals and capital letters are fields; dotted
 * numbers go one level down per part, counted from the shortest in the table ("I, 1.1, 1.1.1" and
 * "I, 1, 1.1" both give field, criterion, item); letters go one below the row above; without any
 * numbering, rows in capitals are fields and the others items (or all fields when none is in capitals).
 */
function depthsOf(rows: Row[]): number[] {
  const top = rows.some((x) => x.marker.kind === 'roman' || x.marker.kind === 'upper');
  const dotted = rows.flatMap((x) => (x.marker.kind === 'dotted' ? [x.marker.parts.length] : []));
  const shortest = dotted.length ? Math.min(...dotted) : 1;
  const capitals = rows.some((x) => x.marker.kind === 'none' && isCapitals(x.title));
  const depths: number[] = [];
  let last = 0;
  for (const x of rows) {
    let d: number;
    if (x.marker.kind === 'roman' || x.marker.kind === 'upper') d = 0;
    else if (x.marker.kind === 'dotted') d = x.marker.parts.length - shortest + (top ? 1 : 0);
    else if (x.marker.kind === 'none') d = capitals && !isCapitals(x.title) ? 1 : 0;
    else d = last + 1;
    if (x.marker.kind !== 'letter') last = d;
    depths.push(d);
  }
  return depths;
}

function isCapitals(s: string): boolean {
  return /\p{Lu}/u.test(s) && s === s.toUpperCase();
}

/** "- Ban hành đúng hạn", "+ …", "• …" (in the code cell or at the start of the title) → the line. */
function bulletOf(written: string, title: string): { mark: string; label: string } | undefined {
  if (/^[-+•–]$/.test(written)) return { mark: written, label: title.replace(/^[-+•–]\s*/, '') };
  if (!written) {
    const m = /^([-+•–])\s*(.+)$/.exec(title);
    if (m) return { mark: m[1]!, label: m[2]! };
  }
  return undefined;
}

/** "Có", "Văn bản ban hành" → evidence required (with its text); "Không" → none; "Nếu có" → optional. */
function evidenceOf(text: string): ImportedNode['evidence'] | undefined {
  if (!text) return undefined;
  const k = looseKey(text);
  if (/^(khong|khong yeu cau|khong can|khong co|khong ap dung|x khong)$/.test(k)) return { level: 'none' };
  if (/^(neu co|khong bat buoc|tuy chon)\b/.test(k)) return { level: 'optional', text };
  return { level: 'required', text: /^(co|x|yes)$/.test(k) ? undefined : text };
}

/**
 * The lines under each node (bullets, a fourth level) become its guidance: options when they are
 * alternatives worth up to its maximum ("Đúng hạn 1; chậm 0,5; không 0"), parts when their points
 * add up to it ("a) … 0,5; b) … 0,5": the agency enters the sum), plain text otherwise.
 */
function foldLines(
  fields: ImportedNode[],
  rows: Row[],
  convention: DecimalConvention | undefined,
  findings: Finding[],
  at: (row: number, col?: number) => FindingLocation,
  titleCol: number | undefined,
): void {
  const byRow = new Map(rows.map((x) => [x.row, x]));
  const visit = (n: ImportedNode): void => {
    n.children.forEach(visit);
    const x = byRow.get(n.at.row ?? -1);
    if (x?.guidance) n.guidance = x.guidance;
    if (!x || x.lines.length === 0) return;
    const lines = x.lines;
    const pts = lines.map((l) => readMax(l.maxText, convention));
    const values = pts.map((p) => (p.ok ? p.value : undefined));
    const all = values.every((v) => v !== undefined) && lines.length >= 2;
    const leaf = n.children.length === 0;
    const sum = all ? Rational.sum(values as Rational[]) : undefined;
    let as: 'options' | 'parts' | 'text' = 'text';
    if (leaf && all) {
      const top = (values as Rational[]).reduce((a, b) => (a.gt(b) ? a : b));
      if ((values as Rational[]).some((v) => v.isZero())) as = 'options';
      else if (!n.max || sum!.eq(n.max)) as = 'parts';
      else if (top.eq(n.max)) as = 'options';
    }
    const show = (v: Rational | undefined, label: string): string =>
      v ? `${label.replace(/[:.]$/, '')}: ${v.toExact().replace('.', ',')} điểm` : label;
    const text = lines.map((l, i) => {
      const label =
        as === 'parts' && /^[a-zđ0-9]/i.test(l.written) && l.written !== '-'
          ? `${l.written.replace(/[.)]$/, '')}) ${l.label}`
          : l.label;
      const mark = l.written && !/^[-+•–]$/.test(l.written) ? `${l.written.replace(/[.)]$/, '')})` : '';
      return as === 'text' ? [mark, show(values[i], l.label)].filter(Boolean).join(' ') : show(values[i], label);
    });
    n.guidance = [x.guidance, ...text].filter(Boolean).join('\n');
    if (as === 'parts' && leaf) {
      if (!n.max) n.max = sum!;
      n.rule = { kind: 'points', step: stepFor(n.max, values as Rational[]) };
    }
    findings.push(
      finding(
        'CRITERIA_IMPORT_LINES_FOLDED',
        at(lines[0]!.row, titleCol),
        { code: n.code, count: lines.length, as },
        { criterion: n.code },
      ),
    );
  };
  fields.forEach(visit);
}

function captionAbove(sheet: GridSheet, headerRow: number): string[] {
  const lines: string[] = [];
  for (const r of sheet.rowNumbers()) {
    if (r >= headerRow) break;
    for (const cell of sheet.rows.get(r)!.values()) {
      const t = cleanCell(cell);
      if (t) lines.push(t);
    }
  }
  return lines;
}

/** A cell's text; a cell merged down from a row above takes that row's text. */
function textDown(sheet: GridSheet, row: number, col: number | undefined): string {
  if (col === undefined) return '';
  const cell = sheet.get(row, col);
  if (cell?.merged?.role !== 'child') return cleanCell(cell);
  const master = parseCellAddress(cell.merged.range.split(':')[0]!);
  return master && master.row < row && master.col === col ? cleanCell(sheet.get(master.row, master.col)) : '';
}

function cleanCell(cell: GridCell | undefined): string {
  if (!cell || cell.merged?.role === 'child') return '';
  return cleanText(valueText(cell.v))
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

function romanValue(s: string): number | undefined {
  if (!/^[IVXL]+$/.test(s)) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    n += v < next ? -v : v;
  }
  return n > 0 && n < 90 ? n : undefined;
}

/** "II", "II.", "1", "1.2.", "a", "a)", "b." → a marker; anything else → undefined. */
export function parseMarker(written: string): Marker | undefined {
  const s = written
    .trim()
    .replace(/^(Phần|Lĩnh vực|Tiêu chí)\s+/i, '')
    .replace(/[.)]$/, '');
  if (!s) return undefined;
  const roman = romanValue(s.toUpperCase() === s ? s : '');
  if (roman !== undefined) return { kind: 'roman', n: roman };
  if (/^\d+(\.\d+)*$/.test(s)) return { kind: 'dotted', parts: s.split('.').map(Number) };
  if (/^[a-zđ]$/.test(s)) return { kind: 'letter', n: s === 'đ' ? 5 : s.charCodeAt(0) - 96 };
  if (/^[A-H]$/.test(s)) return { kind: 'upper', n: s.charCodeAt(0) - 64 };
  return undefined;
}

/** "1.2. Báo cáo CCHC" → ["1.2", "Báo cáo CCHC"]; "II. CẢI CÁCH THỂ CHẾ" → ["II", …]. */
function splitNumbering(text: string): [string, string] | undefined {
  const m = /^((?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ]|[A-H](?=[.)]))[.)]?)\s+(.+)$/.exec(text);
  if (!m || !parseMarker(m[1]!)) return undefined;
  if (/^\d+$/.test(m[1]!) && /^\d/.test(m[2]!)) return undefined; // "2024 ..." is not numbering
  return [m[1]!.replace(/[.)]$/, ''), m[2]!];
}

function isTotalRow(written: string, title: string): boolean {
  return /^tong( cong| diem| so)?\b|^total\b/.test(looseKey(written || title));
}

function isColumnNumbers(written: string, title: string, max: string): boolean {
  const all = [written, title, max].filter(Boolean);
  return all.length > 1 && all.every((t) => /^\(?\d{1,2}\)?$/.test(t));
}

function readMax(
  text: string,
  convention: DecimalConvention | undefined,
): { ok: true; value?: Rational } | { ok: false } {
  if (!text) return { ok: true };
  const s = text.replace(/\s*(điểm|đ)\.?$/i, '');
  const r = parseNumberText(s, convention ?? 'comma');
  if (!r.ok || r.value.lt(Rational.ZERO)) return { ok: false };
  return { ok: true, value: r.value };
}

/** Survey when the method column or the field says so; bonus and penalty from their group titles. */
function sourceOf(text: string, parent: ImportedNode | undefined): Source {
  const k = looseKey(text);
  if (/dieu tra|xhh|khao sat|survey/.test(k)) return 'survey';
  if (parent && (parent.source === 'bonus' || parent.source === 'penalty' || parent.source === 'survey'))
    return parent.source;
  return 'appraisal';
}

/** Titles of bonus and penalty groups ("Điểm thưởng", "Điểm trừ"). */
export function adjustmentOf(title: string): 'bonus' | 'penalty' | undefined {
  const k = looseKey(title);
  if (/diem thuong/.test(k) && /diem tru/.test(k)) return undefined; // a container of both
  if (/^diem thuong\b|^bonus\b/.test(k)) return 'bonus';
  if (/^diem tru\b|^penalt/.test(k)) return 'penalty';
  return undefined;
}

function itemRule(n: ImportedNode, out: ImportedTable, findings: Finding[]): Rule {
  const count = (kind: string): void => {
    out.rules[kind] = (out.rules[kind] ?? 0) + 1;
  };
  if (n.source === 'survey') {
    count('survey');
    return { kind: 'survey' };
  }
  const max = n.max ?? Rational.ZERO;
  const rule = n.guidance ? (perUnitRule(n.guidance, max, n.source) ?? ruleFromGuidance(n.guidance, max)) : undefined;
  if (rule) {
    count(rule.kind);
    return rule;
  }
  if (n.guidance)
    findings.push(finding('CRITERIA_IMPORT_GUIDANCE_KEPT', n.guidanceAt, { code: n.code }, { criterion: n.code }));
  count('points');
  return { kind: 'points', step: stepFor(max) };
}

/** A rule already set (the parts of an item), counted among the rules. */
function countRule(out: ImportedTable, rule: Rule): Rule {
  out.rules[rule.kind] = (out.rules[rule.kind] ?? 0) + 1;
  return rule;
}

/** The largest of 0.25, 0.05, 0.01 that divides the maximum (and each part's points). */
function stepFor(max: Rational, parts: Rational[] = []): number {
  for (const s of ['0.25', '0.05', '0.01'])
    if ([max, ...parts].every((v) => v.isMultipleOf(Rational.parse(s)!))) return Number(s);
  return 0.01;
}

/** One clause of guidance: "Ban hành đúng hạn: 1 điểm" → label and points. */
interface Clause {
  label: string;
  points: Rational;
}

/**
 * Guidance → a rule, only where the phrasing leaves no doubt:
 * - every clause (split at ";" or line breaks) reads "<label>: <n> điểm" or "<label> được <n> điểm";
 * - when every label is a range of percentages ("Đạt 100%", "từ 80% đến dưới 100%", "dưới 80%",
 *   "trên 90%", "từ 70% đến 90%", "từ 50% trở lên") and together they cover 0–100% exactly once,
 *   the rule is `bands` (percent entered by the agency);
 * - two clauses worth the maximum and 0 whose second label says "không"/"chưa" make a `boolean`;
 * - otherwise, with at least two clauses, the highest worth the maximum and none above it, a `choice`.
 * Anything else (prose, formulas, "mỗi … trừ …") returns undefined and the guidance stays as text.
 */
export function ruleFromGuidance(guidance: string, max: Rational): Rule | undefined {
  const parts = guidance
    .split(/[;\n]+|\.\s+(?=[A-ZĐÀ-Ỹ-])/u)
    .map((p) =>
      p
        .trim()
        .replace(/^[-+•–]\s*/, '')
        .replace(/[.;,]$/, '')
        .trim(),
    )
    .filter(Boolean);
  const clauses: Clause[] = [];
  for (const p of parts) {
    const m = /^(.+?)\s*(?::|=|được|thì được|cho|→|-)\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ)$/iu.exec(p);
    if (!m) return undefined;
    const pts = parseNumberText(m[2]!, 'comma');
    if (!pts.ok) return undefined;
    clauses.push({ label: m[1]!.trim().replace(/[:,]$/, ''), points: pts.value });
  }
  if (clauses.length < 2) return undefined;
  if (clauses.some((c) => c.points.gt(max))) return undefined;
  if (!clauses.some((c) => c.points.eq(max))) return undefined;

  const ranges = clauses.map((c) => percentRange(c.label));
  if (ranges.every((r) => r !== undefined)) return bandsOf(clauses, ranges as PercentRange[]);
  if (ranges.some((r) => r !== undefined)) return undefined; // some clauses are ranges, some are not: ambiguous

  if (
    clauses.length === 2 &&
    clauses[0]!.points.eq(max) &&
    clauses[1]!.points.isZero() &&
    /^(khong|chua)\b/.test(looseKey(clauses[1]!.label))
  )
    return { kind: 'boolean' };
  const ids = new Set<string>();
  const options = clauses.map((c, i) => {
    let id = slug(c.label) || `option-${i + 1}`;
    while (ids.has(id)) id = `${id}-${i + 1}`;
    ids.add(id);
    return { id, label: { vi: capitalise(c.label) }, points: c.points.toNumber() };
  });
  return { kind: 'choice', options };
}

interface PercentRange {
  lo: Rational;
  loIncl: boolean;
  hi: Rational;
  hiIncl: boolean;
}

/** "từ 80% đến dưới 100%" and the like → a range; undefined when the label is not one. */
function percentRange(label: string): PercentRange | undefined {
  const k = stripDiacritics(label.toLowerCase())
    .replace(/\s+/g, ' ')
    .replace(/^(dat|ty le|ty le dat|dat ty le|hoan thanh)\s+/, '')
    .trim();
  const n = (s: string): Rational | undefined => {
    const r = parseNumberText(s, 'comma');
    return r.ok ? r.value : undefined;
  };
  const P = '(\\d+(?:[.,]\\d+)?)\\s*%';
  const hundred = Rational.HUNDRED;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^${P}$`).exec(k))) {
    const v = n(m[1]!);
    return v?.eq(hundred) ? { lo: v, loIncl: true, hi: v, hiIncl: true } : undefined;
  }
  if ((m = new RegExp(`^tu ${P} den duoi ${P}$`).exec(k)) || (m = new RegExp(`^tu ${P} den < ?${P}$`).exec(k))) {
    const lo = n(m[1]!);
    const hi = n(m[2]!);
    return lo && hi ? { lo, loIncl: true, hi, hiIncl: false } : undefined;
  }
  if (
    (m = new RegExp(`^(?:tu )?${P} (?:den|-|–) ${P}$`).exec(k)) ||
    (m = new RegExp(`^tu ${P} ?(?:-|–) ?${P}$`).exec(k))
  ) {
    const lo = n(m[1]!);
    const hi = n(m[2]!);
    return lo && hi ? { lo, loIncl: true, hi, hiIncl: true } : undefined;
  }
  if ((m = new RegExp(`^(?:tu )?${P} tro len$`).exec(k)) || (m = new RegExp(`^(?:>=|≥) ?${P}$`).exec(k))) {
    const lo = n(m[1]!);
    return lo ? { lo, loIncl: true, hi: hundred, hiIncl: true } : undefined;
  }
  if ((m = new RegExp(`^(?:tren|>) ?${P}$`).exec(k))) {
    const lo = n(m[1]!);
    return lo ? { lo, loIncl: false, hi: hundred, hiIncl: true } : undefined;
  }
  if ((m = new RegExp(`^(?:duoi|<) ?${P}$`).exec(k))) {
    const hi = n(m[1]!);
    return hi ? { lo: Rational.ZERO, loIncl: true, hi, hiIncl: false } : undefined;
  }
  return undefined;
}

/**
 * Ranges → bands in the set's model: a band covers [min, max) (and 100 when max is 100), and a
 * one-value band (min = max) takes precedence at that value. An inclusive upper end below 100
 * becomes a one-value band; an exclusive lower end must then be covered by such a band. The
 * ranges must cover every value from 0 to 100 exactly once, or there is no rule.
 */
function bandsOf(clauses: Clause[], ranges: PercentRange[]): Rule | undefined {
  const hundred = Rational.HUNDRED;
  // Every value in [0, 100] is in exactly one range: check the ends and the points between.
  const cuts = [...new Set(ranges.flatMap((r) => [r.lo.toExact(), r.hi.toExact()]))]
    .map((x) => Rational.parse(x)!)
    .sort((a, b) => a.cmp(b));
  const probes: Rational[] = [...cuts];
  for (let i = 0; i + 1 < cuts.length; i++) probes.push(cuts[i]!.add(cuts[i + 1]!).div(Rational.fromNumber(2)));
  if (!cuts[0]!.isZero() || !cuts[cuts.length - 1]!.eq(hundred)) return undefined;
  const inRange = (r: PercentRange, v: Rational): boolean =>
    (r.loIncl ? v.gte(r.lo) : v.gt(r.lo)) && (r.hiIncl ? v.lte(r.hi) : v.lt(r.hi));
  for (const v of probes) if (ranges.filter((r) => inRange(r, v)).length !== 1) return undefined;

  const bands: { min: number; max: number; points: number }[] = [];
  ranges.forEach((r, i) => {
    const points = clauses[i]!.points.toNumber();
    if (r.lo.lt(r.hi)) bands.push({ min: r.lo.toNumber(), max: r.hi.toNumber(), points });
    if (r.hiIncl && (r.hi.lt(hundred) || r.lo.eq(r.hi)))
      bands.push({ min: r.hi.toNumber(), max: r.hi.toNumber(), points });
  });
  bands.sort((a, b) => b.min - a.min || b.max - a.max);
  return { kind: 'bands', input: 'percent', bands };
}

function slug(label: string): string {
  return stripDiacritics(label.toLowerCase())
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What `criteria import` is told beyond the table. */
export interface ImportOptions {
  id: string;
  version: string;
  title?: string;
  decision?: string;
  /** Agency kinds as "id" or "id:Title"; one generic kind when absent. */
  kinds?: string[];
}

/** The set built from a table, ready to write, with every finding (import and check). */
export interface ImportResult {
  /** The set as plain data (what the YAML file holds). */
  data: Record<string, unknown>;
  table: ImportedTable;
  /** Import findings, then `criteria check` findings placed at the table's cells. */
  findings: Finding[];
  counts: { fields: number; criteria: number; items: number };
}

/** National grading bands (§1.4), used until the decision's own are entered. */
const DEFAULT_BANDS = [
  { id: 'A', label: { vi: 'Nhóm A', en: 'Group A' }, min: 90, max: 100 },
  { id: 'B', label: { vi: 'Nhóm B', en: 'Group B' }, min: 80, max: 90 },
  { id: 'C', label: { vi: 'Nhóm C', en: 'Group C' }, min: 70, max: 80 },
  { id: 'D', label: { vi: 'Dưới 70%', en: 'Below 70%' }, min: 0, max: 70 },
];

/** Builds the set from an imported table and checks it as `criteria check` would. */
export function buildImportedSet(
  table: ImportedTable,
  opts: ImportOptions,
  check: (data: unknown) => { findings: Finding[] },
): ImportResult {
  const paths = new Map<string, FindingLocation>();
  const counts = { fields: 0, criteria: 0, items: 0 };
  const nodeData = (n: ImportedNode, path: string, depth: number): Record<string, unknown> => {
    paths.set(path, n.maxAt);
    const out: Record<string, unknown> = {
      code: n.code,
      title: { vi: n.title || n.written },
      max: (n.max ?? Rational.ZERO).toNumber(),
    };
    const evidence =
      n.evidence?.text && n.children.length === 0 ? `Tài liệu kiểm chứng: ${n.evidence.text}` : undefined;
    const guidance = [n.guidance, evidence].filter(Boolean).join('\n');
    if (guidance) out.guidance = { vi: guidance };
    if (depth === 0) counts.fields++;
    if (n.children.length > 0) {
      if (depth > 0) counts.criteria++;
      out.children = n.children.map((c, i) => nodeData(c, `${path}.children.${i}`, depth + 1));
      return out;
    }
    counts.items++;
    if (n.source !== 'appraisal') out.source = n.source;
    if (n.source === 'survey') out.evidence = 'none';
    else if (n.evidence && n.evidence.level !== 'required') out.evidence = n.evidence.level;
    out.rule = n.rule;
    return out;
  };
  const fields = table.fields.map((f, i) => nodeData(f, `fields.${i}`, 0));
  const total = table.declaredTotal ?? Rational.sum(table.fields.map((f) => f.max ?? Rational.ZERO));
  const decision = opts.decision ?? decisionIn(table.captionText ?? '');
  const extra: Finding[] = decision ? [] : [finding('CRITERIA_IMPORT_NO_DECISION', { file: table.file }, {})];
  const data: Record<string, unknown> = {
    format: 1,
    id: opts.id,
    version: opts.version,
    title: { vi: opts.title ?? table.caption ?? opts.id },
    decision: { number: decision ?? '?' },
    agencyKinds: (opts.kinds?.length ? opts.kinds : ['agency:Cơ quan, đơn vị']).map((k) => {
      const [id, ...rest] = k.split(':');
      return { id: id!.trim(), title: { vi: rest.join(':').trim() || id!.trim() } };
    }),
    total: total.toNumber(),
  };
  const caps: Record<string, number> = {};
  if (table.caps.bonus) caps.bonus = table.caps.bonus.toNumber();
  if (table.caps.penalty) caps.penalty = table.caps.penalty.toNumber();
  if (Object.keys(caps).length) data.adjustmentCaps = caps;
  data.bands = DEFAULT_BANDS;
  data.fields = fields;

  if (table.totalAt) paths.set('total', table.totalAt);
  // Nothing read, nothing to check: the import's own finding says why.
  if (table.fields.length === 0) return { data, table, findings: table.findings, counts };
  // Check findings point into the file to be written; place them at the table's cells instead.
  const placed = check(data).findings.map((f) => {
    const p = f.location.path;
    if (!p) return f;
    let key = p;
    while (key && !paths.has(key)) key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '';
    const cell = paths.get(key);
    // A shape finding names a place inside the file; an officer gets the row and what it holds instead.
    if (f.code === 'CRITERIA_SHAPE' || f.code === 'CRITERIA_UNKNOWN_KEY' || f.code === 'CRITERIA_UNKNOWN_RULE_KIND') {
      const node = nodeAt(data, key);
      return finding('CRITERIA_IMPORT_ROW_INVALID', cell ?? { file: table.file }, {
        code: node?.code ?? '',
        detail: f.code === 'CRITERIA_SHAPE' ? f.args.messageVi : f.code,
      });
    }
    return cell ? ({ ...f, location: { ...cell, path: p } } as Finding) : f;
  });
  return { data, table, findings: [...table.findings, ...extra, ...placed], counts };
}

/** The node at a path such as "fields.0.children.2" of the set's data. */
function nodeAt(data: Record<string, unknown>, path: string): { code?: string } | undefined {
  let cur: unknown = data;
  for (const k of path.split('.').filter(Boolean)) cur = (cur as Record<string, unknown> | undefined)?.[k];
  return typeof cur === 'object' && cur !== null ? (cur as { code?: string }) : undefined;
}

/** "… kèm theo Quyết định số 1880/QĐ-UBND ngày …" → "1880/QĐ-UBND". */
function decisionIn(text: string): string | undefined {
  return /\b(\d+\/(?:\d{4}\/)?QĐ-[A-ZĐ]+(?:-[A-ZĐ]+)*)/u.exec(text)?.[1];
}

/**
 * The set as YAML, the way the bundled sets are written: short maps (titles, options, bands,
 * rules) on one line, a schema comment for editors, and a header saying where it came from.
 */
export function renderImportedYaml(data: Record<string, unknown>, opts: { schema?: string; header: string[] }): string {
  const doc = new Document(data);
  visit(doc, {
    Map(_key, node) {
      const short = (v: unknown): boolean => isScalar(v) && !String(v.value).includes('\n');
      const scalars = node.items.every(
        (p) => short(p.value) || (isMap(p.value) && p.value.items.every((q) => short(q.value))),
      );
      const width = JSON.stringify(node.toJSON()).length;
      if (scalars && width <= 160) node.flow = true;
    },
  });
  const head = [
    ...(opts.schema ? [`# yaml-language-server: $schema=${opts.schema}`] : []),
    ...opts.header.map((l) => `# ${l}`),
  ].join('\n');
  return `${head}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: true })}`;
}
