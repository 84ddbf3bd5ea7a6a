/**
 * Walks the hostile-input corpus (fixtures/hostile/corpus.ts): every case must end with its exit
 * code and its finding or message, without a stack trace, in bounded time and memory.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from '../../fixtures/hostile/corpus.js';
import { runCli } from '../../src/cli/program.js';

const keep = process.env.HOSTILE_KEEP;
const root = keep ?? mkdtempSync(join(tmpdir(), 'parindex-hostile-'));
afterAll(() => {
  if (!keep) rmSync(root, { recursive: true, force: true });
  console.log(`hostile corpus: ${CASES.length} cases`);
});

/** Runs the CLI in this process from `cwd`, capturing its output. */
async function cli(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true), isTTY: false };
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCli(['--lang', 'en', ...args], { stdout: sink, stderr: sink, env: { NO_COLOR: '1' } });
    return { code, out };
  } finally {
    process.chdir(before);
  }
}

describe('hostile corpus', () => {
  it('has at least 40 cases with unique ids', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.id}: ${c.what} → ${c.exit === 2 ? 'exit 2' : c.expect}`, async () => {
      const dir = join(root, c.id);
      mkdirSync(dir, { recursive: true });
      const args = await c.make(dir);
      const rss0 = process.memoryUsage().rss;
      const t0 = Date.now();
      const r = await cli(args, dir);
      const ms = Date.now() - t0;
      const grew = (process.memoryUsage().rss - rss0) / 1024 ** 2;
      expect(r.out).toContain(c.expect);
      if (c.absent) expect(r.out).not.toContain(c.absent);
      expect(r.out).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect(r.code).toBe(c.exit);
      await c.check?.(dir);
      // Loose bounds: a case is answered in seconds and never near a gigabyte.
      expect(ms).toBeLessThan(20_000);
      expect(grew).toBeLessThan(600);
    });
  }
});
