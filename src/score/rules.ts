/**
 * What an item's rule gives for the agency's raw inputs (methodology §1.3 (a): each item is
 * self-scored against the rule table of the decision). One implementation, used by scoring and
 * by the self-score consistency checks (`check-self.ts`: "97% entered with full points for a band
 * that starts at 100%"). Pure and exact.
 */
import { Rational } from '../core/rational.js';
import { findBand } from '../criteria/bands.js';
import type { Item } from '../criteria/schema.js';
import type { RuleOutcome } from './types.js';
import type { ItemInput } from '../validate/submission.js';

/**
 * The rule applied to the raw inputs of its kind (option, yes/no, ratio or percentage, count);
 * when the raw inputs are absent, the points the agency wrote (`from: 'entered'`); undefined
 * when neither is there, for survey items (scored from the survey), and for a ratio with a zero
 * denominator (a finding of validation). Never above the maximum, never below 0.
 */
export function ruleOutcome(item: Item, input: ItemInput | undefined): RuleOutcome | undefined {
  if (input === undefined) return undefined;
  const fromRule = rawOutcome(item, input);
  if (fromRule !== undefined) return fromRule;
  if (item.rule.kind === 'survey' || input.points === undefined) return undefined;
  return { points: input.points, from: 'entered' };
}

/** The rule on the raw inputs only; undefined when the raw inputs of the rule are not given. */
export function rawOutcome(item: Item, input: ItemInput): RuleOutcome | undefined {
  const max = Rational.fromNumber(item.max);
  const rule = item.rule;
  switch (rule.kind) {
    case 'points':
    case 'survey':
      return undefined;
    case 'choice': {
      const opt = input.option === undefined ? undefined : rule.options.find((o) => o.id === input.option);
      return opt ? { points: Rational.fromNumber(opt.points).min(max), from: 'rule', option: opt.id } : undefined;
    }
    case 'boolean':
      return input.yes === undefined ? undefined : { points: input.yes ? max : Rational.ZERO, from: 'rule' };
    case 'bands': {
      const percent = percentInput(rule.input, input);
      if (percent === undefined) return undefined;
      const band = findBand(rule.bands, percent);
      if (!band) return undefined;
      let points = Rational.fromNumber(band.points);
      if (band.linearTo !== undefined && band.max > band.min) {
        // Linear within the band: points at min, linearTo at max.
        const span = Rational.fromNumber(band.max - band.min);
        const rise = Rational.fromNumber(band.linearTo).sub(points);
        points = points.add(rise.mul(percent.sub(Rational.fromNumber(band.min))).div(span));
      }
      return {
        points: points.clamp(Rational.ZERO, max),
        from: 'rule',
        percent,
        band: { min: band.min, max: band.max },
      };
    }
    case 'deduction': {
      if (input.count === undefined) return undefined;
      const lost = Rational.fromNumber(rule.perUnit).mul(Rational.of(input.count));
      return { points: max.sub(lost).clamp(Rational.ZERO, max), from: 'rule' };
    }
    case 'count': {
      if (input.count === undefined) return undefined;
      return {
        points: Rational.fromNumber(rule.perUnit).mul(Rational.of(input.count)).clamp(Rational.ZERO, max),
        from: 'rule',
      };
    }
    default: {
      const never: never = rule;
      return never;
    }
  }
}

/** The percentage a bands rule reads: numerator ÷ denominator × 100, or the entered percentage. */
export function percentInput(kind: 'ratio' | 'percent', input: ItemInput): Rational | undefined {
  if (input.numerator !== undefined && input.denominator !== undefined) {
    if (input.denominator.isZero() || input.numerator.gt(input.denominator) || input.numerator.lt(Rational.ZERO))
      return undefined;
    return input.numerator.div(input.denominator).mul(Rational.HUNDRED);
  }
  if (input.percent !== undefined && (kind === 'percent' || input.numerator === undefined)) {
    if (input.percent.lt(Rational.ZERO) || input.percent.gt(Rational.HUNDRED)) return undefined;
    return input.percent;
  }
  return undefined;
}
