/**
 * The Excel report split by group (xlsx-split.ts): the tiny round (test/helpers/round.ts: group
 * "so" = D1…D4, group "xa" = X1, X2 without a submission; D1 has two appraisal changes) written as
 * an index and one workbook per group, each holding its own agencies only; all targets checked
 * before any is written; a failure part way leaves nothing new.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeAllViaTemp } from '../../src/core/fs.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { writeReports } from '../../src/report/write-report.js';
import { groupSlug, groupResult, SPLIT_MIN_AGENCIES, splitsByGroup } from '../../src/report/xlsx-split.js';
import type { RoundResult } from '../../src/result/schema.js';
import { makeRound } from '../helpers/round.js';

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Agency codes in column D of the summary sheet (its table ends at the first empty row). */
function summaryCodes(wb: ExcelJS.Workbook): string[] {
  const ws = wb.getWorksheet('Tổng hợp')!;
  const out: string[] = [];
  for (let r = 2; ws.getCell(r, 4).value; r++) out.push(String(ws.getCell(r, 4).value));
  return out;
}

describe('file names from group titles', () => {
  it('drops marks, writes đ as d, joins words with "-"', () => {
    expect(groupSlug('Sở, ban, ngành')).toBe('so-ban-nganh');
    expect(groupSlug('UBND xã, phường')).toBe('ubnd-xa-phuong');
    expect(groupSlug('Đắk Lắk / Điện Biên')).toBe('dak-lak-dien-bien');
    expect(groupSlug('  ***  ')).toBe('');
  });
});

describe('when the report is split', () => {
  const sized = (n: number): RoundResult => ({ agencies: new Array(n) }) as unknown as RoundResult;
  it(`auto splits from ${SPLIT_MIN_AGENCIES} agencies up; group and none are obeyed whatever the size`, () => {
    expect(splitsByGroup(sized(SPLIT_MIN_AGENCIES - 1))).toBe(false);
    expect(splitsByGroup(sized(SPLIT_MIN_AGENCIES))).toBe(true);
    expect(splitsByGroup(sized(3), 'group')).toBe(true);
    expect(splitsByGroup(sized(5000), 'none')).toBe(false);
  });
});

describe('the tiny round split by group', async () => {
  const dir = await makeRound({ year: 2025, appraisal: true });
  const result = (await runRound(dir)).result!;
  const out = mkdtempSync(join(tmpdir(), 'parindex-split-'));
  const index = join(out, 'bao-cao.xlsx');
  const written = await writeReports(result, [index], { lang: 'vi', splitBy: 'group' });

  it('writes a workbook per group in a folder named after the index, then the index', () => {
    expect(written).toEqual([join(out, 'bao-cao/so.xlsx'), join(out, 'bao-cao/xa.xlsx'), index]);
    expect(readdirSync(join(out, 'bao-cao')).sort()).toEqual(['so.xlsx', 'xa.xlsx']);
    // No temporary file is left beside them.
    expect(readdirSync(out).sort()).toEqual(['bao-cao', 'bao-cao.xlsx']);
  });

  it('each group workbook: its ranking, summary and scorecards, its agencies only', async () => {
    const so = await read(join(out, 'bao-cao/so.xlsx'));
    // Ranked D3 = D4 (86%), D2 (84.44%), D1 (81%): see test/helpers/round.ts.
    expect(summaryCodes(so)).toEqual(['D3', 'D4', 'D2', 'D1']);
    const names = so.worksheets.map((w) => w.name);
    expect(names.slice(0, 3)).toEqual(['Xếp hạng', 'Tổng hợp', 'Lĩnh vực']);
    expect(names).toEqual(expect.arrayContaining(['D3 Sở Ba', 'D4 Sở Bốn', 'D2 Sở Hai', 'D1 Sở Một']));
    expect(names.some((n) => /^X\d /.test(n))).toBe(false);
    // D1's two appraisal changes are in the departments' workbook, none in the communes'.
    expect(so.getWorksheet('Thẩm định')!.actualRowCount).toBe(3);
    const xa = await read(join(out, 'bao-cao/xa.xlsx'));
    expect(summaryCodes(xa)).toEqual(['X1', 'X2']);
    expect(xa.getWorksheet('Thẩm định')!.actualRowCount).toBe(1);
  });

  it('the index: every agency in its summary and fields sheets, no scorecards, the group files listed', async () => {
    const wb = await read(index);
    expect(summaryCodes(wb)).toEqual(['D3', 'D4', 'D2', 'D1', 'X1', 'X2']);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('Lĩnh vực');
    expect(names.some((n) => /^[DX]\d /.test(n))).toBe(false);
    const files = wb.getWorksheet('Tệp theo nhóm')!;
    expect([2, 3].map((r) => [1, 3, 4].map((c) => files.getCell(r, c).value))).toEqual([
      ['so', 4, 'bao-cao/so.xlsx'],
      ['xa', 2, 'bao-cao/xa.xlsx'],
    ]);
  });

  it('a group’s result keeps the round’s own findings and drops other groups’ agencies', () => {
    const xa = groupResult(result, result.groups.find((g) => g.id === 'xa')!);
    expect(xa.agencies.map((a) => a.code)).toEqual(['X1', 'X2']);
    expect(xa.findings.every((f) => f.agency === undefined || f.agency.startsWith('X'))).toBe(true);
    expect(xa.findings.filter((f) => f.agency === undefined)).toEqual(
      result.findings.filter((f) => f.agency === undefined),
    );
  });

  it('an existing group file stops the run before anything is written (without --force)', async () => {
    const again = mkdtempSync(join(tmpdir(), 'parindex-split-'));
    mkdirSync(join(again, 'r'));
    writeFileSync(join(again, 'r/xa.xlsx'), 'old');
    await expect(writeReports(result, [join(again, 'r.xlsx')], { lang: 'vi', splitBy: 'group' })).rejects.toThrow(
      /xa\.xlsx/,
    );
    expect(readdirSync(join(again, 'r'))).toEqual(['xa.xlsx']);
    expect(existsSync(join(again, 'r.xlsx'))).toBe(false);
  });
});

describe('several files written as one', () => {
  it('a failure part way renames none and leaves no temporary file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'parindex-split-'));
    const fill = (text: string) => async (tmp: string) => writeFileSync(tmp, text);
    await expect(
      writeAllViaTemp([
        { target: join(out, 'g/a.xlsx'), fill: fill('a') },
        {
          target: join(out, 'g/b.xlsx'),
          fill: async () => {
            throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
          },
        },
        { target: join(out, 'index.xlsx'), fill: fill('i') },
      ]),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(join(out, 'g'))).toEqual([]);
    expect(readdirSync(out)).toEqual(['g']);
  });
});
