/**
 * Scoring one agency: its self-scoring inputs, appraised values and survey values in, an exact
 * `AgencyScore` out (every item, field and criterion, source and the total index). Pure: no
 * I/O, no clock, no locale; every number is an exact Rational and nothing is rounded here.
 */
import { Rational } from '../core/rational.js';
import { findBand } from '../criteria/bands.js';
import { appliesWithAncestors, isScored, maxOf, type CriteriaIndex, type ItemEntry } from '../criteria/tree.js';
import type {
  AdjustmentScore,
  AgencyInfo,
  AgencyScore,
  AgencyStatus,
  ItemScore,
  NodeScore,
  RoundingRule,
  ScoreInput,
  SourceScore,
} from './types.js';
import { ruleOutcome } from './rules.js';

/**
 * Scores one agency (methodology §1.3): final points of an item are the appraised points when
 * present, else the self-assessment through the item's rule, or the survey value for survey
 * items; the index is total points ÷ applicable maximum × 100, exact.
 */
export function scoreAgency(input: ScoreInput): AgencyScore {
  const { agency, criteria } = input;
  const status: AgencyStatus = input.self !== undefined ? 'scored' : input.missingScoresZero ? 'zero' : 'missing';
  const items = criteria.items.map((entry) => scoreItem(entry, input));
  return aggregateScore(agency, criteria, status, items);
}

/**
 * One item. Order of precedence: not applicable to the kind (excluded) → appraisal (§1.3 (a):
 * appraisal accepts or adjusts the self-score, and may refuse a "not applicable" claim) →
 * "not applicable" marked by the agency where the set allows it → survey value for survey
 * items (§1.3 (b)) → the rule on the self-assessment inputs → 0 when nothing was given.
 */
function scoreItem(entry: ItemEntry, input: ScoreInput): ItemScore {
  const { item } = entry;
  const set = input.criteria.set;
  const max = maxOf(item);
  // Every ItemScore is built in one key order, optional keys added only when present, so the
  // objects share a few shapes (a spread of varying parts made each one a slow dictionary) and
  // result.json keeps its key order.
  const s = { code: item.code, field: entry.field, ancestors: entry.ancestors, source: item.source, max } as ItemScore;
  if (!appliesWithAncestors(input.criteria, item.code, input.agency.kind)) {
    return finish(s, Rational.ZERO, false, false, Rational.ZERO, 'excluded', false);
  }
  const counted = isScored(item) ? max : Rational.ZERO;
  const self = input.self?.get(item.code);
  const appraisal = input.appraisal?.get(item.code);
  if (self?.evidence !== undefined) s.evidence = self.evidence;
  if (self?.explanation !== undefined) s.explanation = self.explanation;

  const notApplicable = item.notApplicable && self?.notApplicable === true;
  if (notApplicable && appraisal === undefined) {
    // §1.3 "index = points ÷ (applicable) maximum": rescale drops the item from every maximum;
    // full gives it its maximum. Bonus and penalty items never score for not applicable.
    const full = set.notApplicable === 'full' && isScored(item);
    return finish(s, full ? counted : Rational.ZERO, true, true, full ? max : Rational.ZERO, 'not-applicable', false);
  }

  let value: Rational | undefined;
  let basis: ItemScore['basis'] = 'missing';
  if (item.source === 'survey' || item.rule.kind === 'survey') {
    const sv = input.survey?.get(item.code);
    if (sv?.points !== undefined) {
      value = sv.points;
      basis = 'survey-points';
    } else if (sv?.share !== undefined) {
      value = max.mul(sv.share);
      basis = 'survey-share';
      s.share = sv.share;
      if (sv.from) s.surveyFrom = sv.from;
    }
  } else if (self !== undefined) {
    const outcome = ruleOutcome(item, self);
    if (outcome !== undefined) {
      s.rule = outcome;
      s.self = outcome.points;
      value = outcome.points;
      basis = 'self';
    }
  }
  if (appraisal !== undefined) {
    value = appraisal.points;
    basis = 'appraisal';
    s.appraised = appraisal.points;
    s.reason = appraisal.reason;
    s.appraisalFile = appraisal.file;
    s.appraisalRound = appraisal.round;
  }
  const raw = value ?? Rational.ZERO;
  const final = raw.clamp(Rational.ZERO, max);
  return finish(s, counted, true, notApplicable, final, basis, !final.eq(raw));
}

function finish(
  s: ItemScore,
  countedMax: Rational,
  applicable: boolean,
  notApplicable: boolean,
  final: Rational,
  basis: ItemScore['basis'],
  clamped: boolean,
): ItemScore {
  s.countedMax = countedMax;
  s.applicable = applicable;
  s.notApplicable = notApplicable;
  s.final = final;
  s.basis = basis;
  s.clamped = clamped;
  return s;
}

/** points ÷ max × 100, exact; 0 when the maximum is 0 (§1.3). */
export function percentOf(points: Rational, max: Rational): Rational {
  return max.isZero() ? Rational.ZERO : points.div(max).mul(Rational.HUNDRED);
}

/**
 * Adds up scored items into nodes, sources and the total (§1.3: a component's index is its
 * points ÷ its own maximum; §1.5 and §3.2: bonus and penalty, each item within its maximum, the
 * totals within the set's caps, the total within [0, maximum] when the set caps at the total).
 * Exported within the stage so the gap list can re-add a changed item.
 */
export function aggregateScore(
  agency: AgencyInfo,
  criteria: CriteriaIndex,
  status: AgencyStatus,
  items: ItemScore[],
): AgencyScore {
  const set = criteria.set;
  const acc = new Map<string, { points: Rational; max: Rational; bonus: Rational; penalty: Rational }>();
  const zero = (): { points: Rational; max: Rational; bonus: Rational; penalty: Rational } => ({
    points: Rational.ZERO,
    max: Rational.ZERO,
    bonus: Rational.ZERO,
    penalty: Rational.ZERO,
  });
  const appraisal: SourceScore = { points: Rational.ZERO, max: Rational.ZERO };
  const survey: SourceScore = { points: Rational.ZERO, max: Rational.ZERO };
  let bonusItems = Rational.ZERO;
  let penaltyItems = Rational.ZERO;

  for (const it of items) {
    if (!it.applicable) continue;
    for (const code of it.ancestors) {
      const a = acc.get(code) ?? zero();
      if (it.source === 'bonus') a.bonus = a.bonus.add(it.final);
      else if (it.source === 'penalty') a.penalty = a.penalty.add(it.final);
      else {
        a.points = a.points.add(it.final);
        a.max = a.max.add(it.countedMax);
      }
      acc.set(code, a);
    }
    if (it.source === 'bonus') bonusItems = bonusItems.add(it.final);
    else if (it.source === 'penalty') penaltyItems = penaltyItems.add(it.final);
    else {
      const s = it.source === 'survey' ? survey : appraisal;
      s.points = s.points.add(it.final);
      s.max = s.max.add(it.countedMax);
    }
  }

  const nodes: NodeScore[] = [];
  const walk = (code: string, level: number, parent: string | undefined): void => {
    const node = criteria.nodes.get(code);
    if (!node || !('children' in node)) return;
    const a = acc.get(code) ?? zero();
    const n: NodeScore = {
      code,
      level,
      applicable: appliesWithAncestors(criteria, code, agency.kind),
      points: a.points,
      max: a.max,
      declaredMax: maxOf(node),
      index: percentOf(a.points, a.max),
      bonus: a.bonus,
      penalty: a.penalty,
    };
    if (parent !== undefined) n.parent = parent;
    nodes.push(n);
    for (const child of node.children) walk(child.code, level + 1, code);
  };
  for (const f of set.fields) walk(f.code, 1, undefined);

  const t = totalOf(set, {
    scored: appraisal.points.add(survey.points),
    max: appraisal.max.add(survey.max),
    bonusItems,
    penaltyItems,
  });
  const index = t.total.index;
  const score: AgencyScore = {
    agency,
    criteria: criteria.ref,
    status,
    items,
    nodes,
    bySource: { appraisal, survey, bonus: t.bonus, penalty: t.penalty },
    total: t.total,
  };
  const band = findBand(set.bands, index);
  if (band) score.band = band.id;
  return score;
}

/**
 * The total from the sums it depends on: scored points and maximum (appraisal + survey), bonus and
 * penalty items before their caps (§1.5, §3.2), then the cap at the total when the set has one.
 */
export function totalOf(
  set: CriteriaIndex['set'],
  sums: { scored: Rational; max: Rational; bonusItems: Rational; penaltyItems: Rational },
): { bonus: AdjustmentScore; penalty: AdjustmentScore; total: AgencyScore['total'] } {
  const bonus = capped(sums.bonusItems, set.adjustmentCaps?.bonus);
  const penalty = capped(sums.penaltyItems, set.adjustmentCaps?.penalty);
  const { scored, max } = sums;
  const uncapped = scored.add(bonus.points).sub(penalty.points);
  const points = set.capAtTotal ? uncapped.clamp(Rational.ZERO, max) : uncapped.max(Rational.ZERO);
  return { bonus, penalty, total: { scored, uncapped, points, max, index: percentOf(points, max) } };
}

function capped(items: Rational, cap: number | undefined): AdjustmentScore {
  if (cap === undefined) return { items, points: items };
  const c = Rational.fromNumber(cap);
  return { items, cap: c, points: items.min(c) };
}

/**
 * An index (or any points) rounded once for display by the set's rounding rule (§1.4: results
 * are published with 2 decimals, e.g. 91,43%). Decimal point; renderers localise the comma.
 */
export function formatIndex(r: Rational, set: RoundingRule): string {
  return r.toFixed(set.rounding.decimals, set.rounding.mode);
}
