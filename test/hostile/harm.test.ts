/**
 * Nothing harmed: a run stopped mid-write leaves the old report or none (never half a file, never a
 * stray temporary file when it could clean up), inputs are never modified, and reports are not
 * written into the submissions folder without --force.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BIN as BUILT, ROOT, runBin } from '../helpers/cli.js';

const BIN = process.env.PARINDEX_TEST_BIN ?? BUILT;

function sampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-harm-'));
  cpSync(join(ROOT, 'fixtures/sample-round'), join(dir, 'round'), { recursive: true });
  return dir;
}

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** Starts `score` writing a report, and stops it with `signal` as soon as a temporary file appears. */
async function stopMidWrite(dir: string, signal: NodeJS.Signals): Promise<{ sawTemp: boolean; code: number | null }> {
  const child = spawn(process.execPath, [BIN, 'score', 'round', '--out', 'out/bao-cao.xlsx', 'out/bao-cao.html'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let sawTemp = false;
  for (let i = 0; i < 4000 && child.exitCode === null; i++) {
    const tmp = existsSync(join(dir, 'out')) && readdirSync(join(dir, 'out')).some((n) => n.endsWith('.tmp'));
    if (tmp) {
      sawTemp = true;
      child.kill(signal);
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return { sawTemp, code: await exited };
}

async function isCompleteWorkbook(path: string): Promise<boolean> {
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb.worksheets.length > 0;
  } catch {
    return false;
  }
}

describe('an interrupted run', () => {
  it('stopped with SIGTERM while writing leaves no report and no temporary file', async () => {
    const dir = sampleCopy();
    const r = await stopMidWrite(dir, 'SIGTERM');
    expect(r.sawTemp).toBe(true);
    expect(r.code).toBe(143);
    const left = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : [];
    expect(left.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Whatever is there under a report's name is whole: the rename happens only after the last byte.
    for (const n of left.filter((x) => x.endsWith('.xlsx')))
      expect(await isCompleteWorkbook(join(dir, 'out', n))).toBe(true);
  });

  it('killed outright (SIGKILL) while writing never leaves a half report under its name', async () => {
    const dir = sampleCopy();
    const r = await stopMidWrite(dir, 'SIGKILL');
    expect(r.sawTemp).toBe(true);
    const target = join(dir, 'out', 'bao-cao.xlsx');
    if (existsSync(target)) expect(await isCompleteWorkbook(target)).toBe(true);
    // The temporary file cannot be removed by a killed process; it is hidden (dot name) and named .tmp.
    for (const n of readdirSync(join(dir, 'out')))
      expect(n === 'bao-cao.xlsx' || n === 'bao-cao.html' || /^\..+\.tmp$/.test(n)).toBe(true);
  });
});

describe('a stop request during a long synchronous step', () => {
  it('ends the run within a second (SIGTERM and Ctrl-C), leaving no temporary file', async () => {
    // A legal CSV of 2.8 million cells (under the 3 million limit): csv-parse reads it in one
    // synchronous call of seconds; the signal comes while that call runs, well after start-up.
    const dir = mkdtempSync(join(tmpdir(), 'parindex-stop-'));
    const row = Array(14).fill('Văn bản 12').join(';');
    writeFileSync(
      join(dir, 'big.csv'),
      `${Array.from({ length: 14 }, (_, i) => `c${i}`).join(';')}\n${`${row}\n`.repeat(199_000)}`,
    );
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(
        process.execPath,
        [BIN, 'validate', 'big.csv', '--criteria', 'illustrative-internal@2025.1'],
        { cwd: dir, stdio: 'ignore' },
      );
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      await new Promise((r) => setTimeout(r, 1200));
      expect(child.exitCode, 'still running when the signal is sent').toBe(null);
      const t0 = Date.now();
      child.kill(signal);
      const end = await exited;
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(end.signal ?? end.code).toBe(end.signal ? signal : signal === 'SIGTERM' ? 143 : 130);
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  });
});

describe('inputs are never harmed', () => {
  it('score with every report leaves every input byte-identical', () => {
    const dir = sampleCopy();
    const before = hashes(join(dir, 'round'));
    const r = runBin(['score', 'round', '--out', 'out/a.xlsx', 'out/a.html', 'out/a.csv', 'out/a.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const after = hashes(join(dir, 'round'));
    expect(after).toEqual(before);
  });

  it('refuses to write a report into the submissions folder without --force, and an input even with it', () => {
    const dir = sampleCopy();
    const inside = runBin(['score', 'round', '--out', 'round/submissions/bao-cao.xlsx'], { cwd: dir });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/thư mục hồ sơ/);
    expect(existsSync(join(dir, 'round/submissions/bao-cao.xlsx'))).toBe(false);
    const input = runBin(['score', 'round', '--out', 'round/roster.csv', '--force'], { cwd: dir });
    expect(input.code).toBe(2);
    expect(readFileSync(join(dir, 'round/roster.csv'))).toEqual(
      readFileSync(join(ROOT, 'fixtures/sample-round/roster.csv')),
    );
    const forced = runBin(['score', 'round', '--out', 'round/submissions/bao-cao.xlsx', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(existsSync(join(dir, 'round/submissions/bao-cao.xlsx'))).toBe(true);
  });
});
