/** The zip guard's row and cell count: one pass per chunk, each tag counted once across chunk borders. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTags } from '../../src/load/zip-guard.js';

/** What is counted, by a regular expression on the whole text. */
function expected(xml: string): { rows: number; cells: number } {
  return { rows: (xml.match(/<row/g) ?? []).length, cells: (xml.match(/<c[ >]/g) ?? []).length };
}

/** Counts chunk by chunk as the guard does: the last three bytes of a chunk go in front of the next. */
function chunked(xml: string, cuts: number[]): { rows: number; cells: number } {
  const buf = Buffer.from(xml, 'latin1');
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  let tail = Buffer.alloc(0);
  let rows = 0;
  let cells = 0;
  let from = 0;
  for (const to of [...points, buf.length]) {
    const chunk = buf.subarray(from, to);
    from = to;
    const joined = Buffer.concat([tail, chunk]);
    const n = countTags(joined, tail.length);
    rows += n.rows;
    cells += n.cells;
    tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 3)));
  }
  return { rows, cells };
}

describe('countTags', () => {
  it('counts rows and cells of a sheet', () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c>1</c><col/><cols/></row><row r="2"/></sheetData>';
    expect(countTags(Buffer.from(xml))).toEqual({ rows: 2, cells: 2 });
    expect(countTags(Buffer.from('<c'))).toEqual({ rows: 0, cells: 0 });
  });

  it('counts every tag once however the text is cut into chunks', () => {
    const pieces = fc.constantFrom(
      '<row r="1">',
      '<c r="A1">',
      '<c>',
      '<cols>',
      '<col ',
      '<',
      'c',
      ' ',
      '>',
      'row',
      '<ro',
      'w',
      '</c>',
      'x',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, cuts) => {
        const xml = parts.join('');
        expect(chunked(xml, cuts)).toEqual(expected(xml));
      }),
      { numRuns: 3000 },
    );
  });
});
