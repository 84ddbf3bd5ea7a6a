/** Explanations and stages on their own: the rules over replies, dates, and the stages of round.yaml. */
import { describe, expect, it } from 'vitest';
import { indexCriteriaSet } from '../../src/criteria/tree.js';
import { checkExplanations, type ExplanationLine } from '../../src/round/explanation.js';
import { dateOfCell } from '../../src/round/dates.js';
import { loopStages, stageFindings } from '../../src/round/stages.js';
import { RoundConfig } from '../../src/round/config.js';
import { baseParsed } from '../helpers/criteria.js';
import type { GridCell } from '../../src/load/grid.js';

const idx = indexCriteriaSet(baseParsed());

function reply(agency: string, item: string, row: number, file = 'giai-trinh/SNV.xlsx'): ExplanationLine {
  return { agency, item, reply: 'Đã bổ sung', evidence: '', file, sheet: 'Giải trình', row, cell: `J${row}` };
}

describe('checkExplanations', () => {
  // SNV 1.1.1 was adjusted in round 1, 1.2.1 only in round 2.
  const adjusted = new Map([
    ['SNV\u00001.1.1', 1],
    ['SNV\u00001.2.1', 2],
  ]);
  const ctx = {
    setOf: (a: string) => (a === 'SNV' || a === 'STP' ? idx : undefined),
    adjusted: (a: string, i: string, round: number) => (adjusted.get(`${a}\u0000${i}`) ?? Infinity) <= round,
  };

  it('keeps replies to adjusted items and reports the rest at their cells, naming agency and item', () => {
    const r = checkExplanations(
      [
        [reply('SNV', '1.1.1', 2), reply('SNV', '1.2.1', 3), reply('XYZ', '1.1.1', 4), reply('SNV', '9.9.9', 5)],
        [reply('SNV', '1.1.1', 2, 'giai-trinh/SNV-2.xlsx')],
      ],
      1,
      ctx,
    );
    expect(r.lines.map((l) => [l.agency, l.item, l.cell])).toEqual([['SNV', '1.1.1', 'J2']]);
    expect(r.findings.map((f) => [f.code, f.location.file, f.location.cell, f.agency, f.criterion])).toEqual([
      ['ROUND_EXPLANATION_NOT_ADJUSTED', 'giai-trinh/SNV.xlsx', 'J3', 'SNV', '1.2.1'],
      ['ROUND_EXPLANATION_UNKNOWN_AGENCY', 'giai-trinh/SNV.xlsx', 'J4', 'XYZ', '1.1.1'],
      ['ROUND_EXPLANATION_UNKNOWN_ITEM', 'giai-trinh/SNV.xlsx', 'J5', 'SNV', '9.9.9'],
      ['ROUND_EXPLANATION_DUPLICATE', 'giai-trinh/SNV-2.xlsx', 'J2', 'SNV', '1.1.1'],
    ]);
  });

  it('a reply after round 2 may answer what round 2 adjusted', () => {
    expect(checkExplanations([[reply('SNV', '1.2.1', 3)]], 2, ctx).findings).toEqual([]);
  });
});

describe('dateOfCell', () => {
  const cell = (v: GridCell['v']): GridCell => ({ row: 2, col: 12, address: 'L2', v });
  it('reads date values, Excel serials and the ways users write dates', () => {
    expect(dateOfCell(cell({ t: 'date', iso: '2026-01-20T00:00:00.000Z' }))).toEqual({ iso: '2026-01-20' });
    expect(dateOfCell(cell({ t: 'number', n: 46042, percentFormat: false }))).toEqual({ iso: '2026-01-20' });
    expect(dateOfCell(cell({ t: 'text', s: '20/01/2026' }))).toEqual({ iso: '2026-01-20' });
    expect(dateOfCell(cell({ t: 'text', s: '2026-01-20' }))).toEqual({ iso: '2026-01-20' });
    expect(dateOfCell(cell({ t: 'text', s: '31/02/2026' }))).toEqual({ bad: '31/02/2026' });
    expect(dateOfCell(cell({ t: 'empty' }))).toBeUndefined();
  });
});

describe('stages in round.yaml', () => {
  const base = {
    format: 1,
    name: 'x',
    year: 2025,
    criteria: { department: 'tiny@1' },
    roster: 'roster.csv',
    submissions: 'nop',
  };

  it('numbers appraisal rounds and the round each explanation answers; the old list is one round per file', () => {
    const cfg = RoundConfig.parse({
      ...base,
      stages: [
        { appraisal: ['a1.xlsx'], deadline: '2026-01-15' },
        { explanation: ['gt'] },
        { appraisal: ['a2a.xlsx', 'a2b.xlsx'] },
      ],
    });
    expect(loopStages(cfg).map((s) => [s.kind, s.number, s.paths.length, s.deadline])).toEqual([
      ['appraisal', 1, 1, '2026-01-15'],
      ['explanation', 1, 1, undefined],
      ['appraisal', 2, 2, undefined],
    ]);
    const old = RoundConfig.parse({ ...base, appraisal: ['d1.xlsx', 'd2.xlsx'] });
    expect(loopStages(old).map((s) => [s.kind, s.number])).toEqual([
      ['appraisal', 1],
      ['appraisal', 2],
    ]);
  });

  it('a stage with both or neither kind, and stages beside appraisal, are errors', () => {
    const cfg = RoundConfig.parse({
      ...base,
      appraisal: ['d1.xlsx'],
      stages: [{ appraisal: ['a'], explanation: ['b'] }, { deadline: '2026-01-01' }],
    });
    expect(stageFindings(cfg, 'round.yaml', () => ({})).map((f) => [f.code, f.location.path])).toEqual([
      ['ROUND_STAGES_AND_APPRAISAL', 'stages'],
      ['ROUND_STAGE_KIND', 'stages.0'],
      ['ROUND_STAGE_KIND', 'stages.1'],
    ]);
  });
});
