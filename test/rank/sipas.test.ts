/** SIPAS ranking: competition ranks by exact index, written by hand. */
import { describe, expect, it } from 'vitest';
import { rankedUnits, rankSipasUnits } from '../../src/rank/sipas.js';
import type { SipasUnit } from '../../src/score/sipas.js';

const unit = (code: string, exact?: string, value = Number(exact)): SipasUnit => ({
  code,
  respondents: 1,
  ...(exact !== undefined ? { index: { exact, value } } : {}),
  domains: [],
  elements: [],
  items: [],
});

describe('rankSipasUnits', () => {
  it('gives equal exact indices one rank and skips the next (1, 2, 2, 4); units without an index stay unranked', () => {
    const units = [unit('D', '70'), unit('B', '80'), unit('A', '90'), unit('C', '80'), unit('E')];
    rankSipasUnits(units);
    expect(units.map((u) => [u.code, u.rank, u.rankOf])).toEqual([
      ['D', 4, 4],
      ['B', 2, 4],
      ['A', 1, 4],
      ['C', 2, 4],
      ['E', undefined, undefined],
    ]);
    expect(rankedUnits(units).map((u) => u.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('ranks by the exact value, not the rounded one', () => {
    // 200/3 = 66.666… and 66.67 both show 66.67; 66.67 is higher.
    const units = [unit('X', '200/3', 66.67), unit('Y', '66.67')];
    rankSipasUnits(units);
    expect(units.map((u) => u.rank)).toEqual([2, 1]);
  });
});
