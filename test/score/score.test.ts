/**
 * scoreAgency on the small base set (test/helpers/criteria.ts), with expectations worked out by
 * hand. Maxima of the base set: 1.1.1 1, 1.1.2 1, 1.1.3 1 (may be N/A), 1.2.1 2, 1.2.2 1,
 * 2.1.1 2 (department), 2.1.2 2 (commune), 2.1.3 2 (survey), 2.1.4 bonus 1, 2.1.5 penalty 2;
 * caps bonus 1, penalty 2; total 10.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/core/rational.js';
import { formatIndex, scoreAgency } from '../../src/score/score.js';
import type { AgencyScore, ScoreInput } from '../../src/score/types.js';
import { baseSet } from '../helpers/criteria.js';
import { agency, appraised, ex, indexed, itemInput, selfPoints, surveyShares, withFields } from './helpers.js';

/** Self points of the worked example A (points the agency wrote; the rule is stubbed). */
const SELF_A = {
  '1.1.1': 0.75,
  '1.1.2': 0.5,
  '1.1.3': 0,
  '1.2.1': 1,
  '1.2.2': 0.75,
  '2.1.1': 1.5,
  '2.1.4': 0.5,
  '2.1.5': 1,
};

function scoreBase(
  over: Partial<ScoreInput> = {},
  mutate: (raw: Record<string, unknown>) => void = () => {},
): AgencyScore {
  const raw = baseSet();
  mutate(raw);
  return scoreAgency({
    agency: agency('S01'),
    criteria: indexed(raw),
    self: selfPoints(SELF_A),
    survey: surveyShares({ '2.1.3': 0.9 }),
    ...over,
  });
}

const node = (s: AgencyScore, code: string) => s.nodes.find((n) => n.code === code)!;
const item = (s: AgencyScore, code: string) => s.items.find((i) => i.code === code)!;

describe('scoreAgency: sums', () => {
  it('adds items into criteria, fields, sources and the total (example A)', () => {
    const s = scoreBase();
    // 1.1: 0.75 + 0.5 + 0 = 1.25 of 3 → 1.25 / 3 × 100 = 125/3 %
    expect([ex(node(s, '1.1').points), ex(node(s, '1.1').max), ex(node(s, '1.1').index)]).toEqual([
      '1.25',
      '3',
      '125/3',
    ]);
    // 1.2: 1 + 0.75 = 1.75 of 3 → 175/3 %
    expect([ex(node(s, '1.2').points), ex(node(s, '1.2').index)]).toEqual(['1.75', '175/3']);
    // field 1: 1.25 + 1.75 = 3 of 6 → 50 %
    expect([ex(node(s, '1').points), ex(node(s, '1').max), ex(node(s, '1').index)]).toEqual(['3', '6', '50']);
    // field 2 (department): 2.1.1 1.5 + survey 2 × 0.9 = 1.8 → 3.3 of 2 + 2 = 4 → 82.5 %; 2.1.2 is for communes
    expect([ex(node(s, '2').points), ex(node(s, '2').max), ex(node(s, '2').index)]).toEqual(['3.3', '4', '82.5']);
    expect([ex(node(s, '2.1').bonus), ex(node(s, '2.1').penalty)]).toEqual(['0.5', '1']);
    // appraisal source: 0.75 + 0.5 + 0 + 1 + 0.75 + 1.5 = 4.5 of 1+1+1+2+1+2 = 8; survey 1.8 of 2
    expect([ex(s.bySource.appraisal.points), ex(s.bySource.appraisal.max)]).toEqual(['4.5', '8']);
    expect([ex(s.bySource.survey.points), ex(s.bySource.survey.max)]).toEqual(['1.8', '2']);
    // total: 4.5 + 1.8 = 6.3, + bonus 0.5 − penalty 1 = 5.8 of 10 → 58 %, band C (0–80)
    expect([ex(s.total.scored), ex(s.total.uncapped), ex(s.total.points), ex(s.total.max), ex(s.total.index)]).toEqual([
      '6.3',
      '5.8',
      '5.8',
      '10',
      '58',
    ]);
    expect(s.band).toBe('C');
    expect(s.status).toBe('scored');
    expect(s.criteria).toBe('tiny@1');
    expect(item(s, '2.1.3')).toMatchObject({ basis: 'survey-share', applicable: true });
    expect(ex(item(s, '2.1.3').final)).toBe('1.8');
  });

  it('excludes items that do not apply to the agency kind (not N/A)', () => {
    const s = scoreBase();
    expect(item(s, '2.1.2')).toMatchObject({ applicable: false, notApplicable: false, basis: 'excluded' });
    expect(ex(item(s, '2.1.2').countedMax)).toBe('0');
    // a commune scores 2.1.2 (2 of 2) and not 2.1.1: field 2 = 2 + 1.8 = 3.8 of 4 → 95 %
    const c = scoreBase({ agency: agency('X01', 'commune'), self: selfPoints({ ...SELF_A, '2.1.2': 2 }) });
    expect(item(c, '2.1.1').applicable).toBe(false);
    expect([ex(node(c, '2').points), ex(node(c, '2').max), ex(node(c, '2').index)]).toEqual(['3.8', '4', '95']);
  });

  it('adds decimals exactly: 61.86 + 28.10 = 89.96 (floats give 89.96000000000001)', () => {
    const field = (code: string, title: string, max: number) => ({
      code,
      title: { vi: title },
      max,
      children: [{ code: `${code}.1`, title: { vi: title }, max, rule: { kind: 'points', step: 0.01 } }],
    });
    const raw = withFields(100, [field('1', 'Thẩm định', 70), field('2', 'Khảo sát', 30)]);
    const s = scoreAgency({
      agency: agency('S01'),
      criteria: indexed(raw),
      self: selfPoints({ '1.1': 61.86, '2.1': 28.1 }),
    });
    // 61.86 + 28.10 = 89.96 of 100 → 89.96 %
    expect([ex(s.total.points), ex(s.total.index)]).toEqual(['89.96', '89.96']);
  });

  it('adds quarter and tenth points exactly: 0.1 + 0.2 + 0.25 + 0.45 = 1', () => {
    const leaves = [0.1, 0.2, 0.25, 0.45].map((m, i) => ({
      code: `1.${i + 1}`,
      title: { vi: 'x' },
      max: m,
      rule: { kind: 'points', step: 0.05 },
    }));
    const raw = withFields(1, [{ code: '1', title: { vi: 'Một' }, max: 1, children: leaves }]);
    const s = scoreAgency({
      agency: agency('S01'),
      criteria: indexed(raw),
      self: selfPoints({ '1.1': 0.1, '1.2': 0.2, '1.3': 0.25, '1.4': 0.45 }),
    });
    // 0.1 + 0.2 = 0.3; + 0.25 = 0.55; + 0.45 = 1 of 1 → 100 %, band A
    expect([ex(s.total.points), ex(s.total.index), s.band]).toEqual(['1', '100', 'A']);
  });
});

describe('scoreAgency: not applicable', () => {
  const naSelf = () => {
    const m = selfPoints(SELF_A);
    m.set('1.1.3', itemInput('1.1.3', { notApplicable: true }));
    return m;
  };

  it('rescale: the item leaves the maximum at every level', () => {
    const s = scoreBase({ self: naSelf() });
    expect(item(s, '1.1.3')).toMatchObject({ notApplicable: true, basis: 'not-applicable' });
    // 1.1: 0.75 + 0.5 = 1.25 of 1 + 1 = 2 → 62.5 %; field 1: 1.25 + 1.75 = 3 of 5 → 60 %
    expect([ex(node(s, '1.1').max), ex(node(s, '1.1').index)]).toEqual(['2', '62.5']);
    expect([ex(node(s, '1').max), ex(node(s, '1').index)]).toEqual(['5', '60']);
    // appraisal max 8 − 1 = 7; total 6.3 + 0.5 − 1 = 5.8 of 9 → 580/9 = 64.444… % → shown 64.44
    expect(ex(s.bySource.appraisal.max)).toBe('7');
    expect([ex(s.total.points), ex(s.total.max), ex(s.total.index)]).toEqual(['5.8', '9', '580/9']);
    expect(formatIndex(s.total.index, { rounding: { decimals: 2, mode: 'half-up' } })).toBe('64.44');
  });

  it('full: the item scores its maximum', () => {
    const s = scoreBase({ self: naSelf() }, (raw) => (raw.notApplicable = 'full'));
    // 1.1: 0.75 + 0.5 + 1 = 2.25 of 3 → 75 %; total 7.3 + 0.5 − 1 = 6.8 of 10 → 68 %
    expect(ex(item(s, '1.1.3').final)).toBe('1');
    expect([ex(node(s, '1.1').points), ex(node(s, '1.1').index)]).toEqual(['2.25', '75']);
    expect([ex(s.total.points), ex(s.total.max), ex(s.total.index)]).toEqual(['6.8', '10', '68']);
  });

  it('ignores a "not applicable" mark on an item that does not allow it', () => {
    const self = selfPoints(SELF_A);
    self.set('1.1.1', itemInput('1.1.1', { notApplicable: true, points: q(0.75) }));
    const s = scoreBase({ self });
    expect(item(s, '1.1.1')).toMatchObject({ notApplicable: false, basis: 'self' });
    expect([ex(s.total.max), ex(s.total.index)]).toEqual(['10', '58']);
  });

  it('an appraised value overrides the agency\'s "not applicable"', () => {
    const s = scoreBase({
      self: naSelf(),
      appraisal: appraised({ '1.1.3': [0.5, 'Có phát sinh, không được áp dụng N/A'] }),
    });
    // the mark stays visible; 1.1.3 counts again with 0.5: scored 6.3 + 0.5 = 6.8, + bonus 0.5 − penalty 1
    // = 6.3 of 10 → 63 %
    expect(item(s, '1.1.3')).toMatchObject({ notApplicable: true, basis: 'appraisal' });
    expect([ex(s.total.points), ex(s.total.max), ex(s.total.index)]).toEqual(['6.3', '10', '63']);
  });
});

describe('scoreAgency: bonus and penalty', () => {
  it('caps each item at its maximum and the totals at the set caps', () => {
    const s = scoreBase(
      { self: selfPoints({ ...SELF_A, '2.1.4': 1.5, '2.1.5': 2 }) },
      (raw) => (raw.adjustmentCaps = { bonus: 0.5, penalty: 1.5 }),
    );
    // bonus item: 1.5 written, item max 1 → 1; all bonus 1, cap 0.5 → 0.5
    expect(item(s, '2.1.4')).toMatchObject({ clamped: true });
    expect([ex(s.bySource.bonus.items), ex(s.bySource.bonus.cap), ex(s.bySource.bonus.points)]).toEqual([
      '1',
      '0.5',
      '0.5',
    ]);
    // penalty item 2 (its max); cap 1.5 → 1.5
    expect([ex(s.bySource.penalty.items), ex(s.bySource.penalty.points)]).toEqual(['2', '1.5']);
    // total 6.3 + 0.5 − 1.5 = 5.3 → 53 %
    expect([ex(s.total.points), ex(s.total.index)]).toEqual(['5.3', '53']);
  });

  it('clamps the total to the maximum when capAtTotal, and not otherwise', () => {
    const full = { '1.1.1': 1, '1.1.2': 1, '1.1.3': 1, '1.2.1': 2, '1.2.2': 1, '2.1.1': 2, '2.1.4': 1, '2.1.5': 0 };
    const over: Partial<ScoreInput> = { self: selfPoints(full), survey: surveyShares({ '2.1.3': 1 }) };
    // 8 + 2 = 10 scored, + bonus 1 = 11 → capped at 10 → 100 %
    const capped = scoreBase(over);
    expect([ex(capped.total.uncapped), ex(capped.total.points), ex(capped.total.index), capped.band]).toEqual([
      '11',
      '10',
      '100',
      'A',
    ]);
    // not capped: 11 of 10 → 110 %, in no band
    const free = scoreBase(over, (raw) => (raw.capAtTotal = false));
    expect([ex(free.total.points), ex(free.total.index), free.band]).toEqual(['11', '110', undefined]);
  });

  it('floors the total at 0 when penalties exceed the points', () => {
    const s = scoreBase({ self: selfPoints({ '2.1.5': 2 }), survey: new Map() });
    // nothing scored, penalty 2: 0 − 2 = −2 → 0
    expect([ex(s.total.uncapped), ex(s.total.points), ex(s.total.index)]).toEqual(['-2', '0', '0']);
  });
});

describe('scoreAgency: appraisal, survey, missing submissions', () => {
  it('final = appraised when present, else self, keeping reason, file and round', () => {
    const self = selfPoints(SELF_A);
    self.delete('1.2.2');
    const s = scoreBase({
      self,
      appraisal: appraised(
        { '1.1.1': [0.25, 'Thiếu tài liệu kiểm chứng'], '1.2.2': [1, 'Bổ sung khi giải trình'] },
        'lan-2.xlsx',
        2,
      ),
    });
    expect(item(s, '1.1.1')).toMatchObject({
      basis: 'appraisal',
      reason: 'Thiếu tài liệu kiểm chứng',
      appraisalFile: 'lan-2.xlsx',
      appraisalRound: 2,
    });
    expect([ex(item(s, '1.1.1').self), ex(item(s, '1.1.1').appraised), ex(item(s, '1.1.1').final)]).toEqual([
      '0.75',
      '0.25',
      '0.25',
    ]);
    // 1.2.2 had no self input: appraised 1 counts
    expect([ex(item(s, '1.2.2').self), ex(item(s, '1.2.2').final)]).toEqual([undefined, '1']);
    // total: 5.8 − (0.75 − 0.25) − 0.75 + 1 = 5.55 → 55.5 %
    expect([ex(s.total.points), ex(s.total.index)]).toEqual(['5.55', '55.5']);
  });

  it('clamps an appraised value outside 0…max and says so', () => {
    const s = scoreBase({ appraisal: appraised({ '1.1.1': [3, 'x'] }) });
    expect(item(s, '1.1.1')).toMatchObject({ clamped: true });
    expect(ex(item(s, '1.1.1').final)).toBe('1');
  });

  it('takes survey points given directly over a share; no survey value gives 0', () => {
    const s = scoreBase({ survey: new Map([['2.1.3', { points: q(1.25), share: q(0.1) }]]) });
    expect(item(s, '2.1.3')).toMatchObject({ basis: 'survey-points' });
    expect(ex(item(s, '2.1.3').final)).toBe('1.25');
    const none = scoreBase({ survey: new Map() });
    expect(item(none, '2.1.3')).toMatchObject({ basis: 'missing' });
    // 4.5 + 0 + 0.5 − 1 = 4 → 40 %
    expect(ex(none.total.index)).toBe('40');
  });

  it('no submission: status zero (ranked) or missing (not ranked); the survey still counts', () => {
    const zero = scoreBase({ self: undefined, missingScoresZero: true });
    // only survey 1.8 of 10 → 18 %
    expect([zero.status, ex(zero.total.points), ex(zero.total.index)]).toEqual(['zero', '1.8', '18']);
    expect(scoreBase({ self: undefined }).status).toBe('missing');
  });

  it('serialises to exact strings', () => {
    const json = JSON.parse(JSON.stringify(scoreBase({ self: undefined, missingScoresZero: true })));
    expect(json.total.index).toBe('18');
    expect(json.items.find((i: { code: string }) => i.code === '2.1.3').share).toBe('0.9');
  });
});

describe('formatIndex', () => {
  it('rounds once by the set rule', () => {
    const up = { rounding: { decimals: 2, mode: 'half-up' as const } };
    expect(formatIndex(q('89.125'), up)).toBe('89.13');
    expect(formatIndex(q('89.125'), { rounding: { decimals: 2, mode: 'half-even' } })).toBe('89.12');
    // 640/7 = 91.428571… → 91.43; one decimal → 91.4
    expect(formatIndex(q('640/7'), up)).toBe('91.43');
    expect(formatIndex(q('640/7'), { rounding: { decimals: 1, mode: 'half-up' } })).toBe('91.4');
  });
});
