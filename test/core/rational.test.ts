import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { q, Rational } from '../../src/core/rational.js';

describe('Rational', () => {
  it('adds decimals exactly where doubles do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(q(0.1).add(q(0.2)).eq(q('0.3'))).toBe(true);
    // Published figures: 61,86 + 28,10 = 89,96 exactly.
    expect(q('61.86').add(q('28.10')).toExact()).toBe('89.96');
    expect(Rational.sum([q(0.25), q(0.25), q(0.5)]).toExact()).toBe('1');
  });

  it('rounds half up once, for display', () => {
    expect(q('91.425').toFixed(2)).toBe('91.43');
    expect(q('91.425').toFixed(2, 'half-even')).toBe('91.42');
    expect(Rational.of(640, 7).toFixed(2)).toBe('91.43');
    expect(q('-0.005').toFixed(2)).toBe('-0.01');
    expect(q('0.004').toFixed(2)).toBe('0.00');
  });

  it('prints whole numbers with the places asked for', () => {
    expect(q(-3).toFixed(2)).toBe('-3.00');
    expect(q(0).toFixed(2)).toBe('0.00');
    expect(q(12).toFixed(0)).toBe('12');
    expect(q(-7).toExact()).toBe('-7');
    expect(q('100.000').toExact()).toBe('100');
  });

  it('prints exact values as decimals or fractions', () => {
    expect(Rational.of(1, 3).toExact()).toBe('1/3');
    expect(q(2.4936).toExact()).toBe('2.4936');
    expect(Rational.fromExact('640/7')!.eq(Rational.of(640, 7))).toBe(true);
    expect(q(1e-7).toExact()).toBe('0.0000001');
  });

  it('round-trips through toExact', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const r = Rational.of(n, d);
          expect(Rational.fromExact(r.toExact())!.eq(r)).toBe(true);
        },
      ),
    );
  });
});

describe('Rational.fromNumber', () => {
  /** The shortest decimal form of the double, read as written (the rule fromNumber implements). */
  const reference = (x: number): Rational => {
    const e = /^([+-]?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(String(x));
    if (!e) return Rational.parse(String(x))!;
    const [, sign, int = '0', frac = '', exp = '0'] = e;
    const shift = Number(exp) - frac.length;
    const mant = BigInt(int + frac);
    const r = shift >= 0 ? Rational.of(mant * 10n ** BigInt(shift)) : Rational.of(mant, 10n ** BigInt(-shift));
    return sign === '-' ? r.neg() : r;
  };

  it('reads the number as written, in lowest terms', () => {
    expect(Rational.fromNumber(0.1).eq(Rational.of(1, 10))).toBe(true);
    expect(Rational.fromNumber(-0.25).eq(Rational.of(-1, 4))).toBe(true);
    expect(Rational.fromNumber(6.75).eq(Rational.of(27, 4))).toBe(true);
    expect(Rational.fromNumber(-0).eq(Rational.ZERO)).toBe(true);
    expect(Rational.fromNumber(1e21).eq(Rational.of(10n ** 21n))).toBe(true);
    expect(Rational.fromNumber(1e-7).eq(Rational.of(1n, 10n ** 7n))).toBe(true);
    expect(Rational.fromNumber(0.0000012345678901234567).eq(reference(0.0000012345678901234567))).toBe(true);
    expect(() => Rational.fromNumber(Number.NaN)).toThrow(RangeError);
    expect(() => Rational.fromNumber(Infinity)).toThrow(RangeError);
  });

  it('gives the same value as reading the shortest decimal text, for any finite double', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer(),
          fc.integer({ min: -4000, max: 4000 }).map((n) => n / 4),
        ),
        (x) => {
          const r = Rational.fromNumber(x);
          const want = reference(x);
          expect(r.n).toBe(want.n);
          expect(r.d).toBe(want.d);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
