/**
 * A survey points table may give the count of valid answers behind each share ("Số phiếu"); the share
 * then gets its Wilson interval like a share from raw SIPAS answers, and every report that shows the
 * survey line shows the count. Worked by hand on the tiny round (test/helpers/round.ts), D1 at 80% of 5:
 *
 *   Wilson, z = 1.959964, z² = 3.841459, n = 5, p = 0.8:
 *     centre = (p + z²/2n) / (1 + z²/n) = 1.184146 / 1.768292 = 0.669651
 *     half   = z √(p(1−p)/n + z²/4n²) / (1 + z²/n) = 1.959964 × √0.070415 / 1.768292 = 0.294121
 *     → [0.375530, 0.963772]
 *   D1 = appraisal 6 + survey 2 × share + bonus 0.5, of 10:
 *     lower (6 + 0.751060 + 0.5) / 10 = 72.51%, upper (6 + 1.927544 + 0.5) / 10 = 84.28%.
 * D2 has no count: its share adds no interval, so it has none.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRound } from '../../src/pipeline/run-round.js';
import { makeRound } from '../helpers/round.js';

describe('survey shares with their counts', async () => {
  const dir = await makeRound({ year: 2025, appraisal: true });
  writeFileSync(
    join(dir, 'khao-sat.csv'),
    [
      'Mã cơ quan;Mã tiêu chí;Tỷ lệ hài lòng;Số phiếu',
      'D1;2.1.3;80%;5',
      'D2;2.1.3;80%;',
      'D3;2.1.3;80%;2,5', // not a whole count: an error at D4 (scored here with allowIncomplete)
      'D4;2.1.3;80%;400',
      'X1;2.1.3;90%;',
      'X2;2.1.3;90%;',
    ].join('\n'),
  );
  const run = await runRound(dir, { allowIncomplete: true });
  const a = (code: string) => run.result!.agencies.find((x) => x.code === code)!;

  it('D1 at 80% of 5 answers: index 81% within 72.51–84.28%', () => {
    expect(a('D1').total.index.exact).toBe('81');
    expect(a('D1').interval?.shares).toBe(1);
    expect(a('D1').interval?.minValid).toBe(5);
    expect(a('D1').interval?.index.lower.value).toBe(72.51);
    expect(a('D1').interval?.index.upper.value).toBe(84.28);
  });

  it('the scorecard line of the survey item shows the count', () => {
    const item = a('D1').items.find((i) => i.code === '2.1.3')!;
    expect(item.detail?.vi).toBe('điều tra XHH (5 phiếu): tỷ lệ hài lòng 80% × 2 → 1,6 điểm');
    expect(a('D2').items.find((i) => i.code === '2.1.3')!.detail?.vi).toBe('tỷ lệ hài lòng 80% × 2 → 1,6 điểm');
  });

  it('a share without a count has no interval; a count that is not a whole number is a finding at its cell', () => {
    expect(a('D2').interval).toBeUndefined();
    expect(a('D4').interval?.minValid).toBe(400);
    const bad = run.findings.filter((f) => f.code === 'ROUND_SURVEY_BAD_SAMPLE');
    expect(bad.map((f) => [f.location.cell, f.agency, f.severity])).toEqual([['D4', 'D3', 'error']]);
  });
});
