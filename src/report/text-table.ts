/**
 * Terminal tables laid out to a width: columns declared as data (header, value, colour, when to leave
 * out), flexible columns that take the room left and wrap, and word-wrapped prose. The width
 * comes from the CLI (the terminal's columns); nothing here reads the terminal.
 */
import { cell } from './format.js';

/** A column of a text table. */
export interface TextColumn<Row> {
  /** Header text; `\n` splits it over two lines so that a narrow column keeps a readable name. */
  header: string;
  align?: 'left' | 'right';
  value: (row: Row) => string;
  /** Colours the padded cell (the width is measured before colouring). */
  style?: (row: Row, padded: string) => string;
  /**
   * Columns of one drop group leave the table together when it does not fit the width; the group with the
   * lowest order leaves first. Without `drop` a column always stays.
   */
  drop?: { group: string; order: number };
  /**
   * A column that takes the width left (between min and max, in the order the flexible columns are
   * declared) and wraps its text at word boundaries, on at most `lines` lines (all of them without).
   */
  flex?: { min: number; max: number; lines?: number };
}

export interface LaidOutTable {
  /** Header lines (plain text: the caller dims them). */
  head: string[];
  /** Per row, its lines (more than one when the flexible column wraps). */
  rows: string[][];
  /** Drop groups left out to fit the width, in the order they left. */
  dropped: string[];
  /** The width of the widest line. */
  width: number;
}

const GAP = 1;

/** Code points of NFC text: one terminal column each for Vietnamese. */
export function textWidth(s: string): number {
  return [...s.normalize('NFC')].length;
}

/** Lays `rows` out under `columns` in at most `width` columns when it can (the flexible column at its minimum). */
export function layoutTable<Row>(
  columns: readonly TextColumn<Row>[],
  rows: readonly Row[],
  width: number,
): LaidOutTable {
  const values = columns.map((col) => rows.map((r) => col.value(r)));
  const natural = columns.map((col, i) =>
    Math.max(...col.header.split('\n').map(textWidth), ...(values[i] ?? []).map(textWidth)),
  );
  const shown = columns.map(() => true);
  const dropped: string[] = [];
  const widthOf = (i: number): number => {
    const flex = columns[i]?.flex;
    return flex ? Math.min(flex.max, Math.max(flex.min, natural[i] ?? 0)) : (natural[i] ?? 0);
  };
  const needed = (): number =>
    columns.reduce((sum, col, i) => (shown[i] ? sum + (col.flex ? col.flex.min : widthOf(i)) + GAP : sum), -GAP);
  for (;;) {
    if (needed() <= width) break;
    const next = columns
      .filter((col, i) => shown[i] && col.drop && !dropped.includes(col.drop.group))
      .sort((a, b) => (a.drop?.order ?? 0) - (b.drop?.order ?? 0))[0]?.drop?.group;
    if (next === undefined) break;
    dropped.push(next);
    columns.forEach((col, i) => {
      if (col.drop?.group === next) shown[i] = false;
    });
  }
  const widths = columns.map((_, i) => widthOf(i));
  let room = width - needed();
  columns.forEach((col, i) => {
    if (!shown[i] || !col.flex) return;
    const grow = Math.max(0, Math.min(room, widthOf(i) - col.flex.min));
    widths[i] = col.flex.min + grow;
    room -= grow;
  });
  const visible = columns.map((_, i) => i).filter((i) => shown[i]);
  const join = (parts: string[]): string => parts.join(' '.repeat(GAP)).trimEnd();

  const headLines = Math.max(...visible.map((i) => columns[i]?.header.split('\n').length ?? 1));
  const head: string[] = [];
  for (let l = 0; l < headLines; l++) {
    head.push(
      join(
        visible.map((i) => {
          const col = columns[i] as TextColumn<Row>;
          const parts = col.header.split('\n');
          // A one-line header sits on the last header line, next to the second line of the others.
          const text = parts[l - (headLines - parts.length)] ?? '';
          return cell(text, widths[i] ?? 0, col.align);
        }),
      ),
    );
  }
  const out: string[][] = rows.map((row, r) => {
    const texts = visible.map((i) => {
      const col = columns[i] as TextColumn<Row>;
      const v = values[i]?.[r] ?? '';
      return col.flex ? wrapText(v, widths[i] ?? 0, col.flex.lines) : [v];
    });
    const lines = Math.max(...texts.map((t) => t.length));
    const rowLines: string[] = [];
    for (let l = 0; l < lines; l++)
      rowLines.push(
        join(
          visible.map((i, k) => {
            const col = columns[i] as TextColumn<Row>;
            // The last column is not padded on the right: coloured padding would survive trimEnd.
            const full = cell(texts[k]?.[l] ?? '', widths[i] ?? 0, col.align);
            const padded = k === visible.length - 1 ? full.trimEnd() : full;
            return col.style && (l === 0 || col.flex) ? col.style(row, padded) : padded;
          }),
        ),
      );
    return rowLines;
  });
  const total = visible.reduce((sum, i) => sum + (widths[i] ?? 0) + GAP, -GAP);
  return { head, rows: out, dropped, width: total };
}

/**
 * Words of `text` in lines of at most `width` columns; a word longer than a line is cut, and with
 * `maxLines` the last line ends in "…" when text is left over.
 */
export function wrapText(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const words = text.normalize('NFC').split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const word of words) {
    const next = cur ? `${cur} ${word}` : word;
    if (textWidth(next) <= width) {
      cur = next;
      continue;
    }
    if (cur) lines.push(cur);
    cur = textWidth(word) > width ? cell(word, width) : word;
  }
  if (cur || lines.length === 0) lines.push(cur);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // The "…" goes after the last whole word that leaves room for it.
  let last = kept[maxLines - 1] ?? '';
  while (textWidth(last) + 1 > width && last.includes(' ')) last = last.slice(0, last.lastIndexOf(' '));
  kept[maxLines - 1] = textWidth(last) + 1 <= width ? `${last}…` : cell(`${last}…`, width);
  return kept;
}

/**
 * `prefix`, then `text` wrapped to `width` with its later lines indented under the text (a hanging
 * indent); one line when the width is not known or leaves under 16 columns for the text.
 */
export function hangText(prefix: string, text: string, width = Number.POSITIVE_INFINITY): string[] {
  const indent = textWidth(prefix);
  if (!Number.isFinite(width) || width - indent < 16) return [prefix + text];
  const [first = '', ...rest] = wrapText(text, width - indent);
  return [prefix + first, ...rest.map((l) => ' '.repeat(indent) + l)];
}
