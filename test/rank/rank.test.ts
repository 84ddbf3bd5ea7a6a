/**
 * rankAgencies and gapList with hand-worked ranks. Agencies are scored on a one-item set of 100
 * points (test/score/helpers.ts `hundredSet`), so an agency's index equals the points it wrote.
 * Bands: A ≥ 90, B 80–<90, C < 80; 2 decimals, half-up.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/core/rational.js';
import { CriteriaSet } from '../../src/criteria/schema.js';
import { gapList } from '../../src/rank/gap.js';
import { rankAgencies } from '../../src/rank/rank.js';
import type { PreviousResult } from '../../src/rank/types.js';
import { scoreAgency } from '../../src/score/score.js';
import type { AgencyScore } from '../../src/score/types.js';
import { baseSet } from '../helpers/criteria.js';
import { agency, ex, hundredSet, indexed, selfPoints, surveyShares } from '../score/helpers.js';

const hundred = indexed(hundredSet());
const rules = hundred.set;

function at(code: string, points: string | undefined, group = 'department'): AgencyScore {
  return scoreAgency({
    agency: agency(code, group, group),
    criteria: hundred,
    self: points === undefined ? undefined : selfPoints({ '1.1': points }),
  });
}

const row = (r: ReturnType<typeof rankAgencies>, group: string) => r.groups.find((g) => g.group === group)!;

describe('rankAgencies', () => {
  it('ranks by exact index; equal values share a rank and the next skips (1, 2, 2, 4)', () => {
    const r = rankAgencies([at('D', '80'), at('C', '85'), at('A', '90'), at('B', '85')], rules);
    const g = row(r, 'department');
    // 90 → 1; 85, 85 → 2, 2 (listed by code B, C); 80 → 4
    expect(g.agencies.map((a) => [a.code, a.rank, a.shown, a.band])).toEqual([
      ['A', 1, '90.00', 'A'],
      ['B', 2, '85.00', 'B'],
      ['C', 2, '85.00', 'B'],
      ['D', 4, '80.00', 'B'],
    ]);
    // shared rank with equal exact values is not a rounding note
    expect(g.roundingNotes).toEqual([]);
    // mean (90 + 85 + 85 + 80) / 4 = 85; bands A 1, B 3 (80 is in B), C 0
    expect(ex(g.summary.mean)).toBe('85');
    expect(g.summary.bands).toEqual([
      { id: 'A', count: 1 },
      { id: 'B', count: 3 },
      { id: 'C', count: 0 },
    ]);
    expect(g.summary.highest).toEqual({ agencies: ['A'], index: q(90) });
    expect(g.summary.lowest).toEqual({ agencies: ['D'], index: q(80) });
    expect(g.agencies[0]!.change).toBeUndefined();
  });

  it('notes ranks that look equal when rounded, with the decimals that tell them apart', () => {
    // 89.134 and 89.126 both show 89.13 but rank 1 and 2: 3 decimals tell them apart.
    // 85.1301 and 85.1304 show 85.13 and also 85.130 at 3 decimals: 4 decimals needed.
    const r = rankAgencies(
      [at('Q', '89.126'), at('P', '89.134'), at('R', '85.1301'), at('S', '85.1304'), at('T', '80')],
      rules,
    );
    const g = row(r, 'department');
    expect(g.agencies.map((a) => [a.code, a.rank, a.shown])).toEqual([
      ['P', 1, '89.13'],
      ['Q', 2, '89.13'],
      ['S', 3, '85.13'],
      ['R', 4, '85.13'],
      ['T', 5, '80.00'],
    ]);
    expect(g.roundingNotes).toEqual([
      { agencies: ['P', 'Q'], shown: '89.13', decimals: 3, values: ['89.134', '89.126'] },
      { agencies: ['S', 'R'], shown: '85.13', decimals: 4, values: ['85.1304', '85.1301'] },
    ]);
  });

  it('notes only the agencies that differ when a rounded run mixes a tie and a split', () => {
    // 70.004, 70.004 (tie, rank 1) and 70.001 (rank 3) all show 70.00
    const g = row(rankAgencies([at('X', '70.004'), at('Y', '70.001'), at('W', '70.004')], rules), 'department');
    expect(g.agencies.map((a) => a.rank)).toEqual([1, 1, 3]);
    expect(g.roundingNotes).toEqual([
      { agencies: ['W', 'X', 'Y'], shown: '70.00', decimals: 3, values: ['70.004', '70.004', '70.001'] },
    ]);
  });

  it('ranks groups separately, groups in id order', () => {
    const r = rankAgencies(
      [
        at('S2', '70', 'department'),
        at('X1', '95', 'commune'),
        at('S1', '75', 'department'),
        at('X2', '60', 'commune'),
      ],
      rules,
    );
    expect(r.groups.map((g) => g.group)).toEqual(['commune', 'department']);
    expect(row(r, 'commune').agencies.map((a) => [a.code, a.rank])).toEqual([
      ['X1', 1],
      ['X2', 2],
    ]);
    // S1 75 is first in its own group although X1 (95) is higher overall
    expect(row(r, 'department').agencies.map((a) => [a.code, a.rank])).toEqual([
      ['S1', 1],
      ['S2', 2],
    ]);
  });

  it('compares with the previous year: up, down, same, new, other group', () => {
    const previous: PreviousResult = {
      agencies: [
        { code: 'A', group: 'department', rank: 3, index: q('88.5') },
        { code: 'B', group: 'department', rank: 2, index: q('90') },
        { code: 'C', group: 'department', rank: 1, index: q('91.43') },
        { code: 'E', group: 'commune', rank: 1, index: q('70') },
      ],
    };
    const r = rankAgencies(
      [at('A', '92.75'), at('B', '90'), at('C', '85'), at('D', '84'), at('E', '50')],
      rules,
      previous,
    );
    const g = row(r, 'department');
    const change = (code: string) => g.agencies.find((a) => a.code === code)!.change;
    // A: rank 3 → 1, up 2 places; index 92.75 − 88.5 = 4.25
    expect(change('A')).toEqual({
      kind: 'up',
      places: 2,
      previousRank: 3,
      previousIndex: q('88.5'),
      indexChange: q('4.25'),
    });
    // B: rank 2 → 2, same; 90 − 90 = 0
    expect(change('B')).toEqual({ kind: 'same', places: 0, previousRank: 2, previousIndex: q(90), indexChange: q(0) });
    // C: rank 1 → 3, down 2; 85 − 91.43 = −6.43
    expect(change('C')).toEqual({
      kind: 'down',
      places: 2,
      previousRank: 1,
      previousIndex: q('91.43'),
      indexChange: q('-6.43'),
    });
    expect(change('D')).toEqual({ kind: 'new' });
    // E was ranked among communes: rank not compared; 50 − 70 = −20
    expect(change('E')).toEqual({
      kind: 'other-group',
      previousGroup: 'commune',
      previousRank: 1,
      previousIndex: q(70),
      indexChange: q(-20),
    });
  });

  it('leaves agencies without a submission unranked unless they score zero', () => {
    const zero = scoreAgency({ agency: agency('Z'), criteria: hundred, missingScoresZero: true });
    const g = row(rankAgencies([at('M', undefined), zero, at('A', '50')], rules), 'department');
    expect(g.agencies.map((a) => [a.code, a.rank, a.shown])).toEqual([
      ['A', 1, '50.00'],
      ['Z', 2, '0.00'],
    ]);
    expect(g.unranked).toEqual(['M']);
    // mean (50 + 0) / 2 = 25
    expect(ex(g.summary.mean)).toBe('25');
  });

  it('takes bands and rounding per group when given a lookup', () => {
    const oneDecimal = CriteriaSet.parse({ ...hundredSet(), rounding: { decimals: 1, mode: 'half-up' } });
    const r = rankAgencies([at('A', '89.96', 'commune'), at('B', '89.96')], (group) =>
      group === 'commune' ? oneDecimal : rules,
    );
    expect(row(r, 'commune').agencies[0]!.shown).toBe('90.0');
    expect(row(r, 'department').agencies[0]!.shown).toBe('89.96');
  });
});

describe('gapList', () => {
  it('lists items by points lost, with the places full points would gain', () => {
    // base set, department. Self: 1.1.1 0.5 (lost 0.5), 1.1.2 1, 1.1.3 1, 1.2.1 0 (lost 2),
    // 1.2.2 0.75 (lost 0.25), 2.1.1 2, penalty 2.1.5 1 (lost 1); survey share 1 → 2 of 2.
    // Scored 0.5+1+1+0+0.75+2+2 = 7.25; − penalty 1 = 6.25 of 10 → 62.5 %.
    const base = indexed(baseSet());
    const me = scoreAgency({
      agency: agency('ME'),
      criteria: base,
      self: selfPoints({ '1.1.1': 0.5, '1.1.2': 1, '1.1.3': 1, '1.2.1': 0, '1.2.2': 0.75, '2.1.1': 2, '2.1.5': 1 }),
      survey: surveyShares({ '2.1.3': 1 }),
    });
    expect(ex(me.total.index)).toBe('62.5');
    // The group: others at 80, 70, 65, 63 (and me at 62.5, rank 5).
    const others = ['80', '70', '65', '63'].map((p, i) => {
      const s = scoreAgency({ agency: agency(`O${i}`), criteria: base, self: selfPoints({}) });
      return { ...s, total: { ...s.total, index: q(p) } };
    });
    const gaps = gapList(me, base, [me, ...others]);
    expect(gaps.map((g) => [g.code, ex(g.lost), ex(g.indexIfFull), g.rankIfFull, g.gainIfFull])).toEqual([
      // 1.2.1: +2 → 8.25 → 82.5 %, above all four → rank 1, +4 places
      ['1.2.1', '2', '82.5', 1, 4],
      // bonus 2.1.4 unused (0 of 1): +1 → 7.25 → 72.5 %, above 70, 65, 63 → rank 2, +3; before 2.1.5 in tree order
      ['2.1.4', '1', '72.5', 2, 3],
      // penalty 1 gone: 7.25 → 72.5 %, rank 2, +3
      ['2.1.5', '1', '72.5', 2, 3],
      // 1.1.1: +0.5 → 6.75 → 67.5 %, above 65 and 63 → rank 3, +2
      ['1.1.1', '0.5', '67.5', 3, 2],
      // 1.2.2: +0.25 → 6.5 → 65 %: only 80 and 70 above, ties 65 and shares its rank 3 → +2
      ['1.2.2', '0.25', '65', 3, 2],
    ]);
    // without a group: no places
    expect(gapList(me, base)[0]).not.toHaveProperty('gainIfFull');
  });
});
