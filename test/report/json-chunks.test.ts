/** result.json written in pieces has exactly the bytes of JSON.stringify(result, null, 2) + "\n". */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/report/write-report.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { ROOT } from '../helpers/cli.js';

const whole = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

describe('jsonChunks', () => {
  it("gives the bytes of the committed result.json of the sample round's last year", () => {
    const text = readFileSync(join(ROOT, 'fixtures/sample-round/previous/ket-qua-2024.json'), 'utf8');
    const doc = JSON.parse(text) as object;
    expect([...jsonChunks(doc)].join('')).toBe(text);
  });
  it('gives the bytes of JSON.stringify for the sample round scored now', async () => {
    const run = await runRound(join(ROOT, 'fixtures/sample-round'));
    expect(run.result).toBeDefined();
    expect([...jsonChunks(run.result!)].join('')).toBe(whole(run.result));
  });
  it('handles empty and undefined values, newlines in strings and nested arrays as JSON.stringify does', () => {
    const doc = {
      a: [],
      b: {},
      c: undefined,
      d: [1, undefined, [2, { e: 'x\ny' }]],
      f: 'multi\nline',
      g: null,
      h: [{}],
      i: () => 1,
    };
    expect([...jsonChunks(doc)].join('')).toBe(whole(doc));
    expect([...jsonChunks({})].join('')).toBe('{}\n');
  });
  it('equals JSON.stringify on random documents', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 4 })), (doc) => {
        expect([...jsonChunks(doc)].join('')).toBe(whole(doc));
      }),
      { numRuns: 500 },
    );
  });
});
