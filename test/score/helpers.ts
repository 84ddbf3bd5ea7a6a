/** Builds scoring inputs in tests: item inputs, indexed sets, agencies. */
import { q, type Rational } from '../../src/core/rational.js';
import { CriteriaSet } from '../../src/criteria/schema.js';
import { indexCriteriaSet, type CriteriaIndex } from '../../src/criteria/tree.js';
import type { ItemInput } from '../../src/validate/submission.js';
import { baseSet } from '../helpers/criteria.js';
import type { AgencyInfo, AppraisalValue, SurveyValue } from '../../src/score/types.js';

/** An item input with the given values and no cell locations. */
export function itemInput(
  code: string,
  values: Partial<Omit<ItemInput, 'code' | 'cells' | 'location'>> = {},
): ItemInput {
  return { code, notApplicable: false, cells: {}, location: {}, ...values };
}

/** Self inputs from code → points written (the `points` input). */
export function selfPoints(points: Record<string, number | string>): Map<string, ItemInput> {
  return new Map(Object.entries(points).map(([code, p]) => [code, itemInput(code, { points: q(p) })]));
}

/** Indexes a raw set after the schema applies defaults. */
export function indexed(raw: unknown): CriteriaIndex {
  return indexCriteriaSet(CriteriaSet.parse(raw));
}

export function agency(code: string, kind = 'department', group = kind): AgencyInfo {
  return { code, name: `Đơn vị ${code}`, kind, group };
}

export function appraised(
  entries: Record<string, [number | string, string]>,
  file = 'tham-dinh.xlsx',
  round = 1,
): Map<string, AppraisalValue> {
  return new Map(Object.entries(entries).map(([code, [p, reason]]) => [code, { points: q(p), reason, file, round }]));
}

export function surveyShares(entries: Record<string, number | string>): Map<string, SurveyValue> {
  return new Map(Object.entries(entries).map(([code, s]) => [code, { share: q(s) }]));
}

/** The base set's header (kinds, bands A/B/C, 2 decimals) with other fields and total, and no source totals or caps. */
export function withFields(
  total: number,
  fields: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...baseSet(), sourceTotals: undefined, adjustmentCaps: undefined, total, fields, ...extra };
}

/** A one-field set with one `points` item of max 100 in steps of 0.01: its index equals its points. */
export function hundredSet(): Record<string, unknown> {
  const item = { code: '1.1', title: { vi: 'Điểm' }, max: 100, rule: { kind: 'points', step: 0.01 } };
  return withFields(100, [{ code: '1', title: { vi: 'Lĩnh vực' }, max: 100, children: [item] }], { id: 'hundred' });
}

/** Exact text of a Rational, for compact assertions. */
export function ex(r: Rational | undefined): string | undefined {
  return r?.toExact();
}
