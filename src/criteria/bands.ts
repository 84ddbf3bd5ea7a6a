/** Finding the band a percentage falls in; shared by scoring and validation. */
import { Rational } from '../core/rational.js';

export interface BandLike {
  min: number;
  max: number;
}

/**
 * The band that holds `percent`: a point band (min = max) first, then [min, max), then a band
 * that ends at 100 for exactly 100%. Bands are checked by `criteria check` to cover 0–100%.
 */
export function findBand<B extends BandLike>(bands: readonly B[], percent: Rational): B | undefined {
  for (const b of bands) if (b.min === b.max && percent.eq(Rational.fromNumber(b.min))) return b;
  for (const b of bands) {
    if (b.min === b.max) continue;
    const min = Rational.fromNumber(b.min);
    const max = Rational.fromNumber(b.max);
    if (percent.gte(min) && percent.lt(max)) return b;
  }
  for (const b of bands) if (b.min !== b.max && b.max === 100 && percent.eq(Rational.HUNDRED)) return b;
  return undefined;
}
