/**
 * Runs the built binary under a memory ceiling and a time limit (`ulimit -v` and `timeout -s KILL`
 * through sh), so that a regression on a hostile input aborts that one run, not the test process or
 * the machine, and reports its peak memory (the process's own maxRSS, written as it exits).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN } from './cli.js';

const PEAK = fileURLToPath(new URL('./peak-rss.mjs', import.meta.url));

/**
 * The binary under test; PARINDEX_TEST_BIN runs the same cases against another build (an older
 * one, to see them fail).
 */
const TARGET = process.env.PARINDEX_TEST_BIN ?? BIN;

/** Virtual memory allowed to a run: node itself reserves about 1 GB of address space before it reads a byte. */
export const CEILING_KB = 2_500_000;

export interface BoundedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  ms: number;
  /** Peak resident memory in MB; undefined when the process did not exit by itself. */
  peakMb: number | undefined;
}

/** Runs `parindex …args` in `cwd` with `--lang en`, colour off, under the ceiling and `seconds`. */
export function runBounded(args: string[], cwd: string, seconds = 60): Promise<BoundedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-peak-'));
  const peakFile = join(dir, 'peak');
  const script = `ulimit -v ${CEILING_KB}; exec timeout -s KILL ${seconds} "$@"`;
  const child = spawn('sh', ['-c', script, 'sh', process.execPath, '--import', PEAK, TARGET, '--lang', 'en', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', PARINDEX_PEAK_FILE: peakFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const t0 = Date.now();
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      let peakMb: number | undefined;
      try {
        peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
      } catch {
        peakMb = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, out, ms: Date.now() - t0, peakMb });
    });
  });
}
