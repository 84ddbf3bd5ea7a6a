/**
 * The result of a round (`result.json`), format 1: every number, every input file with its
 * SHA-256, the criteria used, rankings and the appraisal trail. Reports are pure functions of
 * this document, so `parindex report result.json` re-renders without rescoring. Numbers are
 * given exactly (`exact`: "2.5" or "640/7") and rounded once by the set's rule (`value`).
 */
import { z } from 'zod';

/**
 * What an exact value may be: a decimal or a fraction with a non-zero denominator, at most 60
 * digits a part. A result.json may come back tampered with; a 20,000-digit fraction took a
 * report 74 s, "1/00" divided by zero.
 */
const EXACT = /^-?\d{1,60}(?:\.\d{1,60})?$|^-?\d{1,60}\/0*[1-9]\d{0,59}$/;

/** Points, percentages and bounds: finite, and far from the edges of a double. */
const Finite = z.number().finite().min(-1e12).max(1e12);

/** A number: exact text and the value rounded once by the criteria set's rule. */
export const Num = z
  .strictObject({
    exact: z
      .string()
      .regex(EXACT, 'not an exact number (a decimal or a fraction, at most 60 digits a part)')
      .describe('Exact value: a decimal ("2.4936") or a fraction ("640/7").'),
    value: Finite.describe('Rounded once, by the set’s rounding rule (2 decimals by default).'),
  })
  .describe('A number, exact and rounded.');
export type Num = z.infer<typeof Num>;

const Text = z.strictObject({ vi: z.string(), en: z.string().optional() });

export const HistoryStep = z
  .strictObject({
    step: z.enum(['self', 'appraisal', 'explanation']),
    round: z.number().int().optional().describe('Appraisal round; for an explanation, the round it answers.'),
    points: Num.optional().describe('Points after this step (self-score, or what the round set).'),
    reason: z.string().optional().describe('Appraisal reason.'),
    reply: z.string().optional().describe('The agency’s explanation.'),
    evidence: z.string().optional().describe('Evidence given with the self-score or added with the explanation.'),
    date: z.string().optional().describe('Date written on the row (ISO).'),
    late: z.boolean().optional().describe('Dated after the stage’s deadline.'),
    file: z.string(),
    cell: z.string().optional().describe('A1 address of the points (or reply) cell.'),
  })
  .describe('One step of an item’s path: self → round 1 → explanation → round 2 …');
export type HistoryStep = z.infer<typeof HistoryStep>;

export const ItemResult = z.strictObject({
  code: z.string(),
  field: z.string().describe('Code of the field the item belongs to.'),
  source: z.enum(['appraisal', 'survey', 'bonus', 'penalty']),
  max: Num.describe('The item’s maximum (0 when not applicable under rescale).'),
  applicable: z.boolean().describe('False when the item does not apply to this agency’s kind.'),
  notApplicable: z.boolean().describe('The agency marked it "not applicable" (không áp dụng).'),
  self: Num.optional().describe('Points from the agency’s self-assessment.'),
  appraised: Num.optional().describe('Points set by appraisal, when it changed or confirmed them.'),
  final: Num.describe('Points that count: appraised when present, else self.'),
  detail: Text.describe('How the rule applied to the inputs, in words ("45/47 = 95,74% → 2 điểm").'),
  evidence: z.string().optional(),
  explanation: z.string().optional(),
  reason: z.string().optional().describe('Appraisal reason for the last change.'),
  appraisalFile: z.string().optional(),
  placesIfFull: z
    .number()
    .int()
    .optional()
    .describe('Places the agency would gain in its group with full points on this item (the gap list).'),
  history: z
    .array(HistoryStep)
    .optional()
    .describe('The item’s path through the appraisal loop, when appraisal or explanation touched it.'),
});
export type ItemResult = z.infer<typeof ItemResult>;

export const NodeResult = z.strictObject({
  code: z.string(),
  points: Num,
  max: Num,
  index: Num.describe('points ÷ max × 100; 0 when max is 0.'),
});
export type NodeResult = z.infer<typeof NodeResult>;

export const PreviousComparison = z.strictObject({
  index: Num.describe('Last year’s index.'),
  rank: z.number().int().optional().describe('Last year’s rank in its group.'),
  indexChange: Num.describe('This year’s index minus last year’s.'),
  rankChange: z.number().int().optional().describe('Places gained (positive) or lost (negative).'),
  fields: z
    .array(z.strictObject({ code: z.string(), index: Num, change: Num }))
    .default([])
    .describe('Field indices last year (through the crosswalk when criteria changed).'),
  basis: z
    .strictObject({
      rule: z.enum(['successor', 'mean', 'weighted']),
      from: z.array(z.string()),
      weights: z.array(z.number()).optional(),
    })
    .optional()
    .describe(
      'When compared with other codes than its own: one predecessor (successor), or several by mean or weighted mean.',
    ),
});

const GapFigures = {
  self: Num.describe('Self-assessed points.'),
  appraised: Num.describe('Points after appraisal.'),
  gap: Num.describe('self − appraised.'),
};

export const SelfGap = z
  .strictObject({
    ...GapFigures,
    fields: z.array(z.strictObject({ code: z.string(), ...GapFigures })),
  })
  .describe(
    'Self-scored items (not survey): self total, appraised total and the gap, per agency and field; penalties ' +
      'count negative.',
  );
export type SelfGap = z.infer<typeof SelfGap>;

export const AgencyInterval = z
  .strictObject({
    index: z.strictObject({ lower: Num, upper: Num }).describe('The index with every sampled share at its bound.'),
    rank: z
      .strictObject({ best: z.number().int(), worst: z.number().int() })
      .describe('Best and worst rank consistent with the index intervals of the group.'),
    shares: z.number().int().describe('Survey shares with a sample size behind the interval.'),
    minValid: z.number().int().describe('The smallest count of valid answers among them.'),
  })
  .describe('How sure the index and rank are: 95% Wilson intervals of the survey shares, carried through.');

export const AgencyAlternative = z
  .strictObject({
    index: Num,
    rank: z.number().int(),
    shift: z.number().int().describe('Places gained under the alternative weights (rank − alternative rank).'),
  })
  .describe('The index and rank under the alternative field maxima (weightsAlt).');

export const AgencyResult = z.strictObject({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  group: z.string(),
  region: z.string().optional(),
  set: z.string().describe('id@version of the criteria set used.'),
  status: z
    .enum(['scored', 'missing', 'zero'])
    .describe('scored; missing (no submission, not ranked); zero (no submission, scored as zero).'),
  submission: z.strictObject({ file: z.string(), sha256: z.string() }).optional(),
  total: z.strictObject({ points: Num, max: Num, index: Num }),
  bySource: z.strictObject({
    appraisal: z.strictObject({ points: Num, max: Num }),
    survey: z.strictObject({ points: Num, max: Num }),
    bonus: Num,
    penalty: Num,
  }),
  fields: z.array(NodeResult),
  criteria: z.array(NodeResult).describe('Second-level nodes (tiêu chí).'),
  items: z.array(ItemResult),
  rank: z.number().int().optional(),
  groupSize: z.number().int().optional(),
  band: z.string().optional().describe('Id of the grading band (A, B, …).'),
  previous: PreviousComparison.optional(),
  isNew: z.boolean().optional().describe('True when last year’s result has no such agency.'),
  selfGap: SelfGap.optional().describe('Self-assessed against appraised points, when the round has appraisal.'),
  mergedFrom: z
    .array(z.string())
    .optional()
    .describe('Predecessors of a merged agency that is not compared ("mới, hợp nhất từ …").'),
  interval: AgencyInterval.optional(),
  alternative: AgencyAlternative.optional(),
  openErrors: z
    .number()
    .int()
    .optional()
    .describe(
      'Errors in this agency’s inputs still open when it was scored (--allow-incomplete); ' +
        'every report that shows its rank marks it.',
    ),
  surveyMissing: z
    .array(z.string())
    .optional()
    .describe('Survey items with no survey data for this agency (each scored 0 and reported as a finding).'),
});
export type AgencyResult = z.infer<typeof AgencyResult>;

export const GroupResult = z.strictObject({
  id: z.string(),
  title: Text,
  agencies: z.array(z.string()).describe('Agency codes, ranked.'),
  mean: Num,
  bands: z.array(z.strictObject({ id: z.string(), count: z.number().int() })),
  highest: z.string().optional().describe('Agency code with the highest index.'),
  lowest: z.string().optional(),
  highestTied: z.array(z.string()).optional().describe('Every agency at the highest index, when several tie there.'),
  lowestTied: z.array(z.string()).optional().describe('Every agency at the lowest index, when several tie there.'),
  roundingNotes: z
    .array(
      z.strictObject({
        agencies: z.array(z.string()),
        shown: z.string().describe('The rounded value they share.'),
        decimals: z.number().int().min(0).max(100).describe('Decimals needed to tell them apart.'),
      }),
    )
    .default([])
    .describe('Agencies that show the same rounded index but hold different ranks.'),
  overlapNotes: z
    .array(z.strictObject({ agencies: z.array(z.string()), ranks: z.array(z.number().int()) }))
    .optional()
    .describe('Runs of agencies with different ranks whose rank intervals reach each other’s ranks.'),
});
export type GroupResult = z.infer<typeof GroupResult>;

export const CriteriaRef = z.strictObject({
  ref: z.string(),
  kinds: z.array(z.string()),
  title: Text,
  decision: z.strictObject({ number: z.string(), date: z.string().optional() }),
  rounding: z.strictObject({ decimals: z.number().int().min(0).max(20), mode: z.enum(['half-up', 'half-even']) }),
  bands: z.array(z.strictObject({ id: z.string(), label: Text, min: Finite, max: Finite })),
  fields: z.array(z.strictObject({ code: z.string(), title: Text, max: Finite })),
  criteria: z
    .array(z.strictObject({ code: z.string(), title: Text, max: Finite }))
    .default([])
    .describe('Second-level nodes (tiêu chí), for the titles of subtotals.'),
  items: z.array(z.strictObject({ code: z.string(), title: Text, max: Finite })),
});
export type CriteriaRef = z.infer<typeof CriteriaRef>;

export const InputFile = z.strictObject({
  role: z.enum([
    'round',
    'roster',
    'criteria',
    'submission',
    'appraisal',
    'survey',
    'previous',
    'crosswalk',
    'questionnaire',
    'explanation',
    'weights',
  ]),
  file: z.string(),
  sha256: z.string(),
});

export const AppraisalChange = z.strictObject({
  agency: z.string(),
  item: z.string(),
  from: Num.optional().describe('Points before this change (self, or an earlier appraisal).'),
  to: Num,
  reason: z.string(),
  file: z.string(),
  order: z.number().int().describe('1 for the first appraisal file, 2 for the next, …'),
  cell: z.string().optional(),
});
export type AppraisalChange = z.infer<typeof AppraisalChange>;

export const StoredFinding = z.strictObject({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  location: z.record(z.string(), z.union([z.string(), z.number()])),
  criterion: z.string().optional(),
  agency: z.string().optional(),
  args: z.unknown(),
});

export const RoundResult = z
  .strictObject({
    format: z.literal('parindex-result'),
    formatVersion: z.literal(1),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    round: z.strictObject({ name: z.string(), year: z.number().int(), date: z.string() }),
    criteria: z.array(CriteriaRef),
    inputs: z.array(InputFile).describe('Every input file with its SHA-256, sorted by role and path.'),
    groups: z.array(GroupResult),
    agencies: z.array(AgencyResult).describe('Every agency, by group order, rank, then code.'),
    appraisalChanges: z.array(AppraisalChange),
    findings: z.array(StoredFinding),
    comparison: z
      .strictObject({
        file: z.string(),
        kind: z.enum(['result', 'table']),
        rank: z.boolean().describe('Rank changes are made (within the same group).'),
        index: z.boolean(),
        fields: z.array(z.string()).describe('Field codes compared; "*" for every field last year’s result has.'),
        merged: z.enum(['none', 'mean', 'weighted']).describe('The rule for agencies with several predecessors.'),
        rows: z.number().int().optional(),
        matched: z.number().int().optional(),
      })
      .optional()
      .describe('What last year’s figures allow comparing, and how merged agencies are compared.'),
    uncertainty: z
      .strictObject({
        method: z.string().describe('How share, index and rank intervals are made.'),
        confidence: z.number(),
        weightsAlt: z
          .strictObject({ file: z.string(), maxima: z.record(z.string(), z.number()) })
          .optional()
          .describe('The alternative field maxima behind each agency’s `alternative`.'),
      })
      .optional(),
  })
  .describe('parindex result.json, format 1.');
export type RoundResult = z.infer<typeof RoundResult>;
