/** The streaming CSV reader of answer files: the same records as csv-parse, however the text is cut. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords, splitRecord, UnterminatedQuote, type CsvRecord } from '../../src/load/csv-lines.js';
import { rng } from '../../scripts/rng.mjs';

async function read(text: string, delimiter: string, cuts: number[]): Promise<CsvRecord[]> {
  const chunks: string[] = [];
  let at = 0;
  for (const c of [...cuts, text.length]) {
    chunks.push(text.slice(at, c));
    at = c;
  }
  async function* gen(): AsyncIterable<string> {
    for (const c of chunks) yield c;
  }
  const out: CsvRecord[] = [];
  for await (const batch of csvRecords(gen(), delimiter)) out.push(...batch);
  return out;
}

describe('answer CSV records', () => {
  it('splits plain and quoted fields, doubled quotes, and a quote inside an unquoted field', () => {
    expect(splitRecord('a;b;;c', ';')).toEqual(['a', 'b', '', 'c']);
    expect(splitRecord('"a;b";"say ""hi""";c', ';')).toEqual(['a;b', 'say "hi"', 'c']);
    expect(splitRecord('5 "rất" tốt,4', ',')).toEqual(['5 "rất" tốt', '4']);
    expect(splitRecord('"x",', ',')).toEqual(['x', '']);
  });

  it('gives records with the line each starts on, across \\r\\n, \\n and \\r, skipping blank lines', async () => {
    const text = 'id;a\r\n1;"x\r\ny"\n\n2;z\r3;w';
    const recs = await read(text, ';', [5, 6, 13, 14]);
    expect(recs).toEqual([
      { line: 1, cells: ['id', 'a'] },
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 5, cells: ['2', 'z'] },
      { line: 6, cells: ['3', 'w'] },
    ]);
  });

  it('agrees with csv-parse on generated files, whatever the chunking', async () => {
    const rand = rng(42);
    const field = (): string => {
      const r = rand();
      if (r < 0.5) return String(1 + Math.floor(rand() * 5));
      if (r < 0.6) return '';
      if (r < 0.7) return 'Hài lòng';
      if (r < 0.8) return '"có ; dấu"';
      if (r < 0.9) return '"nói ""có"""';
      return '"hai\r\ndòng"';
    };
    for (let k = 0; k < 30; k++) {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 20) }, () =>
        Array.from({ length: 4 }, field).join(';'),
      );
      const text = lines.join(rand() < 0.5 ? '\r\n' : '\n');
      const expected = (
        parse(text, { delimiter: ';', relax_column_count: true, skip_empty_lines: true }) as string[][]
      ).map((r) => r.map((c) => c.replace(/\r\n/g, '\n')));
      const cuts = Array.from({ length: 5 }, () => Math.floor(rand() * text.length)).sort((a, b) => a - b);
      const got = (await read(text, ';', cuts)).map((r) => r.cells);
      expect(got, `case ${k}`).toEqual(expected);
    }
  });

  it('reports a quote that never closes with the line it opened on', async () => {
    await expect(read('a,b\n1,"x\n2,3\n', ',', [])).rejects.toEqual(new UnterminatedQuote(2));
  });
});
