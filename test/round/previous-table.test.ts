/**
 * Last year as a published table, and merged agencies compared by each rule; expected values by hand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { q, type Rational } from '../../src/core/rational.js';
import { applyPredecessors, previousFromTable, type LoadedPrevious } from '../../src/round/previous.js';
import { readPreviousTable } from '../../src/round/previous-table.js';

const roster = [
  { code: 'SNV', name: 'Sở Nội vụ', group: 'so-nganh' },
  { code: 'STP', name: 'Sở Tư pháp', group: 'so-nganh' },
  { code: 'SYT', name: 'Sở Y tế', group: 'so-nganh' },
  { code: '25001', name: 'Phường Hoà Bình', group: 'xa-phuong' },
];

function table(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-prev-'));
  const path = join(dir, 'xep-hang-2024.csv');
  writeFileSync(path, '\uFEFF' + text);
  return path;
}

describe('readPreviousTable', () => {
  it('matches names spelled differently, reports an extra row, leaves a missing agency without figures', async () => {
    // A title above the header; decimal commas; "SỞ NỘI VỤ" in capitals, "Sở Tư Pháp" in title case,
    // "Phường Hòa Bình" with the accent on the other letter (hoà/hòa), "Sở Ngoại vụ" not in the roster,
    // and no row for Sở Y tế.
    const path = table(
      'KẾT QUẢ CHỈ SỐ CCHC NĂM 2024;;;;\r\n' +
        'STT;Tên đơn vị;Chỉ số (%);Xếp hạng;Lĩnh vực 1\r\n' +
        '1;SỞ NỘI VỤ;91,43;1;88,5\r\n' +
        '2;Sở Tư Pháp;89,13;2;90\r\n' +
        '3;Sở Ngoại vụ;85,00;3;80\r\n' +
        '1;Phường Hòa Bình;80,25;1;70\r\n',
    );
    const t = await readPreviousTable(path, 'previous/xep-hang-2024.csv', roster, () => undefined);
    expect([...t.figures.keys()].sort()).toEqual(['25001', 'SNV', 'STP']);
    expect(t.figures.get('SNV')!.index.toExact()).toBe('91.43');
    expect(t.figures.get('STP')!.rank).toBe(2);
    expect(t.figures.get('25001')!.group).toBe('xa-phuong'); // no group column: this year's group
    expect(t.figures.get('SNV')!.fields.get('1')!.toExact()).toBe('88.5');
    expect(t.comparisons).toEqual({ rank: true, index: true, fields: ['1'] });
    expect([t.rows, t.matched]).toEqual([4, 3]);
    const unmatched = t.findings.filter((f) => f.code === 'ROUND_PREVIOUS_ROW_UNMATCHED');
    expect(unmatched.map((f) => [f.location.cell, (f.args as { agency: string }).agency])).toEqual([
      ['B5', 'Sở Ngoại vụ'],
    ]);
    expect(t.figures.has('SYT')).toBe(false);
  });

  it('reads a table printed as shares (0,9143) as percentages, and codes before names', async () => {
    const path = table('Mã;Tên;Chỉ số;Hạng\r\nSNV;Tên khác hẳn;0,9143;1\r\nSTP;Sở Tư pháp;0,8913;2\r\n');
    const t = await readPreviousTable(path, 'p.csv', roster, () => undefined);
    expect(t.figures.get('SNV')!.index.toExact()).toBe('91.43');
    expect(t.figures.get('STP')!.index.toExact()).toBe('89.13');
    expect(t.findings).toEqual([]);
  });
});

describe('applyPredecessors: a commune merged from three', () => {
  // Last year: 24001 at 80 (rank 3), 24002 at 90 (rank 1), 24003 at 85 (rank 2); field 1: 70, 80, 90.
  const fig = (index: Rational, rank: number, f1: Rational) => ({
    index,
    rank,
    group: 'xa-phuong',
    fields: new Map([['1', f1]]),
  });
  const loaded: LoadedPrevious = previousFromTable(
    new Map([
      ['24001', fig(q(80), 3, q(70))],
      ['24002', fig(q(90), 1, q(80))],
      ['24003', fig(q(85), 2, q(90))],
    ]),
  );
  const merged = [{ code: '25100', group: 'xa-phuong', predecessors: ['24001', '24002', '24003'] }];

  it('none: not compared, "mới, hợp nhất từ 24001, 24002, 24003"', () => {
    const { previous, findings } = applyPredecessors(loaded, merged, 'none', {}, 'roster.csv');
    expect(previous.figures.has('25100')).toBe(false);
    expect(previous.basis!.get('25100')).toEqual({ rule: 'none', from: ['24001', '24002', '24003'] });
    expect(findings).toEqual([]);
  });

  it('mean: (80 + 90 + 85) ÷ 3 = 85, field 1 (70 + 80 + 90) ÷ 3 = 80; no rank to compare', () => {
    const { previous } = applyPredecessors(loaded, merged, 'mean', {}, 'roster.csv');
    expect(previous.figures.get('25100')!.index.toExact()).toBe('85');
    expect(previous.figures.get('25100')!.fields.get('1')!.toExact()).toBe('80');
    expect(previous.figures.get('25100')!.rank).toBeUndefined();
    expect(previous.ranking.agencies).toEqual([]);
    expect(previous.basis!.get('25100')!.rule).toBe('mean');
  });

  it('weighted by 2, 1, 1: (2 × 80 + 90 + 85) ÷ 4 = 83.75', () => {
    const weights = { '25100': { '24001': 2, '24002': 1, '24003': 1 } };
    const { previous } = applyPredecessors(loaded, merged, 'weighted', weights, 'roster.csv');
    expect(previous.figures.get('25100')!.index.toExact()).toBe('83.75');
    // field 1: (2 × 70 + 80 + 90) ÷ 4 = 77.5
    expect(previous.figures.get('25100')!.fields.get('1')!.toExact()).toBe('77.5');
    expect(previous.basis!.get('25100')).toEqual({
      rule: 'weighted',
      from: ['24001', '24002', '24003'],
      weights: [2, 1, 1],
    });
  });

  it('weighted without every weight: an error, and not compared', () => {
    const { previous, findings } = applyPredecessors(loaded, merged, 'weighted', { '25100': { '24001': 2 } }, 'r');
    expect(findings.map((f) => [f.code, f.agency])).toEqual([['ROUND_MERGER_WEIGHTS_MISSING', '25100']]);
    expect(previous.figures.has('25100')).toBe(false);
  });

  it('one predecessor (renamed or split off): its figures and its rank, under the new code', () => {
    const { previous } = applyPredecessors(
      loaded,
      [{ code: '25101', group: 'xa-phuong', predecessors: ['24002'] }],
      'none',
      {},
      'r',
    );
    expect(previous.figures.get('25101')!.index.toExact()).toBe('90');
    expect(previous.ranking.agencies.map((a) => [a.code, a.rank])).toEqual([['25101', 1]]);
    expect(previous.basis!.get('25101')!.rule).toBe('successor');
  });

  it('a predecessor last year does not have: a finding, not compared', () => {
    const { previous, findings } = applyPredecessors(
      loaded,
      [{ code: '25102', group: 'xa-phuong', predecessors: ['24001', '24009'] }],
      'mean',
      {},
      'r',
    );
    expect(findings.map((f) => [f.code, f.args])).toEqual([['ROUND_PREDECESSOR_NOT_FOUND', { predecessor: '24009' }]]);
    expect(previous.figures.has('25102')).toBe(false);
    expect(previous.basis!.get('25102')!.rule).toBe('none');
  });
});
