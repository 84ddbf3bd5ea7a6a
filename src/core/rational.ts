/**
 * Exact rational numbers on BigInt.
 *
 * Points are decimals such as 0.25 and shares such as 97/103; every sum, ratio and index in
 * parindex is kept exact here and rounded once, for display, by `toFixed` (half-up by default,
 * the rule used for published figures such as 91,43%).
 */
/** 10ⁿ for the decimal places a double can show without an exponent (at most 22: 1e-7 has one). */
const POW10: readonly bigint[] = Object.freeze(Array.from({ length: 23 }, (_, i) => 10n ** BigInt(i)));

export class Rational {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator; always positive, and coprime with `n`. */
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  /** A Rational that crossed a thread (structured clone keeps n and d, not the class). */
  static revive(o: { n: bigint; d: bigint }): Rational {
    return new Rational(o.n, o.d);
  }

  /** Builds n/d in lowest terms. Throws on a zero denominator (a bug, never user input). */
  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    let nn = typeof n === 'bigint' ? n : BigInt(n);
    let dd = typeof d === 'bigint' ? d : BigInt(d);
    if (dd === 0n) throw new RangeError('Rational: zero denominator');
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    const g = gcd(nn < 0n ? -nn : nn, dd);
    return g === 1n ? new Rational(nn, dd) : new Rational(nn / g, dd / g);
  }

  /**
   * Reads a plain decimal string ("2.5", "-0.25", "91.4285", "1e-3" is refused) exactly.
   * Returns undefined for anything that is not such a string.
   */
  static parse(text: string): Rational | undefined {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
    if (!m) return undefined;
    const [, sign, int = '', frac = ''] = m;
    if (int === '' && frac === '') return undefined;
    const digits = BigInt((int || '0') + frac);
    const r = Rational.of(digits, 10n ** BigInt(frac.length));
    return sign === '-' ? r.neg() : r;
  }

  /**
   * Converts a JS number exactly as written in its shortest decimal form (0.1 → 1/10, not the
   * binary double). Spreadsheet cells and YAML values arrive as doubles; their shortest decimal
   * form is what the person typed.
   */
  static fromNumber(x: number): Rational {
    // Runs for every number cell and criteria figure: whole numbers and plain decimals (0.25, 6.75)
    // are read here without the regular expressions, as fast as a cache lookup was.
    if (Number.isSafeInteger(x)) return new Rational(BigInt(x), 1n);
    const s = String(x);
    const dot = s.indexOf('.');
    const d = dot > 0 && !s.includes('e') ? POW10[s.length - dot - 1] : undefined;
    if (d !== undefined) {
      const n = BigInt(s.slice(0, dot) + s.slice(dot + 1));
      const g = gcd(n < 0n ? -n : n, d);
      return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
    }
    return Rational.readNumber(x, s);
  }

  private static readNumber(x: number, s: string): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational: not finite: ${x}`);
    const e = /^([+-]?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (e) {
      const [, sign, int = '0', frac = '', exp = '0'] = e;
      const mant = BigInt(int + frac);
      const shift = Number(exp) - frac.length;
      const r = shift >= 0 ? Rational.of(mant * 10n ** BigInt(shift)) : Rational.of(mant, 10n ** BigInt(-shift));
      return sign === '-' ? r.neg() : r;
    }
    const r = Rational.parse(s);
    if (!r) throw new RangeError(`Rational: cannot read ${s}`);
    return r;
  }

  add(o: Rational): Rational {
    return this.d === o.d ? Rational.of(this.n + o.n, this.d) : Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }
  div(o: Rational): Rational {
    if (o.n === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.n * o.d, this.d * o.n);
  }
  abs(): Rational {
    return this.n < 0n ? this.neg() : this;
  }
  neg(): Rational {
    return new Rational(-this.n, this.d);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const a = this.n * o.d;
    const b = o.n * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.n === o.n && this.d === o.d;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  isInteger(): boolean {
    return this.d === 1n;
  }
  min(o: Rational): Rational {
    return this.lte(o) ? this : o;
  }
  max(o: Rational): Rational {
    return this.gte(o) ? this : o;
  }
  /** Clamps into [lo, hi]. */
  clamp(lo: Rational, hi: Rational): Rational {
    return this.max(lo).min(hi);
  }

  /** Whether this is a whole multiple of `step` (step > 0). */
  isMultipleOf(step: Rational): boolean {
    return this.div(step).isInteger();
  }

  /**
   * Rounds to `decimals` places and prints with a dot. `half-up` rounds halves away from zero
   * (91,425 → 91,43); `half-even` rounds them to the even neighbour.
   */
  toFixed(decimals: number, mode: RoundingMode = 'half-up'): string {
    if (this.d === 1n) return decimals > 0 ? `${this.n}.${'0'.repeat(decimals)}` : `${this.n}`;
    const scale = 10n ** BigInt(decimals);
    const neg = this.n < 0n;
    const num = (neg ? -this.n : this.n) * scale;
    let q = num / this.d;
    const r = num % this.d;
    const twice = 2n * r;
    if (twice > this.d || (twice === this.d && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
    const s = q.toString().padStart(decimals + 1, '0');
    const int = s.slice(0, s.length - decimals);
    const frac = decimals > 0 ? '.' + s.slice(s.length - decimals) : '';
    return (neg && q !== 0n ? '-' : '') + int + frac;
  }

  /** The value rounded as `toFixed` does, as a number (for spreadsheets and charts). */
  toRoundedNumber(decimals: number, mode: RoundingMode = 'half-up'): number {
    return Number(this.toFixed(decimals, mode));
  }

  /** Nearest double; for charts and sorting hints only, never for sums. */
  toNumber(): number {
    return Number(this.toFixed(15));
  }

  /**
   * Exact text: a terminating decimal when there is one ("2.4936"), else "n/d" ("640/7").
   * This is how exact values are stored in result.json.
   */
  toExact(): string {
    if (this.d === 1n) return `${this.n}`;
    let d = this.d;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return `${this.n}/${this.d}`;
    return this.toFixed(Math.max(twos, fives)).replace(/^(-?\d+)\.?$/, '$1');
  }

  /** Reads what `toExact` wrote. */
  static fromExact(text: string): Rational | undefined {
    const m = /^(-?\d+)\/(\d+)$/.exec(text);
    if (m) return /^0+$/.test(m[2]!) ? undefined : Rational.of(BigInt(m[1]!), BigInt(m[2]!));
    return Rational.parse(text);
  }

  toString(): string {
    return this.toExact();
  }
  toJSON(): string {
    return this.toExact();
  }

  /** Sum of a list, exactly. */
  static sum(values: Iterable<Rational>): Rational {
    let acc = Rational.ZERO;
    for (const v of values) acc = acc.add(v);
    return acc;
  }
}

/** How a value is rounded for display. */
export type RoundingMode = 'half-up' | 'half-even';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  // Below 2⁵³ a double holds the integers exactly and % on them is exact: far faster than BigInt.
  if (a <= SAFE && b <= SAFE) {
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    return x === 0 ? 1n : BigInt(x);
  }
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0n ? 1n : a;
}

/** Shorthand for `Rational.fromNumber` / `Rational.parse`. */
export function q(x: number | string): Rational {
  if (typeof x === 'number') return Rational.fromNumber(x);
  const r = Rational.fromExact(x);
  if (!r) throw new RangeError(`Rational: cannot read ${x}`);
  return r;
}
