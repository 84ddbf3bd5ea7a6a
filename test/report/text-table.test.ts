/** Terminal tables laid out to a width: natural widths, drop groups, flexible wrapping columns, prose. */
import { describe, expect, it } from 'vitest';
import { layoutTable, wrapText, type TextColumn } from '../../src/report/text-table.js';

interface Row {
  n: string;
  name: string;
  a: string;
  b: string;
}

const ROWS: Row[] = [
  { n: '1', name: 'Sở Tài chính', a: '8,96', b: '15,56' },
  { n: '10', name: 'Trung tâm Phục vụ hành chính công tỉnh', a: '7,02', b: '9,66' },
];

const COLUMNS: TextColumn<Row>[] = [
  { header: 'Hạng', align: 'right', value: (r) => r.n },
  { header: 'Cơ quan', value: (r) => r.name, flex: { min: 10, max: 40, lines: 2 } },
  { header: 'LV1', align: 'right', value: (r) => r.a, drop: { group: 'fields', order: 1 } },
  { header: 'Xếp\nloại', align: 'right', value: (r) => r.b, drop: { group: 'fields', order: 1 } },
];

describe('wrapText', () => {
  it('breaks at spaces, cuts a word longer than the line, and ends a capped text with "…"', () => {
    expect(wrapText('Sở Nông nghiệp và Môi trường', 14)).toEqual(['Sở Nông nghiệp', 'và Môi trường']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abc…']);
    // Three lines of at most 10, capped at two: "…" after the last whole word that leaves room for it.
    expect(wrapText('một hai ba bốn năm sáu bảy', 10, 2)).toEqual(['một hai ba', 'bốn năm…']);
  });
});

describe('layoutTable', () => {
  it('at a wide width: natural widths, two-line header at the bottom, the name whole', () => {
    const t = layoutTable(COLUMNS, ROWS, 200);
    expect(t.dropped).toEqual([]);
    // Widths: 4 (Hạng) + 38 (the longer name) + 4 (LV1) + 5 (15,56), three gaps: 54.
    expect(t.width).toBe(54);
    // Right-aligned headers: "Xếp" and "loại" end at column 54; "LV1" ends at 4 + 1 + 38 + 1 + 4 = 48.
    expect(t.head).toEqual([`${' '.repeat(51)}Xếp`, `Hạng Cơ quan${' '.repeat(33)}LV1  loại`]);
    expect(t.rows[1]).toEqual(['  10 Trung tâm Phục vụ hành chính công tỉnh 7,02  9,66']);
  });

  it('narrower: the flexible column shrinks and wraps to its line cap', () => {
    // 54 − 30 = 24 short: the name column goes from 38 to 38 − 24 = 14, above its minimum of 10.
    const t = layoutTable(COLUMNS, ROWS, 30);
    expect(t.dropped).toEqual([]);
    expect(t.rows[1]).toEqual(['  10 Trung tâm Phục 7,02  9,66', '     vụ hành chính…']);
  });

  it('narrower than the minimum: a drop group leaves whole and the name gets the room back', () => {
    // Kept: 4 + 10 + 4 + 5 + 3 gaps = 26 > 20; without the fields 4 + 1 + name, the name gets 15.
    const t = layoutTable(COLUMNS, ROWS, 20);
    expect(t.dropped).toEqual(['fields']);
    expect(t.head).toEqual(['Hạng Cơ quan']);
    expect(t.rows[0]).toEqual(['   1 Sở Tài chính']);
    // "Trung tâm Phục vụ" is 17 > 15: "vụ" goes to the second line, the last that is allowed.
    expect(t.rows[1]).toEqual(['  10 Trung tâm Phục', '     vụ hành chính…']);
  });
});
