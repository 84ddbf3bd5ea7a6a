/**
 * The bundled criteria sets against their public sources (../shared/reference/par-methodology.md
 * §1.2, §5.1, §5.3): published totals and maxima, what is marked unconfirmed, and Cà Mau's field 1
 * rules scoring the decision's cases.
 */
import { describe, expect, it } from 'vitest';
import { q, Rational } from '../../src/core/rational.js';
import { listCriteriaFiles, loadCriteriaFile, loadCriteriaSet } from '../../src/criteria/load.js';
import { isItem, type Node } from '../../src/criteria/schema.js';
import { scoreAgency } from '../../src/score/score.js';
import { describeRule } from '../../src/criteria/describe.js';
import { agency, ex, itemInput } from '../score/helpers.js';

const sum = (xs: number[]): string => Rational.sum(xs.map((x) => Rational.fromNumber(x))).toExact();
const isUnconfirmed = (n: Node): boolean =>
  n.provenance === 'unconfirmed' || (typeof n.provenance === 'object' && n.provenance.status === 'unconfirmed');
function allNodes(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...(isItem(n) ? [] : allNodes(n.children))]);
}

describe('every bundled set', () => {
  const files = listCriteriaFiles();
  it('is found: six sets from public sources besides the illustrative ones', () => {
    const refs = files.map((f) => `${f.id}@${f.version}`);
    for (const r of [
      'bnv-province@2017',
      'bnv-province@2024',
      'bnv-ministry@2022',
      'camau-internal@2013',
      'hn-internal@2024',
      'hn-internal@2025',
    ])
      expect(refs).toContain(r);
  });
  for (const f of files) {
    it(`${f.id}@${f.version}: no errors; every warning is an unconfirmed value, one per node marked so`, () => {
      const loaded = loadCriteriaFile(f.path);
      expect(loaded.findings.filter((x) => x.severity === 'error')).toEqual([]);
      expect(new Set(loaded.findings.map((x) => x.code))).toEqual(
        new Set(loaded.findings.length ? ['CRITERIA_UNCONFIRMED'] : []),
      );
      if (loaded.set) {
        const marked = allNodes(loaded.set.fields)
          .filter(isUnconfirmed)
          .map((n) => n.code);
        expect(loaded.findings.map((x) => x.criterion)).toEqual(marked);
      }
    });
  }
});

describe('bnv-province@2024 (876/QĐ-BNV, 2024 criteria)', () => {
  const set = loadCriteriaSet('bnv-province@2024').set;
  const items = allNodes(set.fields).filter(isItem);
  it('appraisal items add up to 68 and survey items to 32 (published split)', () => {
    expect(sum(items.filter((i) => i.source === 'appraisal').map((i) => i.max))).toBe('68');
    expect(sum(items.filter((i) => i.source === 'survey').map((i) => i.max))).toBe('32');
    expect(set.sourceTotals).toEqual({ appraisal: 68, survey: 32 });
  });
  it('has the published field maxima, confirmed, and marks the others unconfirmed', () => {
    const max = Object.fromEntries(set.fields.map((f) => [f.code, f.max]));
    expect(max).toMatchObject({ '1': 9.5, '3': 13, '4': 10.5, '5': 15, '8': 16.5 });
    expect(set.fields.length).toBe(8);
    expect(sum(set.fields.map((f) => f.max))).toBe('100');
    expect(set.fields.filter(isUnconfirmed).map((f) => f.code)).toEqual(['2', '6', '7']);
    const socio = allNodes(set.fields).find((n) => n.code === '8.1')!;
    expect([socio.max, isUnconfirmed(socio)]).toEqual([6.5, false]);
    expect(set.bands.map((b) => [b.id, b.min, b.max]).slice(0, 3)).toEqual([
      ['A', 90, 100],
      ['B', 80, 90],
      ['C', 70, 80],
    ]);
  });
});

describe('bnv-ministry@2022 (876/QĐ-BNV, ministries)', () => {
  it('has 7 fields and 68,5 appraisal + 31,5 survey points', () => {
    const set = loadCriteriaSet('bnv-ministry@2022').set;
    const items = allNodes(set.fields).filter(isItem);
    expect(set.fields.length).toBe(7);
    expect(sum(items.filter((i) => i.source === 'appraisal').map((i) => i.max))).toBe('68.5');
    expect(sum(items.filter((i) => i.source === 'survey').map((i) => i.max))).toBe('31.5');
    // no field maximum is published: all are marked
    expect(set.fields.every(isUnconfirmed)).toBe(true);
  });
});

describe('bnv-province@2017 (2948/QĐ-BNV)', () => {
  it('has the published field maxima, confirmed, adding up to 100', () => {
    const set = loadCriteriaSet('bnv-province@2017').set;
    expect(set.fields.map((f) => f.max)).toEqual([10, 10, 14.5, 11, 16, 7, 16, 15.5]);
    expect(sum(set.fields.map((f) => f.max))).toBe('100');
    expect(set.fields.some(isUnconfirmed)).toBe(false);
    expect(set.total).toBe(100);
  });
});

describe('camau-internal@2013 (1880/QĐ-UBND), field 1 rules', () => {
  const criteria = loadCriteriaSet('camau-internal@2013');
  /** Scores one item alone with the set's own rule (intake's rule evaluation). */
  const points = (code: string, values: Parameters<typeof itemInput>[1]): string | undefined => {
    const s = scoreAgency({ agency: agency('SNV'), criteria, self: new Map([[code, itemInput(code, values)]]) });
    return ex(s.items.find((i) => i.code === code)!.final);
  };
  it('1.1.1: issued on time 1, late 0,5, not issued 0', () => {
    expect(points('1.1.1', { option: 'on-time' })).toBe('1');
    expect(points('1.1.1', { option: 'late' })).toBe('0.5');
    expect(points('1.1.1', { option: 'none' })).toBe('0');
  });
  it('1.1.2 and 1.1.3: meets the requirement 1, otherwise 0', () => {
    expect(points('1.1.2', { yes: true })).toBe('1');
    expect(points('1.1.2', { yes: false })).toBe('0');
    expect(points('1.1.3', { yes: true })).toBe('1');
  });
  it('1.1.4: more than 90% gives 2, 70% to 90% gives 1 (90% itself too), under 70% gives 0', () => {
    expect(points('1.1.4', { numerator: q(19), denominator: q(20) })).toBe('2'); // 95%
    expect(points('1.1.4', { numerator: q(91), denominator: q(100) })).toBe('2'); // 91%
    expect(points('1.1.4', { numerator: q(9), denominator: q(10) })).toBe('1'); // exactly 90%: not "trên 90%"
    expect(points('1.1.4', { numerator: q(7), denominator: q(10) })).toBe('1'); // 70%
    expect(points('1.1.4', { numerator: q(69), denominator: q(100) })).toBe('0'); // 69%
  });
  it('1.1.4 in words says "trên 90%" for the top band, as the decision does', () => {
    const item = criteria.byCode.get('1.1.4')!.item;
    expect(describeRule(item, 'vi')).toContain('trên 90%: 2 điểm; 90%: 1 điểm; từ 70% đến dưới 90%: 1 điểm');
    expect(describeRule(item, 'en')).toContain('over 90%: 2 points; 90%: 1 point;');
  });
  it('1.2.1: all reports on time 1; a late report gives 0', () => {
    expect(points('1.2.1', { yes: true })).toBe('1');
    expect(points('1.2.1', { yes: false })).toBe('0');
  });
  it('a whole field: 0,5 + 1 + 0 + 1 + 0 + 1 + 2 + 8 = 13,5 of 20 = 67,5%', () => {
    const self = new Map([
      ['1.1.1', itemInput('1.1.1', { option: 'late' })], // 0.5
      ['1.1.2', itemInput('1.1.2', { yes: true })], // 1
      ['1.1.3', itemInput('1.1.3', { yes: false })], // 0
      ['1.1.4', itemInput('1.1.4', { numerator: q(45), denominator: q(50) })], // 90% → 1
      ['1.2.1', itemInput('1.2.1', { yes: false })], // a late report → 0
      ['1.2.2', itemInput('1.2.2', { yes: true })], // 1
      ['1.3.1', itemInput('1.3.1', { points: q(2) })], // 2
      ['1.4.1', itemInput('1.4.1', { points: q(8) })], // 8
    ]);
    const s = scoreAgency({ agency: agency('SNV'), criteria, self });
    expect([ex(s.total.points), ex(s.total.max), ex(s.total.index), s.band]).toEqual(['13.5', '20', '67.5', 'D']);
    expect(ex(s.nodes.find((n) => n.code === '1.1')!.points)).toBe('2.5');
  });
});
