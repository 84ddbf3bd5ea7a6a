/**
 * SIPAS ranks per ranking block (the round's groups) when the agencies belong to groups: departments
 * among departments, communes among communes, each block with its own "n/N". Ranks worked out by hand:
 * officials-illustrative@2025.1 scores A/B/C/D as 100/60/20/0 %; with only CB1 answered, an agency's
 * index is its CB1 mean.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/criteria/questionnaire.js';
import { runSipas } from '../../src/pipeline/run-sipas.js';
import { renderSipasText, renderSipasXlsx } from '../../src/report/sipas-report.js';
import { ROOT, runBin } from '../helpers/cli.js';

const ANSWERS = 'agency,CB1\nSNV,A\nSNV,B\nSTP,A\nSTC,C\nX1,B\nX2,A\nX2,D\nX3,B\n';
const GROUPS = new Map([
  ['SNV', 'so-nganh'],
  ['STP', 'so-nganh'],
  ['STC', 'so-nganh'],
  ['X1', 'xa-phuong'],
  ['X2', 'xa-phuong'],
  ['X3', 'xa-phuong'],
]);

async function run(groups: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-blocks-'));
  const p = join(dir, 'a.csv');
  writeFileSync(p, ANSWERS);
  return runSipas([{ path: p, display: 'a.csv' }], {
    questionnaire: loadQuestionnaire('officials-illustrative@2025.1'),
    ...(groups
      ? {
          unitGroups: GROUPS,
          groupTitles: new Map([
            ['xa-phuong', { vi: 'UBND xã, phường', en: 'Communes' }],
            ['so-nganh', { vi: 'Sở, ban, ngành', en: 'Departments' }],
          ]),
        }
      : {}),
  });
}

describe('SIPAS ranks per ranking block', () => {
  it('ranks each group on its own, ties sharing a rank', async () => {
    const r = await run(true);
    // so-nganh: STP 100, SNV (100+60)/2 = 80, STC 20 → 1/3, 2/3, 3/3.
    // xa-phuong: X1 60, X3 60, X2 (100+0)/2 = 50 → X1 and X3 share 1/3, X2 3/3.
    const ranks = Object.fromEntries(r.units.map((u) => [u.code, `${u.rank}/${u.rankOf}`]));
    expect(ranks).toEqual({ STP: '1/3', SNV: '2/3', STC: '3/3', X1: '1/3', X3: '1/3', X2: '3/3' });
    // The blocks in the round's order (communes first here), with their titles.
    expect(r.groups).toEqual([
      { id: 'xa-phuong', title: { vi: 'UBND xã, phường', en: 'Communes' } },
      { id: 'so-nganh', title: { vi: 'Sở, ban, ngành', en: 'Departments' } },
    ]);
  });

  it('without groups, one list', async () => {
    const r = await run(false);
    const ranks = Object.fromEntries(r.units.map((u) => [u.code, `${u.rank}/${u.rankOf}`]));
    expect(ranks).toEqual({ STP: '1/6', SNV: '2/6', X1: '3/6', X3: '3/6', X2: '5/6', STC: '6/6' });
    expect(r.groups).toBeUndefined();
  });

  it('the text table and the workbook show each block under its title', async () => {
    const r = await run(true);
    const lines = renderSipasText(r, 'vi', new Chalk({ level: 0 }));
    const at = (s: string): number => lines.findIndex((l) => l.includes(s));
    expect(at('UBND xã, phường — 3 cơ quan')).toBeGreaterThan(0);
    expect(at('Sở, ban, ngành — 3 cơ quan')).toBeGreaterThan(at('X2'));
    expect(lines[at('X2')]).toMatch(/^\s*3\/3 X2/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderSipasXlsx(r, 'vi')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Xếp hạng SIPAS')!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Hạng', 'Nhóm', 'Mã']);
    expect((ws.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['1/3', 'UBND xã, phường', 'X1']);
    expect((ws.getRow(5).values as unknown[]).slice(1, 4)).toEqual(['1/3', 'Sở, ban, ngành', 'STP']);
  });

  it("the CLI ranks per the roster's groups", () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-blocks-'));
    writeFileSync(join(dir, 'a.csv'), ANSWERS);
    const roster = ['mã,tên cơ quan,loại,nhóm', ...[...GROUPS].map(([c, g]) => `${c},${c},department,${g}`)];
    writeFileSync(join(dir, 'roster.csv'), `${roster.join('\n')}\n`);
    const r = runBin(
      [
        'sipas',
        join(dir, 'a.csv'),
        '--questionnaire',
        'officials-illustrative@2025.1',
        '--roster',
        join(dir, 'roster.csv'),
        '--json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { units: { code: string; rank: number; rankOf: number; group: string }[] };
    expect(out.units.find((u) => u.code === 'X2')).toMatchObject({ rank: 3, rankOf: 3, group: 'xa-phuong' });
  });
});
