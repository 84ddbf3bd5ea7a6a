/**
 * The worker path (validation in worker threads) against the single-thread path: the same
 * findings, the same `validate --json` bytes and the same result.json bytes, on the sample round
 * and on a copy with hostile additions (a damaged workbook, a CSV cut short, a duplicate agency).
 * Run through the built binary, where the worker script exists.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBin } from '../helpers/cli.js';

function sampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-workers-'));
  cpSync(join(ROOT, 'fixtures/sample-round'), dir, { recursive: true });
  return dir;
}

describe('validation in worker threads gives what one thread gives', () => {
  it('sample round: the same validate --json and the same result.json bytes', () => {
    const dir = sampleCopy();
    const v = [0, 2].map((w) =>
      runBin(
        [
          '--debug',
          '--workers',
          String(w),
          'validate',
          join(dir, 'submissions'),
          '--roster',
          join(dir, 'roster.csv'),
          '--criteria',
          'illustrative-internal@2025.1',
          '--json',
        ],
        { cwd: dir },
      ),
    );
    expect(v.map((r) => r.code)).toEqual([0, 0]);
    expect(v.map((r) => r.stderr.trim())).toEqual([
      'validate: 23 files, 0 worker threads',
      'validate: 23 files, 2 worker threads',
    ]);
    expect(v[1]!.stdout).toBe(v[0]!.stdout);
    expect(JSON.parse(v[0]!.stdout).files.length).toBe(23);

    for (const w of [0, 2]) {
      const r = runBin(['--debug', '--workers', String(w), 'score', dir, '--out', join(dir, `result-${w}.json`)]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`score: 23 files, ${w} worker threads`);
    }
    const one = readFileSync(join(dir, 'result-0.json'));
    expect(readFileSync(join(dir, 'result-2.json')).equals(one)).toBe(true);
    expect(JSON.parse(one.toString()).agencies.length).toBe(50);
  });

  it('with a damaged workbook, a CSV cut short and a duplicate agency: the same findings in the same order', () => {
    const dir = sampleCopy();
    const subs = join(dir, 'submissions');
    writeFileSync(
      join(subs, 'hong.xlsx'),
      Buffer.concat([readFileSync(join(subs, 'so-nganh/snv.xlsx')).subarray(0, 4000), Buffer.alloc(100)]),
    );
    cpSync(join(subs, 'so-nganh/stp.xlsx'), join(subs, 'so-nganh/stp-ban-sao.xlsx'));
    writeFileSync(join(subs, 'cat-ngang.csv'), 'Mã cơ quan;Mã;Điểm tự chấm\nX1;1.1.1;"1\n');
    const v = [0, 2].map((w) =>
      runBin(['--workers', String(w), 'validate', subs, '--roster', join(dir, 'roster.csv'), '--json'], { cwd: dir }),
    );
    expect(v.map((r) => r.code)).toEqual([1, 1]);
    expect(v[1]!.stdout).toBe(v[0]!.stdout);
    const codes = new Set(
      JSON.parse(v[0]!.stdout).files.flatMap((f: { findings: { code: string }[] }) => f.findings.map((x) => x.code)),
    );
    for (const c of ['INTAKE_CORRUPT', 'INTAKE_AGENCY_DUPLICATE', 'INTAKE_CSV_MALFORMED']) expect(codes).toContain(c);
    expect(v[1]!.stderr).toBe('');
  });

  it('refuses a bad --workers value (exit 2)', () => {
    expect(runBin(['--workers', 'many', 'validate', join(ROOT, 'fixtures/sample-round/submissions')]).code).toBe(2);
  });
});
