/**
 * The round commands on the bundled sample round: score, explain, appraisal-template read back as an appraisal file.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runBin, ROOT } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample-round');

describe('sample round', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-sample-'));
  cpSync(SAMPLE, dir, { recursive: true });

  it('README’s first command: score prints both groups ranked and exits 0', () => {
    const r = runBin(['score', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sở, ban, ngành — 20 cơ quan');
    expect(r.stdout).toContain('UBND xã, phường — 30 cơ quan');
    expect(r.stdout).toMatch(/Giá trị trung bình \d+,\d\d%/);
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    // The two departments with identical files and survey share one rank, and the next rank skips.
    const [a, b] = ['SDTTG', 'SNGV'].map((c) => result.agencies.find((x: { code: string }) => x.code === c));
    expect(a.total.index.exact).toBe(b.total.index.exact);
    expect(a.rank).toBe(b.rank);
    expect(
      result.agencies.some((x: { rank?: number; group: string }) => x.group === a.group && x.rank === a.rank + 1),
    ).toBe(false);
    expect(result.agencies.find((x: { code: string }) => x.code === '25088').isNew).toBe(true);
  });

  it('--lang en prints English', () => {
    const r = runBin(['--lang', 'en', 'score', dir, '--out', join(dir, 'en.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Departments');
  });

  it('explain prints the scorecard with the appraisal reason and the gap list', () => {
    const r = runBin(['explain', dir, 'SNV']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sở Nội vụ (SNV)');
    expect(r.stdout).toMatch(/xếp thứ \d+\/20/);
    expect(runBin(['explain', dir, 'KHONGCO']).code).toBe(2);
  });

  it('appraisal-template pre-fills self-scores; a filled copy is read back as a later appraisal round', async () => {
    const out = join(dir, 'tham-dinh.xlsx');
    expect(runBin(['appraisal-template', dir, '--out', out]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => w.name === 'Thẩm định')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const c = (name: string): number => header.indexOf(name);
    let target = 0;
    ws.eachRow((row, n) => {
      if (
        n > 1 &&
        target === 0 &&
        row.getCell(c('Mã cơ quan')).value === 'STP' &&
        row.getCell(c('Mã tiêu chí')).value === '1.3.2'
      )
        target = n;
    });
    expect(target).toBeGreaterThan(1);
    ws.getRow(target).getCell(c('Điểm thẩm định')).value = 0;
    ws.getRow(target).getCell(c('Lý do điều chỉnh')).value = 'Không có biên bản kiểm tra';
    writeFileSync(join(dir, 'appraisal', 'dot-3.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const round = parse(readFileSync(join(dir, 'round.yaml'), 'utf8'));
    round.stages.push({ appraisal: ['appraisal/dot-3.xlsx'] });
    writeFileSync(join(dir, 'round.yaml'), stringify(round));
    const r = runBin(['score', dir, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    const item = result.agencies
      .find((a: { code: string }) => a.code === 'STP')
      .items.find((i: { code: string }) => i.code === '1.3.2');
    expect(item.final.exact).toBe('0');
    expect(item.reason).toBe('Không có biên bản kiểm tra');
    expect(result.appraisalChanges.filter((x: { order: number }) => x.order === 3)).toHaveLength(1);
  });
});
