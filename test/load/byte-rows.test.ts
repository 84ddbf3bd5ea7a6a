/**
 * The in-place reader of UTF-8 answer files gives exactly the records of the general reader
 * (csvRecords over the decoded text), however the bytes are cut, with quotes, bare carriage
 * returns, blank lines, ragged rows, non-ASCII and even invalid UTF-8 in the file.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteRecords, fieldKey, fieldText, isByteBatch, isPlainCode } from '../../src/load/byte-rows.js';
import { csvRecords, UnterminatedQuote, type CsvRecord } from '../../src/load/csv-lines.js';
import { IdSet } from '../../src/score/id-set.js';
import { rng } from '../../scripts/rng.mjs';

async function* chunksOf(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    // Fresh copies: the reader may not keep a chunk it was given.
    if (c > at) yield Buffer.from(bytes.subarray(at, c));
    at = c;
  }
}

/** Records read, and the line of an unterminated quote if reading ended on one. */
async function viaBytes(
  bytes: Buffer,
  delimiter: string,
  cuts: number[],
): Promise<{ records: CsvRecord[]; inPlace: number; unterminated?: number }> {
  const records: CsvRecord[] = [];
  let inPlace = 0;
  try {
    for await (const batch of byteRecords(chunksOf(bytes, cuts), delimiter)) {
      if (!isByteBatch(batch)) {
        records.push(...batch);
        continue;
      }
      // Read at once: the batch's buffers are reused for the next one.
      for (let r = 0; r < batch.count; r++) {
        inPlace++;
        records.push({
          line: batch.line[r]!,
          cells: Array.from({ length: batch.width }, (_, f) => fieldText(batch, r, f)),
        });
      }
    }
  } catch (e) {
    if (!(e instanceof UnterminatedQuote)) throw e;
    return { records, inPlace, unterminated: e.line };
  }
  return { records, inPlace };
}

async function viaText(bytes: Buffer, delimiter: string): Promise<{ records: CsvRecord[]; unterminated?: number }> {
  async function* text(): AsyncIterable<string> {
    yield new TextDecoder('utf-8').decode(bytes);
  }
  const records: CsvRecord[] = [];
  try {
    for await (const batch of csvRecords(text(), delimiter)) records.push(...batch);
  } catch (e) {
    if (!(e instanceof UnterminatedQuote)) throw e;
    return { records, unterminated: e.line };
  }
  return { records };
}

describe('answer rows read in place from bytes', () => {
  it(
    'agrees with csv-parse, the library it stands in for, on ' + 'generated UTF-8 files, whatever the chunking',
    async () => {
      const rand = rng(19);
      let inPlace = 0;
      // Half the files have quoted fields (which the fast path hands on to the general reader).
      let quoting = false;
      const field = (): string => {
        const r = rand();
        if (r < 0.55) return String(1 + Math.floor(rand() * 5));
        if (r < 0.65) return '';
        if (r < 0.75) return 'Hài lòng';
        if (r < 0.8 || !quoting) return 'CQ-' + Math.floor(rand() * 100);
        if (r < 0.87) return '"có , dấu"';
        if (r < 0.94) return '"nói ""có"""';
        return '"hai\r\ndòng"';
      };
      for (let k = 0; k < 40; k++) {
        const width = 2 + Math.floor(rand() * 4);
        quoting = rand() < 0.5;
        const lines = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => {
          const r = rand();
          if (r < 0.05) return ''; // a blank line
          const n = r < 0.1 ? width - 1 : width; // a ragged row now and then
          return Array.from({ length: n }, field).join(',');
        });
        const text = lines.join(rand() < 0.5 ? '\r\n' : '\n');
        const bytes = Buffer.from(text, 'utf8');
        const expected = (
          parse(text, { delimiter: ',', relax_column_count: true, skip_empty_lines: true }) as string[][]
        ).map((r) => r.map((c) => c.replace(/\r\n/g, '\n')));
        const cuts = Array.from({ length: 6 }, () => Math.floor(rand() * bytes.length)).sort((a, b) => a - b);
        const got = await viaBytes(bytes, ',', cuts);
        expect(got.unterminated, `case ${k}`).toBeUndefined();
        inPlace += got.inPlace;
        expect(
          got.records.map((r) => r.cells),
          `case ${k}`,
        ).toEqual(expected);
      }
      // The fast path itself was compared, not only the general reader it hands quoted text to.
      expect(inPlace).toBeGreaterThan(50);
    },
  );

  it('reads plain rows in place, with their lines, and hands ragged rows on as records', async () => {
    const bytes = Buffer.from('Mã,Q1,Q2\r\nCQ1,4,5\r\n\r\nCQ2,,3\r\nCQ3,1\r\nCQ4,2,2', 'utf8');
    const { records, inPlace } = await viaBytes(bytes, ',', [7, 20]);
    expect(records).toEqual([
      { line: 1, cells: ['Mã', 'Q1', 'Q2'] },
      { line: 2, cells: ['CQ1', '4', '5'] },
      { line: 4, cells: ['CQ2', '', '3'] },
      { line: 5, cells: ['CQ3', '1'] },
      { line: 6, cells: ['CQ4', '2', '2'] },
    ]);
    expect(inPlace).toBe(3);
  });

  it('hands the rest of the file to the general reader at the first quote, keeping line numbers', async () => {
    const bytes = Buffer.from('id;a\n1;x\n2;"y\r\nz"\n3;w\n', 'utf8');
    const { records, inPlace } = await viaBytes(bytes, ';', [3]);
    expect(records).toEqual([
      { line: 1, cells: ['id', 'a'] },
      { line: 2, cells: ['1', 'x'] },
      { line: 3, cells: ['2', 'y\nz'] },
      { line: 5, cells: ['3', 'w'] },
    ]);
    expect(inPlace).toBe(1);
  });

  it('equals the general reader on random files and random cuts', async () => {
    const piece = fc.constantFrom(
      '4',
      '5',
      '',
      'CQ01',
      'Hài lòng',
      ' ',
      '"',
      '""',
      '\r',
      '\r\n',
      '\n',
      ',',
      ';',
      '\uFEFF',
      'é',
      '\u{1F600}',
    );
    const invalid = fc.constantFrom(Buffer.of(0xc3), Buffer.of(0xff), Buffer.of(0xe2, 0x82), Buffer.of(0x80));
    const file = fc.array(
      fc.oneof({ weight: 9, arbitrary: piece.map((p) => Buffer.from(p, 'utf8')) }, { weight: 1, arbitrary: invalid }),
      { maxLength: 80 },
    );
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(',', ';'),
        async (parts, rawCuts, delimiter) => {
          const bytes = Buffer.concat(parts);
          const cuts = rawCuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b);
          const expected = await viaText(bytes, delimiter);
          const { inPlace: _, ...got } = await viaBytes(bytes, delimiter, cuts);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('equals the general reader on long plain files cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.constantFrom('1', '2', '3', '4', '5', '', 'Hài lòng', 'CQ0001', 'P12'), {
            minLength: 3,
            maxLength: 3,
          }),
          { minLength: 1, maxLength: 300 },
        ),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        async (rows, rawCuts, crlf) => {
          const bytes = Buffer.from(['id,unit,q', ...rows.map((r) => r.join(','))].join(crlf ? '\r\n' : '\n'), 'utf8');
          const cuts = rawCuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b);
          const { records, inPlace } = await viaBytes(bytes, ',', cuts);
          expect(records).toEqual((await viaText(bytes, ',')).records);
          expect(inPlace).toBe(rows.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it(
    'gives short ASCII fields a numeric key, plain codes a check, and hashes an id from its bytes as from its ' +
      'text',
    async () => {
      const bytes = Buffer.from('a,b,c\nCQ01,Hà,P-7/1.x\nABCDEFG,,_x\n', 'utf8');
      const batches = [];
      for await (const b of byteRecords(chunksOf(bytes, []), ','))
        if (isByteBatch(b)) batches.push({ ...b, at: b.at.slice(), line: b.line.slice() });
      const b = batches[0]!;
      // length, then the bytes from the last
      expect(fieldKey(b, 0, 0)).toBe((((4 * 256 + 0x31) * 256 + 0x30) * 256 + 0x51) * 256 + 0x43);
      expect(fieldKey(b, 0, 1)).toBe(-1); // not ASCII
      expect(fieldKey(b, 1, 0)).toBe(-1); // 7 bytes
      expect(fieldKey(b, 1, 1)).toBe(-1); // empty
      expect(isPlainCode(b, 0, 2)).toBe(true);
      expect(isPlainCode(b, 1, 2)).toBe(false); // starts with "_"
      expect(isPlainCode(b, 0, 1)).toBe(false);
      const a = new IdSet();
      const c = new IdSet();
      expect(a.addOrGet('CQ01\u0000P-7/1.x', 0, 2)).toBeUndefined();
      expect(a.addOrGetAscii('CQ01', b.buf, b.at[2]!, b.at[3]! - 1, 0, 3)).toEqual({ file: 0, row: 2 });
      expect(c.addOrGetAscii('CQ01', b.buf, b.at[2]!, b.at[3]! - 1, 1, 9)).toBeUndefined();
      expect(c.addOrGet('CQ01\u0000P-7/1.x', 0, 2)).toEqual({ file: 1, row: 9 });
      expect(c.addOrGet('CQ02\u0000P-7/1.x', 0, 2)).toBeUndefined();
    },
  );

  it('keeps ids across growth, and forgets them when cleared', () => {
    const ids = new IdSet(16);
    for (let i = 0; i < 10_000; i++) expect(ids.addOrGet(`CQ${i % 7}\u0000P${i}`, i % 3, i + 2)).toBeUndefined();
    expect(ids.size).toBe(10_000);
    for (let i = 0; i < 10_000; i += 997)
      expect(ids.addOrGet(`CQ${i % 7}\u0000P${i}`, 5, 1)).toEqual({ file: i % 3, row: i + 2 });
    ids.clear();
    expect(ids.size).toBe(0);
    expect(ids.addOrGet('CQ0\u0000P0', 4, 7)).toBeUndefined();
    expect(ids.addOrGet('CQ0\u0000P0', 4, 8)).toEqual({ file: 4, row: 7 });
  });
});
