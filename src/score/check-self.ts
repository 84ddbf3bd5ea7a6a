/**
 * The self-score checks: item rows that validation passed (`SelfScoredRow`) in, findings out.
 * They need the item's rule, so they belong to scoring: entered points that contradict the rule
 * on the raw inputs, and evidence missing where the rule's points are claimed. One rule an entry.
 */
import { Rational } from '../core/rational.js';
import { isScored } from '../criteria/tree.js';
import { finding, type Finding } from '../findings/finding.js';
import type { SelfScoredRow } from '../validate/check.js';
import { inputsIn } from './detail.js';
import { rawOutcome } from './rules.js';
import type { RuleOutcome } from './types.js';

/** A self-score check: one row and what its rule gives for the raw inputs, a finding or none. */
export interface SelfCheckRule {
  name: string;
  check: (r: SelfScoredRow, outcome: RuleOutcome | undefined) => Finding | undefined;
}

/** Entered points within this of the rule's exact points agree with it (two written decimals). */
const TOLERANCE = Rational.of(1, 100);

/** The entered points contradict what the rule gives for the raw inputs (§1.3 (a)). */
const pointsMatchRule: SelfCheckRule = {
  name: 'points-match-rule',
  check: ({ item, row, pointsOk, at, tag }, outcome) => {
    // Agencies write points with two decimals: 1.61 for the rule's 61/38 is consistent.
    if (!outcome || row.points === undefined || !pointsOk || outcome.points.sub(row.points).abs().lt(TOLERANCE))
      return undefined;
    return finding(
      'INTAKE_POINTS_CONTRADICT_RULE',
      at('points'),
      {
        item: item.code,
        entered: row.points.toExact(),
        rule: outcome.points.toFixed(2).replace(/\.?0+$/, ''),
        detail: inputsIn(item, row, 'en'),
        detailVi: inputsIn(item, row, 'vi'),
      },
      tag,
    );
  },
};

/** Points claimed (by the rule, else as entered) on an item that requires evidence, with none cited. */
const evidenceForClaimedPoints: SelfCheckRule = {
  name: 'evidence-for-claimed-points',
  check: ({ item, row, at, tag }, outcome) => {
    const claimed = outcome?.points ?? row.points ?? Rational.ZERO;
    if (item.evidence !== 'required' || !isScored(item) || !claimed.gt(Rational.ZERO) || row.evidence !== undefined)
      return undefined;
    if (row.explanation !== undefined)
      return finding('INTAKE_EVIDENCE_EXPLAINED', at('evidence'), { item: item.code }, tag);
    return finding('INTAKE_EVIDENCE_MISSING', at('evidence'), { item: item.code }, tag);
  },
};

/** Every self-score check, in the order their findings are listed. */
export const SELF_CHECKS: readonly SelfCheckRule[] = [pointsMatchRule, evidenceForClaimedPoints];

/** Runs every self-score check on every row; findings row by row, in the rules' order. */
export function checkSelfScores(
  rows: readonly SelfScoredRow[],
  rules: readonly SelfCheckRule[] = SELF_CHECKS,
): Finding[] {
  const out: Finding[] = [];
  for (const r of rows) {
    const outcome = rawOutcome(r.item, r.row);
    for (const rule of rules) {
      const f = rule.check(r, outcome);
      if (f) out.push(f);
    }
  }
  return out;
}
