/** scoreAgency on the bundled illustrative set: full marks and the 70 + 30 split per agency kind. */
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/core/rational.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { scoreAgency } from '../../src/score/score.js';
import { agency, ex, itemInput } from './helpers.js';

const set = loadCriteriaSet('illustrative-internal@2025.1');

/** Every appraisal item at its maximum, every survey share 1, no bonus or penalty. */
function fullMarks(kind: string) {
  const self = new Map(
    set.items
      .filter((e) => e.item.source === 'appraisal')
      .map((e) => [e.item.code, itemInput(e.item.code, { points: Rational.fromNumber(e.item.max) })]),
  );
  const survey = new Map(
    set.items.filter((e) => e.item.source === 'survey').map((e) => [e.item.code, { share: Rational.ONE }]),
  );
  return scoreAgency({ agency: agency('S01', kind), criteria: set, self, survey });
}

describe('scoreAgency on illustrative-internal@2025.1', () => {
  for (const kind of ['department', 'commune']) {
    it(`${kind}: full marks give 70 appraisal + 30 survey = 100 points, 100 %`, () => {
      const s = fullMarks(kind);
      expect([ex(s.bySource.appraisal.points), ex(s.bySource.appraisal.max)]).toEqual(['70', '70']);
      expect([ex(s.bySource.survey.points), ex(s.bySource.survey.max)]).toEqual(['30', '30']);
      expect([ex(s.total.points), ex(s.total.index), s.band]).toEqual(['100', '100', 'A']);
      // each field's maximum is its declared maximum (field 9 holds only bonus and penalty: 0)
      for (const n of s.nodes.filter((x) => x.level === 1)) expect(ex(n.max)).toBe(ex(n.declaredMax));
    });
  }
});
