import { describe, expect, it } from 'vitest';
import { Item } from '../../src/criteria/schema.js';
import { Rational, q } from '../../src/core/rational.js';
import { ruleOutcome } from '../../src/score/rules.js';
import type { ItemInput } from '../../src/validate/submission.js';

const item = (max: number, rule: unknown): Item => Item.parse({ code: '1.1', title: { vi: 't' }, max, rule });
const input = (v: Partial<ItemInput>): ItemInput => ({
  code: '1.1',
  notApplicable: false,
  cells: {},
  location: {},
  ...v,
});
const pts = (i: Item, v: Partial<ItemInput>): string | undefined => ruleOutcome(i, input(v))?.points.toExact();

describe('ruleOutcome: each rule kind on raw inputs, worked by hand', () => {
  it('points: the entered points', () => {
    expect(pts(item(1, { kind: 'points', step: 0.25 }), { points: q('0.75') })).toBe('0.75');
    expect(ruleOutcome(item(1, { kind: 'points' }), input({}))).toBeUndefined();
  });

  it('choice: the option’s points; the raw option wins over entered points', () => {
    const i = item(1, {
      kind: 'choice',
      options: [
        { id: 'on-time', label: { vi: 'Đúng hạn' }, points: 1 },
        { id: 'late', label: { vi: 'Trễ hạn' }, points: 0.5 },
      ],
    });
    expect(pts(i, { option: 'late' })).toBe('0.5');
    const o = ruleOutcome(i, input({ option: 'late', points: q('1') }));
    expect(o?.points.toExact()).toBe('0.5');
    expect(o?.from).toBe('rule');
    expect(ruleOutcome(i, input({ points: q('1') }))?.from).toBe('entered');
  });

  it('boolean: yes gives the maximum, no gives 0', () => {
    const i = item(1.5, { kind: 'boolean' });
    expect(pts(i, { yes: true })).toBe('1.5');
    expect(pts(i, { yes: false })).toBe('0');
  });

  it('bands on a ratio: 97/100 = 97% falls in [95, 100) → 1.5; 100% → 2; 0/0 gives nothing', () => {
    const i = item(2, {
      kind: 'bands',
      bands: [
        { min: 0, max: 95, points: 0 },
        { min: 95, max: 100, points: 1.5 },
        { min: 100, max: 100, points: 2 },
      ],
    });
    expect(pts(i, { numerator: q('97'), denominator: q('100') })).toBe('1.5');
    expect(pts(i, { numerator: q('45'), denominator: q('45') })).toBe('2');
    expect(pts(i, { numerator: q('94'), denominator: q('100') })).toBe('0');
    expect(ruleOutcome(i, input({ numerator: q('0'), denominator: q('0') }))).toBeUndefined();
  });

  it('bands, linear: 80% in [50, 100) rising 0.5 → 1.5 gives 0.5 + 1 × 30/50 = 1.1', () => {
    const i = item(1.5, {
      kind: 'bands',
      input: 'percent',
      bands: [
        { min: 0, max: 50, points: 0 },
        { min: 50, max: 100, points: 0.5, linearTo: 1.5 },
      ],
    });
    expect(pts(i, { percent: q('80') })).toBe('1.1');
    // 100% is the closing edge of the last band: 1.5.
    expect(pts(i, { percent: Rational.HUNDRED })).toBe('1.5');
  });

  it('deduction: 2 − 3 × 0.25 = 1.25, floored at 0', () => {
    const i = item(2, { kind: 'deduction', perUnit: 0.25 });
    expect(pts(i, { count: 3 })).toBe('1.25');
    expect(pts(i, { count: 20 })).toBe('0');
    expect(pts(i, { count: 0 })).toBe('2');
  });

  it('count: 3 × 0.5 = 1.5, capped at the maximum 1', () => {
    expect(pts(item(2, { kind: 'count', perUnit: 0.5 }), { count: 3 })).toBe('1.5');
    expect(pts(item(1, { kind: 'count', perUnit: 0.5 }), { count: 3 })).toBe('1');
  });

  it('survey items are not self-scored', () => {
    expect(ruleOutcome(item(3, { kind: 'survey' }), input({ points: q('3') }))).toBeUndefined();
  });
});
