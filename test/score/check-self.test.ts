/** The self-score checks, one rule at a time, on rows built by hand (no workbook). */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/core/rational.js';
import { Item } from '../../src/criteria/schema.js';
import type { FindingLocation } from '../../src/findings/finding.js';
import { checkSelfScores, SELF_CHECKS } from '../../src/score/check-self.js';
import type { SelfScoredRow } from '../../src/validate/check.js';
import type { InputField, ItemInput } from '../../src/validate/submission.js';

const COLUMN: Record<string, string> = { points: 'E', evidence: 'L' };
const row = (item: Item, v: Partial<ItemInput>, pointsOk = true): SelfScoredRow => ({
  item,
  row: { code: item.code, notApplicable: false, cells: {}, location: {}, ...v },
  pointsOk,
  at: (f: InputField): FindingLocation => ({ file: 'x.xlsx', row: 7, cell: `${COLUMN[f] ?? '?'}7` }),
  tag: { criterion: item.code },
});
// 45/47 = 95.74% falls in the band 90–100% worth 2 points.
const bands = Item.parse({
  code: '1.1',
  title: { vi: 't' },
  max: 2,
  evidence: 'required',
  rule: {
    kind: 'bands',
    input: 'ratio',
    bands: [
      { min: 0, max: 90, points: 0 },
      { min: 90, max: 100, points: 2 },
    ],
  },
});
const found = (rows: SelfScoredRow[]): string[] => checkSelfScores(rows).map((f) => `${f.code} ${f.location.cell}`);

describe('self-score checks', () => {
  it('lists its rules by name, one entry each', () => {
    expect(SELF_CHECKS.map((r) => r.name)).toEqual(['points-match-rule', 'evidence-for-claimed-points']);
  });

  it('points that contradict the rule on the raw inputs, at the points cell', () => {
    expect(found([row(bands, { numerator: q(45), denominator: q(47), points: q(1), evidence: 'QĐ 12' })])).toEqual([
      'INTAKE_POINTS_CONTRADICT_RULE E7',
    ]);
    expect(found([row(bands, { numerator: q(45), denominator: q(47), points: q(2), evidence: 'QĐ 12' })])).toEqual([]);
    // Points already wrong on their own (above the maximum…) are not compared again.
    expect(
      found([row(bands, { numerator: q(45), denominator: q(47), points: q(1), evidence: 'QĐ 12' }, false)]),
    ).toEqual([]);
  });

  it('evidence missing where points are claimed, or explained instead', () => {
    expect(found([row(bands, { numerator: q(45), denominator: q(47) })])).toEqual(['INTAKE_EVIDENCE_MISSING L7']);
    expect(found([row(bands, { numerator: q(45), denominator: q(47), explanation: 'đang ban hành' })])).toEqual([
      'INTAKE_EVIDENCE_EXPLAINED L7',
    ]);
    // 40/47 = 85.1%: 0 points claimed, no evidence needed.
    expect(found([row(bands, { numerator: q(40), denominator: q(47) })])).toEqual([]);
  });
});
