/**
 * `--weights-alt <file>` on score and explain: alternative field maxima from a file outside the round,
 * in place of round.yaml's `weightsAlt`. Worked by hand on the tiny round (test/helpers/round.ts) with
 * D1's survey share raised to 100% (and its 1.1.1 appraised down to 0.25, as in that round):
 *
 *   D1: field 1 = 0.25 + 0.5 + 1 + 2 + 0.75 = 4.5 of 6; field 2 = 1.5 + 2 × 100% = 3.5 of 4; bonus 0.5
 *       → 8.5 of 10 = 85%.
 *   D2: field 1 = 0.75 + 0.5 + 2 + 0.75 = 4 of 5 (1.1.3 not applicable); field 2 = 1.5 + 1.6 = 3.1 of 4;
 *       bonus 0.5 → 7.6 of 9 = 84.44%.
 *   D3, D4: 5 of 6; 3.1 of 4; 0.5 → 86%.   Ranks: D3 1, D4 1, D1 3, D2 4.
 *
 * With field 2's maximum 1 instead of 4 (field 1 keeps its own):
 *   D1: (4.5 + 3.5/4 × 1 + 0.5) / (6 + 1) = 5.875 / 7 = 1175/14 % ≈ 83.93%
 *   D2: (4 + 3.1/4 × 1 + 0.5) / (5 + 1) = 5.275 / 6 = 1055/12 % ≈ 87.92%
 *   D3: (5 + 0.775 + 0.5) / 7 = 6.275 / 7 ≈ 89.64%, D4 the same.
 *   Alternative ranks: D3 1, D4 1, D2 3, D1 4: D1 and D2 swap.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoundResult } from '../../src/result/schema.js';
import { makeRound } from '../helpers/round.js';
import { runBin } from '../helpers/cli.js';

describe('score --weights-alt', async () => {
  const dir = await makeRound({ year: 2025, appraisal: true });
  writeFileSync(
    join(dir, 'khao-sat.csv'),
    ['Mã cơ quan;Mã tiêu chí;Tỷ lệ hài lòng', 'D1;2.1.3;100%', 'D2;2.1.3;80%', 'D3;2.1.3;80%', 'D4;2.1.3;80%']
      .concat(['X1;2.1.3;90%', 'X2;2.1.3;90%'])
      .join('\n'),
  );
  const elsewhere = mkdtempSync(join(tmpdir(), 'parindex-weights-'));
  writeFileSync(join(elsewhere, 'trong-so.yaml'), 'maxima: { "2": 1 }\n');
  // round.yaml names other maxima (field 1 → 1); the flag overrides them.
  writeFileSync(join(dir, 'khac.yaml'), 'maxima: { "1": 1 }\n');
  writeFileSync(join(dir, 'round.yaml'), readFileSync(join(dir, 'round.yaml'), 'utf8') + 'weightsAlt: khac.yaml\n');
  const out = join(elsewhere, 'r.json');
  const run = runBin(['score', dir, '--weights-alt', join(elsewhere, 'trong-so.yaml'), '--out', out]);
  const r = JSON.parse(readFileSync(out, 'utf8')) as RoundResult;
  const a = (code: string) => r.agencies.find((x) => x.code === code)!;

  it('ranks as worked out: D3 1, D4 1, D1 3 (85%), D2 4 (84.44%)', () => {
    expect(run.code).toBe(0);
    expect(['D3', 'D4', 'D1', 'D2'].map((c) => [a(c).rank, a(c).total.index.exact])).toEqual([
      [1, '86'],
      [1, '86'],
      [3, '85'],
      [4, '760/9'],
    ]);
  });

  it('field 2 at 1 point swaps D1 and D2: D1 1175/14 → 4th, D2 1055/12 → 3rd', () => {
    expect(a('D1').alternative).toEqual({ index: { exact: '1175/14', value: 83.93 }, rank: 4, shift: -1 });
    expect(a('D2').alternative).toEqual({ index: { exact: '1055/12', value: 87.92 }, rank: 3, shift: 1 });
    expect(a('D3').alternative?.rank).toBe(1);
  });

  it('the result names the file from the flag, not round.yaml’s, and keeps it as an input', () => {
    expect(r.uncertainty?.weightsAlt?.maxima).toEqual({ '2': 1 });
    expect(r.uncertainty?.weightsAlt?.file).toMatch(/trong-so\.yaml$/);
    expect(r.inputs.filter((i) => i.role === 'weights').map((i) => i.file)).toEqual([r.uncertainty?.weightsAlt?.file]);
  });

  it('explain takes the flag too; a missing file cannot run (exit 2); --help names it', () => {
    const ex = runBin(['explain', dir, 'D1', '--weights-alt', join(elsewhere, 'trong-so.yaml')]);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toMatch(/83,93/);
    expect(runBin(['score', dir, '--weights-alt', join(elsewhere, 'khong-co.yaml')]).code).toBe(2);
    expect(runBin(['score', '--help']).stdout).toContain('--weights-alt <file>');
  });
});
