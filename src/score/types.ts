/**
 * Types of the scoring stage: what `scoreAgency` takes (criteria, an agency's inputs,
 * appraisal and survey values) and the `AgencyScore` it returns. Every number is an exact
 * `Rational`, which serialises to exact text ("2.5", "640/7") through `toJSON`, so a score can
 * be written to result.json as it is.
 */
import type { Rational, RoundingMode } from '../core/rational.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import type { Source } from '../criteria/schema.js';
import type { ItemInput } from '../validate/submission.js';

/**
 * What a rule gives for one item from the agency's raw inputs (methodology §1.3 (a): the
 * agency self-scores each item against the rule table). `points` is all scoring needs; the
 * rest (ratio, band, option…) is detail kept for the scorecard. Made by `ruleOutcome` (`rules.ts`).
 */
/** An appraised value of one item (thẩm định, §1.3 (a)); the latest appraisal round wins upstream. */
export interface AppraisalValue {
  points: Rational;
  reason: string;
  /** Appraisal file it comes from, as shown to users. */
  file: string;
  /** 1 for the first appraisal file in the declared order, 2 for the next, … */
  round: number;
}

export interface SurveyValue {
  share?: Rational;
  points?: Rational;
  /** Where a share came from when the round computed it from raw answers (SIPAS). */
  from?: SurveySource;
}

/** A survey share's count of valid answers, and the SIPAS measure it came from (none for a points table). */
export interface SurveySource {
  measure?: string;
  valid: number;
  /** The share and its sample size came from a survey points table, not from raw answers. */
  table?: true;
}

export interface RuleOutcome {
  points: Rational;
  /** 'rule': computed from the raw inputs; 'entered': the points the agency wrote (no raw inputs). */
  from?: 'rule' | 'entered';
  /** Option id of a choice rule. */
  option?: string;
  /** The percentage a bands rule read, and the band it fell in. */
  percent?: Rational;
  band?: { min: number; max: number };
}

/** The agency being scored, as the roster lists it. */
export interface AgencyInfo {
  code: string;
  name: string;
  /** Agency kind, an id of the set's `agencyKinds` (e.g. "department"). */
  kind: string;
  /** Group it is ranked in (§1.4: groups are ranked separately). */
  group: string;
  region?: string;
}

/** Everything `scoreAgency` needs for one agency. */
export interface ScoreInput {
  agency: AgencyInfo;
  criteria: CriteriaIndex;
  /** The agency's self-scoring, item code → input; undefined when it sent no submission. */
  self?: ReadonlyMap<string, ItemInput> | undefined;
  /** Appraised values, item code → value. */
  appraisal?: ReadonlyMap<string, AppraisalValue> | undefined;
  /** Survey values, item code → share or points. */
  survey?: ReadonlyMap<string, SurveyValue> | undefined;
  /**
   * With no submission: true scores the self-assessed items as zero and the agency is ranked
   * (status "zero"); false leaves it unranked (status "missing"). Survey and appraisal still count.
   */
  missingScoresZero?: boolean;
}

/** Where an item's final points come from. */
export type ItemBasis =
  /** The item does not apply to the agency's kind: excluded from every maximum. */
  | 'excluded'
  /** The agency marked it "not applicable" and the set allows it. */
  | 'not-applicable'
  /** Appraised points (thẩm định). */
  | 'appraisal'
  /** Self-assessment through the item's rule. */
  | 'self'
  /** Survey points given directly. */
  | 'survey-points'
  /** Survey share × maximum. */
  | 'survey-share'
  /** No input for the item: 0 points. */
  | 'missing';

/** One item's score. */
export interface ItemScore {
  code: string;
  /** Code of its field. */
  field: string;
  /** Codes from the field down to its parent. */
  ancestors: string[];
  source: Source;
  /** Declared maximum. */
  max: Rational;
  /**
   * Maximum that counts toward the applicable maximum: 0 when excluded, when not applicable
   * under `rescale`, and for bonus and penalty items (they sit outside the maxima).
   */
  countedMax: Rational;
  /** False when the item does not apply to the agency's kind. */
  applicable: boolean;
  /**
   * The agency marked it not applicable and the set allows that. It is treated as such unless
   * appraisal set points (then `basis` is "appraisal" and the item counts normally).
   */
  notApplicable: boolean;
  /** Points from the self-assessment (rule outcome), when there is one. */
  self?: Rational;
  /** Appraised points, when appraisal set them. */
  appraised?: Rational;
  /** Points that count (bonus points as a positive number, penalty points as a positive number too). */
  final: Rational;
  basis: ItemBasis;
  /** True when the value was outside 0…max and was clamped into it. */
  clamped: boolean;
  /** The rule's outcome on the agency's inputs (self-assessment detail). */
  rule?: RuleOutcome;
  /** Survey share used, for survey items scored by share. */
  share?: Rational;
  /** The SIPAS measure behind the share, when it was computed from raw answers. */
  surveyFrom?: SurveySource;
  /** Appraisal reason, file and round when appraised. */
  reason?: string;
  appraisalFile?: string;
  appraisalRound?: number;
  evidence?: string;
  explanation?: string;
}

/** Points, maximum and index of a field or criterion (§1.3: a component's index is its points ÷ its own maximum). */
export interface NodeScore {
  code: string;
  /** 1 for a field, 2 for a criterion, … */
  level: number;
  /** Code of the parent node; undefined for a field. */
  parent?: string;
  /** False when the node does not apply to the agency's kind. */
  applicable: boolean;
  /** Sum of its scored (appraisal and survey) items' final points. */
  points: Rational;
  /** Sum of its items' counted maxima (shrinks with rescaled not-applicable items). */
  max: Rational;
  /** Declared maximum in the criteria set. */
  declaredMax: Rational;
  /** points ÷ max × 100; 0 when max is 0. */
  index: Rational;
  /** Bonus and penalty points of its items before the set-wide caps. */
  bonus: Rational;
  penalty: Rational;
}

/** Points and maximum of one source of points. */
export interface SourceScore {
  points: Rational;
  max: Rational;
}

/** Bonus or penalty points: the items' sum, and what counts after the set-wide cap. */
export interface AdjustmentScore {
  /** Sum of the items' final points (each already within its item maximum). */
  items: Rational;
  /** Cap from `adjustmentCaps`, when the set declares one. */
  cap?: Rational;
  /** What counts: min(items, cap). */
  points: Rational;
}

/** The agency's total. */
export interface TotalScore {
  /** Points of the scored items (appraisal + survey). */
  scored: Rational;
  /** scored + bonus − penalty, before clamping. */
  uncapped: Rational;
  /** What counts: `uncapped` clamped to [0, max] when the set caps at the total, else floored at 0. */
  points: Rational;
  /** Applicable maximum: sum of counted maxima. */
  max: Rational;
  /** points ÷ max × 100, exact; 0 when max is 0. */
  index: Rational;
}

/** Whether the agency sent a submission. */
export type AgencyStatus = 'scored' | 'missing' | 'zero';

/** One agency's score: every item, every node, every source, the total. */
export interface AgencyScore {
  agency: AgencyInfo;
  /** `id@version` of the criteria set. */
  criteria: string;
  status: AgencyStatus;
  /** Items in tree order, including those that do not apply (applicable: false). */
  items: ItemScore[];
  /** Fields and criteria in tree order (pre-order). */
  nodes: NodeScore[];
  bySource: {
    appraisal: SourceScore;
    survey: SourceScore;
    bonus: AdjustmentScore;
    penalty: AdjustmentScore;
  };
  total: TotalScore;
  /** Id of the grading band the index falls in (§1.4). */
  band?: string;
}

/** The rounding rule of a set, as `formatIndex` needs it. */
export interface RoundingRule {
  rounding: { decimals: number; mode: RoundingMode };
}
