/**
 * Walks the hostile-input corpus (fixtures/hostile/corpus.ts): every case must end with its exit
 * code and its finding or message, without a stack trace, within 30 s and 1 GB, its inputs left
 * byte for byte as they were. Each case runs the built binary under a memory ceiling and a time
 * limit (test/helpers/bounded.ts), so a regression aborts that run, not the machine.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from '../../fixtures/hostile/corpus.js';
import { runBounded } from '../helpers/bounded.js';

const keep = process.env.HOSTILE_KEEP;
const root = keep ?? mkdtempSync(join(tmpdir(), 'parindex-hostile-'));
/** Time and peak memory of each case, printed at the end (the worst cases are the ones to watch). */
const costs: string[] = [];
afterAll(() => {
  if (!keep) rmSync(root, { recursive: true, force: true });
  console.log(`hostile corpus: ${CASES.length} cases\n${costs.join('\n')}`);
});

/** Every file under `dir` (links not followed) → its hash; files past 64 MB by size and time (some are 2 GB sparse). */
function fingerprints(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (!st.isFile()) continue;
      else if (st.size > 64 * 1024 * 1024) out.set(relative(dir, p), `${st.size}@${st.mtimeMs}`);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

describe('hostile corpus', () => {
  it('has at least 60 cases with unique ids', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.id}: ${c.what} → ${c.exit === 2 ? 'exit 2' : c.expect}`, async () => {
      const dir = join(root, c.id);
      mkdirSync(dir, { recursive: true });
      const args = await c.make(dir);
      const before = fingerprints(dir);
      const r = await runBounded(args, dir);
      costs.push(
        `${c.id.padEnd(34)} ${String(r.ms).padStart(6)} ms ${String(Math.round(r.peakMb ?? -1)).padStart(5)} MB ` +
          `exit ${r.code ?? r.signal}`,
      );
      expect(r.signal, `ended by ${r.signal} after ${r.ms} ms:\n${r.out.slice(-2000)}`).toBeNull();
      expect(r.out).toContain(c.expect);
      for (const m of c.mentions ?? []) expect(r.out).toContain(m);
      if (c.absent) expect(r.out).not.toContain(c.absent);
      expect(r.out).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect(r.code).toBe(c.exit);
      // Inputs are never changed; outputs may be added.
      const after = fingerprints(dir);
      for (const [file, print] of before) expect(after.get(file), file).toBe(print);
      await c.check?.(dir);
      expect(r.ms).toBeLessThan(30_000);
      expect(r.peakMb).toBeLessThan(1024);
    });
  }
});
