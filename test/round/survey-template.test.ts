/**
 * `parindex survey-template`: the workbook staff fill with survey results per agency × survey item,
 * filled here with exceljs as staff would, named in round.yaml under survey.points and read back by
 * `score`. Points worked out by hand from §1.3 (b): points = maximum × share, or the points given.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runRound } from '../../src/pipeline/run-round.js';
import { runBin, ROOT } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample-round');

describe('survey-template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-survey-template-'));
  cpSync(SAMPLE, dir, { recursive: true });
  const out = join(dir, 'survey', 'diem-dieu-tra.xlsx');

  it('writes one protected row per agency × survey item, only the share, points and sample cells open', async () => {
    const r = runBin(['survey-template', dir, '--out', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Điều tra XHH')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã cơ quan',
      'Tên cơ quan',
      'Mã tiêu chí',
      'Nội dung tiêu chí',
      'Điểm tối đa',
      'Tỷ lệ hài lòng',
      'Điểm điều tra',
      'Cỡ mẫu',
      'Ghi chú',
    ]);
    // The sample round's set has 10 survey items for each of its 50 agencies (one set for both kinds).
    expect(ws.rowCount).toBe(1 + 50 * 10);
    const sheetXml = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    expect(sheetXml?.sheet).toBe(true);
    const row = ws.getRow(2);
    expect(row.getCell(6).protection?.locked).toBe(false);
    expect(row.getCell(1).protection?.locked).not.toBe(false);
    expect(row.getCell(6).numFmt).toBe('0.00%');
    // The figures the round's survey/diem-dieu-tra.csv holds are carried over: SNV 4.3.1 is 81.9%.
    let snv431 = 0;
    ws.eachRow((row, i) => {
      if (row.getCell(1).value === 'SNV' && row.getCell(3).value === '4.3.1') snv431 = i;
    });
    expect(ws.getRow(snv431).getCell(6).value).toBe(0.819);
    expect(ws.getRow(snv431).getCell(7).value).toBeNull();
    // The same round gives the same bytes.
    const again = join(dir, 'again.xlsx');
    expect(runBin(['survey-template', dir, '--out', again]).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    // An existing file is kept without --force.
    expect(runBin(['survey-template', dir, '--out', out]).code).toBe(2);
  });

  it('writes the workbook round.yaml already names under survey.points, before it exists', () => {
    const other = mkdtempSync(join(tmpdir(), 'parindex-survey-template-'));
    cpSync(SAMPLE, other, { recursive: true });
    const round = parse(readFileSync(join(other, 'round.yaml'), 'utf8'));
    round.survey.points = ['survey/diem.xlsx'];
    writeFileSync(join(other, 'round.yaml'), stringify(round));
    expect(runBin(['survey-template', other, '--out', join(other, 'survey/diem.xlsx')]).code).toBe(0);
    // Any other missing file still stops it.
    round.roster = 'khong-co.csv';
    writeFileSync(join(other, 'round.yaml'), stringify(round));
    expect(runBin(['survey-template', other, '--out', join(other, 'x.xlsx')]).code).toBe(1);
  });

  it('a filled copy is read back by score: shares, points and sample sizes; bad values at their cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Điều tra XHH')!;
    const rowOf = (agency: string, item: string): number => {
      let n = 0;
      ws.eachRow((row, i) => {
        if (row.getCell(1).value === agency && row.getCell(3).value === item) n = i;
      });
      expect(n, `${agency} ${item}`).toBeGreaterThan(1);
      return n;
    };
    const fill = (
      agency: string,
      item: string,
      cells: { share?: unknown; points?: unknown; sample?: unknown },
    ): number => {
      const n = rowOf(agency, item);
      const row = ws.getRow(n);
      if (cells.share !== undefined) row.getCell(6).value = cells.share as ExcelJS.CellValue;
      if (cells.points !== undefined) row.getCell(7).value = cells.points as ExcelJS.CellValue;
      if (cells.sample !== undefined) row.getCell(8).value = cells.sample as ExcelJS.CellValue;
      return n;
    };
    fill('SNV', '1.4.1', { share: 0.75 });
    fill('SNV', '2.3.1', { points: 1.25 });
    fill('SNV', '8.2.2', { share: 0.9, sample: 40 });
    const over = fill('STP', '1.4.1', { share: 1.2 });
    const badSample = fill('STP', '2.3.1', { share: 0.8, sample: 2.5 });
    const notNumber = fill('STP', '3.4.1', { points: 'abc' });
    writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
    const round = parse(readFileSync(join(dir, 'round.yaml'), 'utf8'));
    round.survey.points = ['survey/diem-dieu-tra.xlsx'];
    writeFileSync(join(dir, 'round.yaml'), stringify(round));

    const r = await runRound(dir, { allowIncomplete: true });
    const item = (agency: string, code: string) =>
      r.scores.find((s) => s.agency.code === agency)!.items.find((i) => i.code === code)!;
    // SNV 1.4.1: maximum 2 × 75% = 1.5.
    expect(item('SNV', '1.4.1')).toMatchObject({ basis: 'survey-share' });
    expect(item('SNV', '1.4.1').final.toExact()).toBe('1.5');
    expect(item('SNV', '1.4.1').surveyFrom).toBeUndefined();
    // SNV 2.3.1: points given, 1.25.
    expect(item('SNV', '2.3.1')).toMatchObject({ basis: 'survey-points' });
    expect(item('SNV', '2.3.1').final.toExact()).toBe('1.25');
    // SNV 4.3.1, carried over from the CSV: maximum 2 × 81.9% = 1.638.
    expect(item('SNV', '4.3.1').final.toExact()).toBe('1.638');
    // SNV 8.2.2: maximum 6 × 90% = 5.4, with its sample of 40 behind the interval.
    expect(item('SNV', '8.2.2').final.toExact()).toBe('5.4');
    expect(item('SNV', '8.2.2').surveyFrom).toEqual({ measure: 'table', valid: 40, table: true });
    const at = (code: string): string[] =>
      r.findings
        .filter((f) => f.code === code && f.location.file === 'survey/diem-dieu-tra.xlsx')
        .map((f) => `${f.location.sheet}!${f.location.cell}`);
    expect(at('ROUND_SURVEY_OUT_OF_RANGE')).toEqual([`Điều tra XHH!F${over}`]);
    expect(at('ROUND_SURVEY_BAD_SAMPLE')).toEqual([`Điều tra XHH!H${badSample}`]);
    expect(at('INTAKE_NOT_A_NUMBER')).toEqual([`Điều tra XHH!G${notNumber}`]);
    // An item left empty with a SIPAS measure still takes its share from the raw answers.
    expect(item('SNV', '7.3.1').surveyFrom?.measure).toBe('services.access');
    // The scorecard line says where a share and its sample came from.
    const cli = runBin(['explain', dir, 'SNV', '--allow-incomplete']);
    expect(cli.stdout).toMatch(/điều tra XHH \(40 phiếu\): tỷ lệ hài lòng 90% × 6 → 5,4 điểm/);
  });
});
