/**
 * The criteria format, version 1: the single source of truth for criteria files. Types come
 * from `z.infer`; the JSON Schema in `criteria/criteria.schema.json` is generated from here.
 */
import { z } from 'zod';

/** A text in Vietnamese, optionally in English. */
export const Text = z
  .strictObject({
    vi: z.string().min(1).describe('Vietnamese text, shown by default.'),
    en: z.string().min(1).optional().describe('English text, shown with --lang en; Vietnamese is used when missing.'),
  })
  .describe('A text in Vietnamese and optionally English.');
export type Text = z.infer<typeof Text>;

/** A non-negative number of points; decimals such as 0.25 are read exactly. */
const Points = z.number().min(0).max(1_000_000).describe('Points, a non-negative decimal such as 1, 0.5 or 0.25.');
const Percent = z.number().min(0).max(100).describe('A percentage from 0 to 100.');

/** Where a value comes from and whether a public source confirms it. */
export const Provenance = z
  .union([
    z.enum(['confirmed', 'unconfirmed', 'illustrative']),
    z.strictObject({
      status: z
        .enum(['confirmed', 'unconfirmed', 'illustrative'])
        .describe(
          'confirmed: stated by the cited source; unconfirmed: not found in any public source; illustrative: ' +
            'made up for examples.',
        ),
      source: z.string().optional().describe('The decision, annex, or address the value comes from.'),
      note: z
        .union([z.string(), Text])
        .optional()
        .describe('What is and is not confirmed: one text, or Vietnamese and English.'),
    }),
  ])
  .describe('Where the values come from: a status word, or an object with status, source and note.');
export type Provenance = z.infer<typeof Provenance>;

/** A range of percentages; `min` inclusive, `max` exclusive except for the band that ends at 100. */
const BandRange = {
  min: Percent.describe('Lower bound in percent, inclusive.'),
  max: Percent.describe('Upper bound in percent, exclusive (inclusive when it is 100).'),
};

export const PointsRule = z
  .strictObject({
    kind: z.literal('points'),
    step: Points.positive()
      .optional()
      .describe('Points are entered in multiples of this step, e.g. 0.25. Default 0.25.'),
  })
  .describe('The agency enters points from 0 to the maximum, in the declared step.');

export const ChoiceOption = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .describe('Stable option id, e.g. "on-time".'),
  label: Text.describe('What the agency picks from the drop-down list.'),
  points: Points.describe('Points this option is worth.'),
});

export const ChoiceRule = z
  .strictObject({
    kind: z.literal('choice'),
    options: z.array(ChoiceOption).min(2).describe('The options, each worth declared points.'),
  })
  .describe('One of named options, each worth declared points (on time 1, late 0.5, not done 0).');

export const BooleanRule = z
  .strictObject({
    kind: z.literal('boolean'),
  })
  .describe('Yes gives the maximum, no gives 0.');

export const Band = z
  .strictObject({
    ...BandRange,
    points: Points.describe('Points at the lower bound of the band (all of the band when not linear).'),
    linearTo: Points.optional().describe(
      'When set, points rise linearly from `points` at `min` to `linearTo` at `max`.',
    ),
  })
  .describe('A band of the ratio and the points it gives.');

export const BandsRule = z
  .strictObject({
    kind: z.literal('bands'),
    input: z
      .enum(['ratio', 'percent'])
      .default('ratio')
      .describe(
        'ratio: the agency enters numerator and denominator (e.g. dossiers on time and dossiers received); ' +
          'percent: it enters the percentage.',
      ),
    numerator: Text.optional().describe('What the numerator counts, e.g. "Số hồ sơ giải quyết đúng hạn".'),
    denominator: Text.optional().describe('What the denominator counts, e.g. "Tổng số hồ sơ đã giải quyết".'),
    bands: z.array(Band).min(1).describe('Bands covering 0–100% without gaps or overlaps.'),
  })
  .describe('Points by bands of a ratio or percentage.');

export const DeductionRule = z
  .strictObject({
    kind: z.literal('deduction'),
    perUnit: Points.positive().describe('Points subtracted per counted violation.'),
    unit: Text.optional().describe('What is counted, e.g. "báo cáo trễ hạn".'),
  })
  .describe('Start from the maximum, subtract per counted violation, floor at 0.');

export const CountRule = z
  .strictObject({
    kind: z.literal('count'),
    perUnit: Points.positive().describe('Points per counted unit.'),
    unit: Text.optional().describe('What is counted, e.g. "sáng kiến được công nhận".'),
  })
  .describe('Points per counted unit, capped at the maximum (used for bonus and penalty items).');

export const SurveyRule = z
  .strictObject({
    kind: z.literal('survey'),
    measure: z
      .string()
      .optional()
      .describe(
        'The survey measure that feeds this item (a questionnaire element or domain); set by the round when absent.',
      ),
  })
  .describe('Points = maximum × a satisfaction share supplied by the survey.');

export const Rule = z
  .discriminatedUnion('kind', [PointsRule, ChoiceRule, BooleanRule, BandsRule, DeductionRule, CountRule, SurveyRule])
  .describe('How an agency’s inputs become points.');
export type Rule = z.infer<typeof Rule>;
export type RuleKind = Rule['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['points', 'choice', 'boolean', 'bands', 'deduction', 'count', 'survey'];

export const Source = z
  .enum(['appraisal', 'survey', 'bonus', 'penalty'])
  .describe('Where the points come from: self-assessment then appraisal, the survey, bonus, or penalty.');
export type Source = z.infer<typeof Source>;

const Code = z.string().min(1).max(40).describe('Hierarchical code, e.g. "1", "1.2", "1.2.3".');

const nodeCommon = {
  code: Code,
  title: Text.describe('Title of the field, criterion or item.'),
  max: Points.describe(
    'Maximum points. A parent’s maximum is the sum of its scored children (bonus and penalty excluded).',
  ),
  guidance: Text.optional().describe('Scoring guidance as written in the decision.'),
  appliesTo: z
    .array(z.string())
    .min(1)
    .optional()
    .describe('Agency kinds this node applies to; all kinds when absent.'),
  provenance: Provenance.optional(),
};

/** A leaf: what is scored. */
export const Item = z
  .strictObject({
    ...nodeCommon,
    source: Source.default('appraisal'),
    rule: Rule,
    evidence: z
      .enum(['required', 'optional', 'none'])
      .default('required')
      .describe('Whether the self-score must cite evidence (tài liệu kiểm chứng).'),
    notApplicable: z.boolean().default(false).describe('Whether an agency may mark this item "not applicable".'),
  })
  .describe('A sub-criterion (tiêu chí thành phần): what is scored.');
export type Item = z.infer<typeof Item>;

/** A field or criterion: has children, no rule. */
export interface Group {
  code: string;
  title: Text;
  max: number;
  guidance?: Text | undefined;
  appliesTo?: string[] | undefined;
  provenance?: Provenance | undefined;
  children: Node[];
}
export type Node = Group | Item;

export const Group: z.ZodType<Group, unknown> = z.lazy(() =>
  z
    .strictObject({
      ...nodeCommon,
      children: z
        .array(z.union([Item, Group]))
        .min(1)
        .describe('Criteria or items under this node.'),
    })
    .describe('A field (lĩnh vực) or criterion (tiêu chí) with children.'),
) as unknown as z.ZodType<Group, unknown>;

export const AgencyKind = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .describe('Stable id used in rosters and `appliesTo`, e.g. "department".'),
  title: Text,
});

export const GradeBand = z
  .strictObject({
    id: z.string().min(1).describe('Short id, e.g. "A".'),
    label: Text.describe('How the band is shown, e.g. "Nhóm A".'),
    ...BandRange,
  })
  .describe('A grading band of the index (A ≥ 90%, B 80–<90%, …).');

export const Decision = z.strictObject({
  number: z.string().min(1).describe('Decision number as cited, e.g. "876/QĐ-BNV".'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('Date of signing, ISO (YYYY-MM-DD).'),
  issuer: z.string().optional().describe('Who issued it, e.g. "Bộ Nội vụ".'),
  title: z.string().optional().describe('Title of the decision.'),
  url: z.string().optional().describe('Where the text can be read.'),
});

export const CriteriaSet = z
  .strictObject({
    $schema: z.string().optional().describe('Path to criteria.schema.json, for editors.'),
    format: z.literal(1).describe('Criteria format version; this schema is version 1.'),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('Stable id of the set, e.g. "hn-internal".'),
    version: z
      .string()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.-]*$/)
      .describe('Version; a published version is never edited, a new one is added.'),
    title: Text,
    description: Text.optional().describe('What the set is, and what in it is confirmed by public sources.'),
    illustrative: z
      .boolean()
      .default(false)
      .describe('True for sets made up for examples and tests, not issued by anyone.'),
    decision: Decision.describe('The decision the set comes from.'),
    provenance: Provenance.optional(),
    agencyKinds: z.array(AgencyKind).min(1).describe('Kinds of agency the set applies to.'),
    total: Points.positive().describe('Declared maximum total; the fields must add up to it.'),
    sourceTotals: z
      .strictObject({
        appraisal: Points.optional(),
        survey: Points.optional(),
      })
      .optional()
      .describe('Declared maxima of the appraisal and survey parts, e.g. 70 and 30.'),
    adjustmentCaps: z
      .strictObject({
        bonus: Points.optional().describe('Cap on all bonus points together.'),
        penalty: Points.optional().describe('Cap on all penalty points together.'),
      })
      .optional()
      .describe('Caps on bonus and penalty points over all items.'),
    capAtTotal: z
      .boolean()
      .default(true)
      .describe('Whether points after bonus are capped at the total (index ≤ 100%).'),
    notApplicable: z
      .enum(['rescale', 'full'])
      .default('rescale')
      .describe(
        'rescale: a not-applicable item leaves the maximum and the index is points ÷ applicable maximum; ' +
          'full: it scores its maximum.',
      ),
    rounding: z
      .strictObject({
        decimals: z.number().int().min(0).max(6).default(2),
        mode: z.enum(['half-up', 'half-even']).default('half-up'),
      })
      .default({ decimals: 2, mode: 'half-up' })
      .describe('How indices and points are rounded for display, once.'),
    bands: z.array(GradeBand).min(1).describe('Grading bands of the index; they must cover 0–100%.'),
    fields: z.array(Group).min(1).describe('Fields (lĩnh vực), each with criteria and items.'),
  })
  .describe('A PAR INDEX criteria set, format version 1.');
export type CriteriaSet = z.infer<typeof CriteriaSet>;

/** Whether a node is a leaf item. */
export function isItem(n: Node): n is Item {
  return 'rule' in n;
}
