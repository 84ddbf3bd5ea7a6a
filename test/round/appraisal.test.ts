import { describe, expect, it } from 'vitest';
import { q, type Rational } from '../../src/core/rational.js';
import { indexCriteriaSet } from '../../src/criteria/tree.js';
import { mergeAppraisals, type AppraisalLine } from '../../src/round/appraisal.js';
import { baseParsed } from '../helpers/criteria.js';

const idx = indexCriteriaSet(baseParsed());
const self: Record<string, Record<string, string>> = { SNV: { '1.1.1': '0.75', '1.2.1': '2' }, STP: { '1.1.1': '1' } };
const ctx = {
  setOf: (a: string) => (a in self ? idx : undefined),
  selfPoints: (a: string, i: string) => (self[a]?.[i] !== undefined ? q(self[a]![i]!) : undefined),
  num: (_a: string, r: Rational) => ({ exact: r.toExact(), value: Number(r.toFixed(2)) }),
};

function line(
  agency: string,
  item: string,
  points: string | undefined,
  reason: string,
  row: number,
  file = 'tham-dinh-1.xlsx',
): AppraisalLine {
  return {
    agency,
    item,
    ...(points !== undefined ? { points: q(points) } : {}),
    reason,
    file,
    sheet: 'Thẩm định',
    row,
    cell: `J${row}`,
  };
}

describe('mergeAppraisals', () => {
  it('applies files in order, keeps every change, and lets a later file override', () => {
    const first = [
      line('SNV', '1.1.1', '0.5', 'Thiếu tài liệu kiểm chứng', 2),
      line('SNV', '1.2.1', undefined, '', 3),
      line('STP', '1.1.1', '1', '', 4),
    ];
    const second = [line('SNV', '1.1.1', '0.75', 'Đã bổ sung sau giải trình', 2, 'tham-dinh-2.xlsx')];
    const m = mergeAppraisals([first, second], ctx);
    expect(m.findings).toEqual([]);
    // SNV 1.1.1: self 0.75 → 0.5 (file 1) → 0.75 (file 2): two changes; STP equals its self-score: no change, no reason
    // needed.
    expect(m.changes.map((c) => [c.agency, c.item, c.from?.exact, c.to.exact, c.order, c.cell])).toEqual([
      ['SNV', '1.1.1', '0.75', '0.5', 1, 'J2'],
      ['SNV', '1.1.1', '0.5', '0.75', 2, 'J2'],
    ]);
    expect(m.values.get('SNV')?.get('1.1.1')).toMatchObject({
      reason: 'Đã bổ sung sau giải trình',
      file: 'tham-dinh-2.xlsx',
      round: 2,
    });
    expect(m.values.get('SNV')!.get('1.1.1')!.points.toExact()).toBe('0.75');
    expect(m.values.get('SNV')?.has('1.2.1')).toBe(false);
    expect(m.values.get('STP')!.get('1.1.1')!.points.toExact()).toBe('1');
  });

  it('reports values out of range, missing reasons, unknown agencies and items, and duplicates', () => {
    const m = mergeAppraisals(
      [
        [
          line('SNV', '1.1.1', '1.5', 'quá điểm', 2),
          line('SNV', '1.2.1', '1', '', 3),
          line('XYZ', '1.1.1', '1', 'x', 4),
          line('SNV', '9.9.9', '1', 'x', 5),
          line('STP', '1.1.2', '0.5', 'Ban hành chậm', 6),
          line('STP', '1.1.2', '0', 'Không ban hành', 7),
        ],
      ],
      ctx,
    );
    expect(m.findings.map((f) => [f.code, f.location.cell])).toEqual([
      ['ROUND_APPRAISAL_OUT_OF_RANGE', 'J2'],
      ['ROUND_APPRAISAL_NO_REASON', 'J3'],
      ['ROUND_APPRAISAL_UNKNOWN_AGENCY', 'J4'],
      ['ROUND_APPRAISAL_UNKNOWN_ITEM', 'J5'],
      ['ROUND_APPRAISAL_DUPLICATE', 'J7'],
    ]);
    expect([...m.values.keys()]).toEqual(['STP']);
  });
});
