/**
 * How sure a rank is, worked by hand: the Wilson interval of a small sample, an agency's index
 * interval, a three-agency rank interval, and alternative field maxima that swap two ranks.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/core/rational.js';
import { rankIntervals, weightShifts } from '../../src/rank/uncertainty.js';
import { indexInterval, indexWithMaxima, wilsonInterval } from '../../src/score/interval.js';
import { scoreAgency } from '../../src/score/score.js';
import type { SurveyValue } from '../../src/score/types.js';
import { agency, ex, indexed, selfPoints, withFields } from '../score/helpers.js';

// Field 1: one appraisal item of 50 points; field 2: one survey item of 50 points scored by a share.
const set = indexed(
  withFields(100, [
    {
      code: '1',
      title: { vi: 'Tự chấm' },
      max: 50,
      children: [{ code: '1.1', title: { vi: 'Điểm' }, max: 50, rule: { kind: 'points', step: 0.01 } }],
    },
    {
      code: '2',
      title: { vi: 'Khảo sát' },
      max: 50,
      children: [{ code: '2.1', title: { vi: 'Hài lòng' }, max: 50, source: 'survey', rule: { kind: 'survey' } }],
    },
  ]),
);

function at(code: string, points: string, share: string, valid: number) {
  const survey = new Map<string, SurveyValue>([['2.1', { share: q(share), from: { measure: 'sipas', valid } }]]);
  return scoreAgency({ agency: agency(code), criteria: set, self: selfPoints({ '1.1': points }), survey });
}

describe('wilsonInterval', () => {
  it('8 satisfied of 10: centre (p + z²/2n)/(1 + z²/n), half-width z√(p(1−p)/n + z²/4n²)/(1 + z²/n)', () => {
    // z = 1.959964, z² = 3.841459; 1 + z²/n = 1.3841459; centre = (0.8 + 0.1920730)/1.3841459 = 0.7167402;
    // half = 1.959964 × √(0.016 + 0.0096036)/1.3841459 = 1.959964 × 0.1600114/1.3841459 = 0.2265777.
    // [0.4901625, 0.9433179], rounded outward to 6 decimals (tables at z = 1.96 give 0.4902–0.9433).
    const w = wilsonInterval(q('0.8'), 10);
    expect(ex(w.lower)).toBe('0.490162');
    expect(ex(w.upper)).toBe('0.943318');
  });

  it('5 of 5 satisfied: lower = n/(n + z²) = 5/8.841459 = 0.5655175, upper 1 (Wald would give [1, 1])', () => {
    const w = wilsonInterval(q(1), 5);
    expect(ex(w.lower)).toBe('0.565517');
    expect(ex(w.upper)).toBe('1');
  });

  it('no answers: nothing is known, [0, 1]', () => {
    const w = wilsonInterval(q('0.5'), 0);
    expect([ex(w.lower), ex(w.upper)]).toEqual(['0', '1']);
  });
});

describe('indexInterval', () => {
  it('puts the sampled share at its bounds: 40 + 50 × 0.490162 and 40 + 50 × 0.943318', () => {
    const s = at('A', '40', '0.8', 10);
    expect(ex(s.total.index)).toBe('80'); // 40 + 50 × 0.8
    const iv = indexInterval(s, set.set)!;
    expect(ex(iv.lower)).toBe('64.5081');
    expect(ex(iv.upper)).toBe('87.1659');
    expect([iv.shares, iv.minValid]).toEqual([1, 10]);
  });

  it('has no interval when no share has a sample size', () => {
    const s = scoreAgency({
      agency: agency('B'),
      criteria: set,
      self: selfPoints({ '1.1': '40' }),
      survey: new Map([['2.1', { share: q('0.8') }]]),
    });
    expect(indexInterval(s, set.set)).toBeUndefined();
  });
});

describe('rankIntervals', () => {
  it('three agencies: A 90 [88, 92], B 89 [87, 91], C 80 [79, 81]', () => {
    // A: best 1 (no lower bound above 92); worst 1 + 1 (B's upper 91 > A's lower 88) = 2.
    // B: best 1 (no lower bound above 91); worst 2 (A's upper 92 > 87). C: best 1 + 2 (88, 87 > 81) = 3, worst 3.
    const r = rankIntervals([
      { code: 'C', index: q(80), lower: q(79), upper: q(81) },
      { code: 'A', index: q(90), lower: q(88), upper: q(92) },
      { code: 'B', index: q(89), lower: q(87), upper: q(91) },
    ]);
    expect(r).toEqual([
      { code: 'A', best: 1, worst: 2 },
      { code: 'B', best: 1, worst: 2 },
      { code: 'C', best: 3, worst: 3 },
    ]);
  });

  it('an agency that can at most equal another is not pushed below it (equal indices share a rank)', () => {
    const r = rankIntervals([
      { code: 'A', index: q(90), lower: q(89), upper: q(91) },
      { code: 'B', index: q(89) },
    ]);
    // B is a point at 89: A's lower 89 is not above it, so B's best is 1; A's upper 91 > 89, so B's worst is 2.
    expect(r).toEqual([
      { code: 'A', best: 1, worst: 1 },
      { code: 'B', best: 1, worst: 2 },
    ]);
  });
});

describe('alternative weights', () => {
  it('field maxima 20 and 80 instead of 50 and 50 swap A and B', () => {
    const a = at('A', '50', '0.6', 100); // 50 + 30 = 80
    const b = at('B', '30', '0.96', 100); // 30 + 48 = 78
    const maxima = new Map([
      ['1', q(20)],
      ['2', q(80)],
    ]);
    // A: 50/50 × 20 + 30/50 × 80 = 20 + 48 = 68; B: 30/50 × 20 + 48/50 × 80 = 12 + 76.8 = 88.8.
    expect(ex(indexWithMaxima(a, set.set, maxima))).toBe('68');
    expect(ex(indexWithMaxima(b, set.set, maxima))).toBe('88.8');
    const shifts = weightShifts([
      { code: 'A', rank: 1, index: a.total.index, alternative: indexWithMaxima(a, set.set, maxima)! },
      { code: 'B', rank: 2, index: b.total.index, alternative: indexWithMaxima(b, set.set, maxima)! },
    ]);
    expect(shifts.map((s) => [s.code, s.rank, s.alternativeRank, s.shift])).toEqual([
      ['A', 1, 2, -1],
      ['B', 2, 1, 1],
    ]);
  });
});
