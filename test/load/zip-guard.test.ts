/**
 * The zip guard's one pass over a sheet part: rows, cells and what the sheet declares (merged
 * cells, column ranges, references past the grid), each tag counted once across chunk borders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeArea, SheetScan, sheetReferences } from '../../src/load/declared-work.js';

/** What is counted, by regular expressions on the whole text. */
function expected(xml: string): { rows: number; cells: number; declared: number } {
  const merged = [...xml.matchAll(/<(?:\w+:)?mergeCell ref="([^"]*)"[^>]*>/g)].reduce(
    (n, m) => n + rangeArea(m[1]!),
    0,
  );
  const cols = [...xml.matchAll(/<col min="(\d+)" max="(\d+)"[^>]*>/g)].reduce(
    (n, m) => n + Number(m[2]) - Number(m[1]) + 1,
    0,
  );
  return {
    rows: (xml.match(/<(?:\w+:)?row[\s>/]/g) ?? []).length,
    cells: (xml.match(/<(?:\w+:)?c[\s>/]/g) ?? []).length,
    declared: merged + cols,
  };
}

/** Scans `xml` cut into chunks at `cuts`, as the guard hands them over. */
function chunked(xml: string, cuts: number[]): SheetScan {
  const buf = Buffer.from(xml, 'latin1');
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const scan = new SheetScan();
  let from = 0;
  for (const to of [...points, buf.length]) {
    scan.scan(buf.subarray(from, to));
    from = to;
  }
  return scan;
}

const counts = (s: SheetScan): { rows: number; cells: number; declared: number } => ({
  rows: s.rows,
  cells: s.cells,
  declared: s.declared,
});

describe('SheetScan', () => {
  it('counts rows and cells of a sheet, with or without a namespace prefix', () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c>1</c><col/><cols/></row><row r="2"/><x:row>' +
      '<x:c\nr="B3"/></x:row></sheetData>';
    expect(counts(chunked(xml, []))).toEqual({ rows: 3, cells: 3, declared: 0 });
    expect(counts(chunked('<c', []))).toEqual({ rows: 0, cells: 0, declared: 0 });
  });

  it('counts merged cells and column ranges, clipped to the grid', () => {
    const xml =
      '<cols><col min="1" max="3" width="9"/><col min="10" max="16384" hidden="1"/></cols><mergeCells>' +
      '<mergeCell ref="A1:B2"/><mergeCell ref="A1:XFD1048576"/></mergeCells>';
    expect(chunked(xml, []).declared).toBe(3 + 16_375 + 4 + 16_384 * 1_048_576);
    expect(rangeArea('C:C')).toBe(1_048_576);
    expect(rangeArea('3:5')).toBe(3 * 16_384);
    expect(rangeArea('$A$1:$B$2 D4')).toBe(5);
    expect(rangeArea('1A $ :')).toBe(0);
  });

  it('notes a cell reference or a column past XFD1048576, and nothing inside the grid', () => {
    expect(chunked('<c r="XFD1048576"><v>1</v></c>', []).pastGrid).toBeUndefined();
    expect(chunked('<c r="XFE1"><v>1</v></c>', []).pastGrid).toBe('XFE1');
    expect(chunked('<c s="1" r="A1048577"/>', []).pastGrid).toBe('A1048577');
    expect(chunked('<c x="a>b" r="ZZZZZZZZ1"/>', []).pastGrid).toBe('ZZZZZZZZ1');
    expect(chunked('<col min="1" max="2000000000"/>', []).pastGrid).toContain('2000000000');
  });

  it('counts a tag once when a stray "<" comes before it (found by the property below, seed -1915982763)', () => {
    // "<<rox:c>" holds one cell, <rox:c>; "<c<row>" one row and no cell: the scan once counted from each "<".
    expect(counts(chunked('<<rox:c><end/>', []))).toEqual({ rows: 0, cells: 1, declared: 0 });
    expect(counts(chunked('<c<row><end/>', []))).toEqual({ rows: 1, cells: 0, declared: 0 });
  });

  it('counts every tag once however the text is cut into chunks', () => {
    const pieces = fc.constantFrom(
      '<row r="1">',
      '<c r="A1">',
      '<c>',
      '<c/>',
      '<cols>',
      '<col min="2" max="5"/>',
      '<mergeCell ref="A1:C3"/>',
      '<c r="XFE9">',
      '<',
      'c',
      ' ',
      '>',
      'row',
      '<ro',
      'w',
      '</c>',
      'x',
      'x:',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, cuts) => {
        // A part ends with a whole tag (a cut one is broken XML, which no reader gets past).
        const xml = `${parts.join('')}<end/>`;
        const whole = chunked(xml, []);
        const cut = chunked(xml, cuts);
        expect(counts(cut)).toEqual(counts(whole));
        expect(cut.pastGrid).toEqual(whole.pastGrid);
        expect(counts(whole)).toEqual(expected(xml));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('sheetReferences', () => {
  it('counts how many sheets list each part', () => {
    const rels =
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" ' +
      'Target="/xl/worksheets/sheet2.xml"/></Relationships>';
    const wb =
      '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/><sheet name="b" sheetId="2" ' +
      'r:id="rId1"/><sheet name="c" sheetId="3" r:id="rId2"/></sheets></workbook>';
    expect(sheetReferences(Buffer.from(wb), Buffer.from(rels))).toEqual(
      new Map([
        ['xl/worksheets/sheet1.xml', 2],
        ['xl/worksheets/sheet2.xml', 1],
      ]),
    );
    expect(sheetReferences(Buffer.from('<workbook'), Buffer.from(rels)).size).toBe(0);
  });
});
