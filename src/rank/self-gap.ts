/**
 * How carefully an agency self-scores: its self-assessed total against the appraised total, and
 * the gap, per agency and per field. Provinces publish it beside the index (methodology §3.5:
 * Nam Định reports the self-score mean and the council's). Pure and exact.
 */
import { Rational } from '../core/rational.js';
import type { AgencyScore } from '../score/types.js';

/** Self total, appraised total and their gap (self − appraised; positive when the agency scored itself too high). */
export interface GapFigures {
  self: Rational;
  appraised: Rational;
  gap: Rational;
}

export interface AgencySelfGap extends GapFigures {
  /** Per field, in the set's order. */
  fields: ({ code: string } & GapFigures)[];
}

/**
 * Sums the items the agency scores itself (every applicable item whose source is not the
 * survey): the self-score (0 where it gave none) against the final points. Penalty points count
 * negative, as they do in the total; caps on bonus and penalty totals are not applied here, so
 * the figures compare item by item what the agency claimed with what appraisal allowed.
 */
export function selfGapOf(score: AgencyScore): AgencySelfGap {
  const byField = new Map<string, { self: Rational; appraised: Rational }>();
  for (const f of score.nodes)
    if (f.level === 1 && f.applicable) byField.set(f.code, { self: Rational.ZERO, appraised: Rational.ZERO });
  let self = Rational.ZERO;
  let appraised = Rational.ZERO;
  for (const it of score.items) {
    if (!it.applicable || it.source === 'survey') continue;
    const sign = it.source === 'penalty' ? Rational.ONE.neg() : Rational.ONE;
    const s = (it.self ?? Rational.ZERO).mul(sign);
    const a = it.final.mul(sign);
    self = self.add(s);
    appraised = appraised.add(a);
    const f = byField.get(it.field);
    if (f) {
      f.self = f.self.add(s);
      f.appraised = f.appraised.add(a);
    }
  }
  return {
    self,
    appraised,
    gap: self.sub(appraised),
    fields: [...byField].map(([code, f]) => ({
      code,
      self: f.self,
      appraised: f.appraised,
      gap: f.self.sub(f.appraised),
    })),
  };
}
