/**
 * Property tests over generated criteria sets, agencies and inputs: points never exceed the
 * maximum at any level, totals equal the sum of their parts, ranks are a function of the exact
 * index alone, and the order of the inputs changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/core/rational.js';
import { rankAgencies } from '../../src/rank/rank.js';
import { scoreAgency } from '../../src/score/score.js';
import type { AgencyScore, AppraisalValue, ScoreInput, SurveyValue } from '../../src/score/types.js';
import type { ItemInput } from '../../src/validate/submission.js';
import { agency, indexed, itemInput, withFields } from './helpers.js';

const quarters = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 4);
const SOURCES = ['appraisal', 'appraisal', 'appraisal', 'survey', 'bonus', 'penalty'] as const;

interface GenItem {
  max: number;
  source: (typeof SOURCES)[number];
  appliesTo: 'department' | 'commune' | undefined;
  na: boolean;
}
const genItem = fc.record({
  max: quarters(16).map((m) => m + 0.25),
  source: fc.constantFrom(...SOURCES),
  appliesTo: fc.constantFrom(undefined, undefined, 'department' as const, 'commune' as const),
  na: fc.boolean(),
});
const genSet = fc.record({
  fields: fc.array(fc.array(fc.array(genItem, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 3,
  }),
  notApplicable: fc.constantFrom('rescale' as const, 'full' as const),
  capAtTotal: fc.boolean(),
  bonusCap: fc.option(quarters(8)),
  penaltyCap: fc.option(quarters(8)),
});

/**
 * A raw criteria set from the generated shape; each criterion's first item is an appraisal item so maxima are positive.
 */
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function buildSet(g: Generated<typeof genSet>): { raw: unknown; codes: string[] } {
  const codes: string[] = [];
  const scored = (it: GenItem) => it.source === 'appraisal' || it.source === 'survey';
  const fields = g.fields.map((criteria, f) => {
    const children = criteria.map((items, c) => {
      const leaves = items.map((it, i) => {
        const gi = i === 0 ? { ...it, source: 'appraisal' as const, appliesTo: undefined } : it;
        const code = `${f + 1}.${c + 1}.${i + 1}`;
        codes.push(code);
        return {
          code,
          title: { vi: code },
          max: gi.max,
          source: gi.source,
          ...(gi.appliesTo ? { appliesTo: [gi.appliesTo] } : {}),
          notApplicable: gi.na,
          rule: gi.source === 'survey' ? { kind: 'survey' } : { kind: 'points', step: 0.25 },
          gen: gi,
        };
      });
      const max = leaves.filter((l) => scored(l.gen)).reduce((a, l) => a + l.max, 0);
      return { code: `${f + 1}.${c + 1}`, title: { vi: 'c' }, max, children: leaves.map(({ gen: _gen, ...l }) => l) };
    });
    return { code: `${f + 1}`, title: { vi: 'f' }, max: children.reduce((a, c) => a + c.max, 0), children };
  });
  const caps = {
    ...(g.bonusCap !== null ? { bonus: g.bonusCap } : {}),
    ...(g.penaltyCap !== null ? { penalty: g.penaltyCap } : {}),
  };
  const total = fields.reduce((a, f) => a + f.max, 0);
  const raw = withFields(total, fields, {
    adjustmentCaps: caps,
    capAtTotal: g.capAtTotal,
    notApplicable: g.notApplicable,
  });
  return { raw, codes };
}

/** Per item: self points (may exceed the max), N/A mark, appraisal, survey share or points. */
const genInput = fc.record({
  self: fc.option(quarters(24)),
  na: fc.boolean(),
  appraisal: fc.option(quarters(24)),
  share: fc.option(fc.integer({ min: 0, max: 8 })),
  surveyPoints: fc.option(quarters(24)),
});
const genAgency = fc.record({
  kind: fc.constantFrom('department', 'commune'),
  group: fc.constantFrom('g1', 'g2'),
  submitted: fc.constantFrom(true, true, true, false),
  zero: fc.boolean(),
  inputs: fc.array(genInput, { minLength: 36, maxLength: 36 }),
});
const genRound = fc.record({
  set: genSet,
  agencies: fc.array(genAgency, { minLength: 1, maxLength: 8 }),
  seed: fc.integer(),
});

function buildInputs(r: Generated<typeof genRound>): ScoreInput[] {
  const { raw, codes } = buildSet(r.set);
  const criteria = indexed(raw);
  return r.agencies.map((a, n) => {
    const self = new Map<string, ItemInput>();
    const appraisal = new Map<string, AppraisalValue>();
    const survey = new Map<string, SurveyValue>();
    codes.forEach((code, i) => {
      const g = a.inputs[i % a.inputs.length]!;
      const v: Partial<ItemInput> = { notApplicable: g.na };
      if (g.self !== null) v.points = Rational.fromNumber(g.self);
      self.set(code, itemInput(code, v));
      if (g.appraisal !== null)
        appraisal.set(code, { points: Rational.fromNumber(g.appraisal), reason: 'r', file: 'a.xlsx', round: 1 });
      const sv: SurveyValue = {};
      if (g.share !== null) sv.share = Rational.of(g.share, 8);
      if (g.surveyPoints !== null) sv.points = Rational.fromNumber(g.surveyPoints);
      survey.set(code, sv);
    });
    return {
      agency: agency(`A${String(n).padStart(2, '0')}`, a.kind, a.group),
      criteria,
      self: a.submitted ? self : undefined,
      appraisal,
      survey,
      missingScoresZero: a.zero,
    };
  });
}

/** A deterministic shuffle for reordering inputs. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const reorder = <K, V>(m: ReadonlyMap<K, V> | undefined, seed: number) =>
  m ? new Map(shuffled([...m], seed)) : undefined;

const zero = Rational.ZERO;
const RUNS = { numRuns: 150 };

describe('scoring properties', () => {
  it('points never exceed the maximum at any level, and never go below 0', () => {
    fc.assert(
      fc.property(genRound, (r) => {
        for (const input of buildInputs(r)) {
          const s = scoreAgency(input);
          for (const it of s.items) {
            expect(it.final.gte(zero) && it.final.lte(it.max)).toBe(true);
            if (it.source === 'appraisal' || it.source === 'survey') expect(it.final.lte(it.countedMax)).toBe(true);
          }
          for (const n of s.nodes)
            expect(n.points.gte(zero) && n.points.lte(n.max) && n.max.lte(n.declaredMax)).toBe(true);
          expect(s.total.points.gte(zero)).toBe(true);
          if (input.criteria.set.capAtTotal)
            expect(s.total.points.lte(s.total.max) && s.total.index.lte(Rational.HUNDRED)).toBe(true);
          expect(s.bySource.bonus.points.lte(s.bySource.bonus.items)).toBe(true);
          const cap = input.criteria.set.adjustmentCaps?.penalty;
          if (cap !== undefined) expect(s.bySource.penalty.points.lte(Rational.fromNumber(cap))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('totals equal the sum of their parts', () => {
    fc.assert(
      fc.property(genRound, (r) => {
        for (const input of buildInputs(r)) {
          const s = scoreAgency(input);
          const counted = s.items.filter((i) => i.applicable && (i.source === 'appraisal' || i.source === 'survey'));
          for (const n of s.nodes) {
            const childNodes = s.nodes.filter((c) => c.parent === n.code);
            const childItems = counted.filter((i) => i.ancestors[i.ancestors.length - 1] === n.code);
            expect(
              n.points.eq(Rational.sum([...childNodes.map((c) => c.points), ...childItems.map((i) => i.final)])),
            ).toBe(true);
            expect(
              n.max.eq(Rational.sum([...childNodes.map((c) => c.max), ...childItems.map((i) => i.countedMax)])),
            ).toBe(true);
            expect(n.index.eq(n.max.isZero() ? zero : n.points.div(n.max).mul(Rational.HUNDRED))).toBe(true);
          }
          const fields = s.nodes.filter((n) => n.level === 1);
          expect(s.total.scored.eq(Rational.sum(fields.map((f) => f.points)))).toBe(true);
          expect(s.total.max.eq(Rational.sum(fields.map((f) => f.max)))).toBe(true);
          expect(s.total.scored.eq(s.bySource.appraisal.points.add(s.bySource.survey.points))).toBe(true);
          expect(s.total.max.eq(s.bySource.appraisal.max.add(s.bySource.survey.max))).toBe(true);
          const bonusItems = Rational.sum(
            s.items.filter((i) => i.applicable && i.source === 'bonus').map((i) => i.final),
          );
          expect(s.bySource.bonus.items.eq(bonusItems)).toBe(true);
          expect(s.total.uncapped.eq(s.total.scored.add(s.bySource.bonus.points).sub(s.bySource.penalty.points))).toBe(
            true,
          );
          expect(
            s.total.index.eq(s.total.max.isZero() ? zero : s.total.points.div(s.total.max).mul(Rational.HUNDRED)),
          ).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('ranks are a function of the exact index alone: 1 + the number of higher indices in the group', () => {
    fc.assert(
      fc.property(genRound, (r) => {
        const scores = buildInputs(r).map(scoreAgency);
        const ranking = rankAgencies(scores, buildInputs(r)[0]!.criteria.set);
        for (const g of ranking.groups) {
          const members = scores.filter((s) => s.agency.group === g.group && s.status !== 'missing');
          expect(g.agencies.length).toBe(members.length);
          for (const a of g.agencies) {
            expect(a.rank).toBe(1 + members.filter((m) => m.total.index.gt(a.index)).length);
          }
        }
      }),
      RUNS,
    );
  });

  it('the order of items, agencies and input maps changes nothing', () => {
    fc.assert(
      fc.property(genRound, (r) => {
        const inputs = buildInputs(r);
        const a = inputs.map(scoreAgency);
        const b = shuffled(inputs, r.seed).map((i) =>
          scoreAgency({
            ...i,
            self: reorder(i.self, r.seed + 1),
            appraisal: reorder(i.appraisal, r.seed + 2),
            survey: reorder(i.survey, r.seed + 3),
          }),
        );
        const byCode = (list: AgencyScore[]) => [...list].sort((x, y) => (x.agency.code < y.agency.code ? -1 : 1));
        expect(JSON.stringify(byCode(b))).toBe(JSON.stringify(byCode(a)));
        const set = inputs[0]!.criteria.set;
        expect(JSON.stringify(rankAgencies(b, set))).toBe(JSON.stringify(rankAgencies(a, set)));
      }),
      RUNS,
    );
  });
});
