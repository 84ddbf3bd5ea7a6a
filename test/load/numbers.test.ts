import { describe, expect, it } from 'vitest';
import { conventionOf, parseNumberText } from '../../src/load/numbers.js';

const read = (s: string, c?: 'comma' | 'dot'): string => {
  const r = parseNumberText(s, c);
  if (r.ok) return r.value.toExact() + (r.percent ? '%' : '');
  return r.reason === 'ambiguous' ? `ambiguous ${r.readings.map((x) => x.toExact()).join(' | ')}` : r.reason;
};

describe('parseNumberText', () => {
  it('reads decimal commas and dots alike', () => {
    expect(read('2,5')).toBe('2.5');
    expect(read('2.5')).toBe('2.5');
    expect(read(' 0,25 ')).toBe('0.25');
    expect(read('0.250')).toBe('0.25');
    expect(read('-1,5')).toBe('-1.5');
    expect(read('１２')).toBe('12');
  });
  it('reads percentages, keeping the value as written', () => {
    expect(read('91,43%')).toBe('91.43%');
    expect(read('0,9143')).toBe('0.9143');
    expect(read('100 %')).toBe('100%');
  });
  it('reads thousands separators when they cannot be decimals', () => {
    expect(read('1.234.567')).toBe('1234567');
    expect(read('1.234,5')).toBe('1234.5');
    expect(read('1,234.5')).toBe('1234.5');
    expect(read('1 234')).toBe('1234');
  });
  it('reports a lone separator before three digits as ambiguous, unless the file’s convention settles it', () => {
    expect(read('1.234')).toBe('ambiguous 1.234 | 1234');
    expect(read('1,234')).toBe('ambiguous 1.234 | 1234');
    expect(read('1.234', 'comma')).toBe('1234');
    expect(read('1.234', 'dot')).toBe('1.234');
    expect(read('1,234', 'comma')).toBe('1.234');
  });
  it('refuses what is not a number', () => {
    expect(read('hai')).toBe('not-number');
    expect(read('2,5,1')).toBe('not-number');
    expect(read('1.2.3')).toBe('not-number');
    expect(read('')).toBe('empty');
    expect(read('1e3')).toBe('not-number');
    expect(read('%')).toBe('not-number');
  });
});

describe('conventionOf', () => {
  it('finds the decimal separator a file uses', () => {
    expect(conventionOf(['2,5', '1', '1.234'])).toBe('comma');
    expect(conventionOf(['2.5', '1,234'])).toBe('dot');
    expect(conventionOf(['1.234', '7'])).toBeUndefined();
    expect(conventionOf(['2,5', '2.5'])).toBeUndefined();
  });
});
