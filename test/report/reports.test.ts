/**
 * The Excel, CSV and HTML reports of the tiny hand-worked round (test/helpers/round.ts), read
 * back: sheets, numbers stored as numbers with formats, print setup, no protection, the
 * formula-injection guard on names and reasons typed by people, and the same bytes twice.
 * Figures (worked by hand in test/round/run.test.ts): D3 = D4 = 86% (rank 1, 1), D2 760/9 %
 * (84.44, rank 3), D1 81% (rank 4); X1 78%; X2 sent nothing. Field 1 of D3: 5 of 6 points.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderCsvReport } from '../../src/report/csv-report.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { renderXlsxReport, sheetName, writeXlsxReportFile } from '../../src/report/xlsx-report.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { runBin } from '../helpers/cli.js';
import { makeRound } from '../helpers/round.js';

const HOSTILE_NAME = '=HYPERLINK("http://example.invalid","bấm vào đây")';
const HOSTILE_REASON = '+SUM(1,2) <b>giải trình</b>';
const SCRIPT_NAME = '<script>alert(1)</script> Sở Bốn';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Rows of a sheet as arrays of cell values (1-based columns become 0-based). */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (r) => {
    const vals: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) vals.push(r.getCell(c).value ?? null);
    out.push(vals);
  });
  return out;
}

describe('reports of the tiny round', async () => {
  const dir = await makeRound({
    year: 2025,
    appraisal: true,
    names: { D3: HOSTILE_NAME, D4: SCRIPT_NAME },
    reason: HOSTILE_REASON,
  });
  const result = (await runRound(dir)).result!;
  const xlsx = await renderXlsxReport(result, { lang: 'vi' });
  const wb = await load(xlsx);

  it(
    'has the summary, fields, a scorecard per agency, appraisal, its history and gaps, findings and about ' + 'sheets',
    () => {
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Tổng hợp',
        'Lĩnh vực',
        'D3 =HYPERLINK("http example.inv',
        'D4 <script>alert(1)< script> Sở',
        'D2 Sở Hai',
        'D1 Sở Một',
        'X1 Xã Một',
        'X2 Xã Hai',
        'Thẩm định',
        'Lịch sử thẩm định',
        'Chênh lệch tự chấm',
        'Kiểm tra',
        'Thông tin',
      ]);
    },
  );

  it('summary: ranked rows per group, indices as numbers with a % format, bands, points by source', () => {
    const ws = wb.getWorksheet('Tổng hợp')!;
    const r = rows(ws);
    // Columns: group, rank, change, code, name, index, band, F1, F2, appraisal, survey, bonus, penalty, points.
    expect(r[0]!.slice(0, 9)).toEqual([
      'Nhóm',
      'Hạng',
      'Thay đổi',
      'Mã',
      'Cơ quan',
      'Chỉ số',
      'Xếp loại',
      'LV1',
      'LV2',
    ]);
    expect(r.slice(1, 7).map((x) => [x[1], x[3], x[5]])).toEqual([
      [1, 'D3', 0.86],
      [1, 'D4', 0.86],
      [3, 'D2', 0.8444],
      [4, 'D1', 0.81],
      [1, 'X1', 0.78],
      [null, 'X2', null],
    ]);
    const d3 = ws.getRow(2);
    expect(d3.getCell(6).numFmt).toBe('0.00%');
    expect(d3.getCell(7).value).toBe('Nhóm B');
    // D3: field 1 = 5 points, field 2 = 1.5 + 1.6 = 3.1; appraisal 6.5, survey 1.6, bonus 0.5, no penalty, total 8.6.
    expect([8, 9, 10, 11, 12, 13, 14].map((c) => d3.getCell(c).value)).toEqual([5, 3.1, 6.5, 1.6, 0.5, 0, 8.6]);
    expect(d3.getCell(8).numFmt).toBe('0.00');
    expect(ws.getRow(7).getCell(7).value).toBe('Chưa nộp');
    expect(ws.autoFilter).toBeTruthy();
  });

  it('summary block per group: mean, count per band, highest and lowest (all tied agencies)', () => {
    const r = rows(wb.getWorksheet('Tổng hợp')!);
    const at = r.findIndex((x) => x[0] === 'so' && x[1] === null);
    expect(at).toBeGreaterThan(6);
    // Mean of 86, 86, 760/9 and 81 = 3037/36 = 84.36%; four in band B.
    expect(r.slice(at + 1, at + 7).map((x) => [x[0], x[1]])).toEqual([
      ['Giá trị trung bình', 0.8436],
      ['Nhóm A', 0],
      ['Nhóm B', 4],
      ['Nhóm C', 0],
      // D3 and D4 tie at the top (86%): both are named (issue 20, item 6; this named D3 alone).
      ['Cao nhất', `${HOSTILE_NAME}, ${SCRIPT_NAME} (2 cơ quan cùng hạng)`],
      ['Thấp nhất', 'Sở Một'],
    ]);
  });

  it('fields sheet: field indices of scored agencies as percentages, and the exact mean per field', () => {
    const ws = wb.getWorksheet('Lĩnh vực')!;
    const r = rows(ws);
    expect(r.slice(1, 6).map((x) => [x[1], x[3], x[4]])).toEqual([
      ['D3', 0.8333, 0.775],
      ['D4', 0.8333, 0.775],
      ['D2', 0.8, 0.775],
      ['D1', 0.75, 0.775],
      ['X1', 1, 0.95],
    ]);
    // Field 1 mean over the five: (250/3 + 250/3 + 80 + 75 + 100) / 5 = 84.33%; field 2: (4 × 77.5 + 95) / 5 = 81%.
    expect([r[6]![2], r[6]![3], r[6]![4]]).toEqual(['Trung bình', 0.8433, 0.81]);
    expect(ws.getCell('D2').numFmt).toBe('0.00%');
  });

  it(
    'scorecard: field and criterion subtotals, then items with max, self, appraised, final, how scored, ' +
      'evidence, reason',
    () => {
      const ws = wb.getWorksheet('D1 Sở Một')!;
      const r = rows(ws);
      expect(r.slice(1, 5).map((x) => x.slice(0, 6))).toEqual([
        // A round with appraisal: the field row's Self and Appraised columns hold the self-scored
        // items' totals, 0.75 + 0.5 + 1 + 2 + 0.75 = 5 and, with 1.1.1 appraised 0.25, 4.5.
        ['1', 'Lĩnh vực 1', 6, 5, 4.5, 4.5],
        ['1.1', 'Tiêu chí 1.1', 3, null, null, 1.75],
        ['1.1.1', 'Điểm', 1, 0.75, 0.25, 0.25],
        ['1.1.2', 'Chọn', 1, 0.5, null, 0.5],
      ]);
      expect(r[3]![8]).toBe(HOSTILE_REASON);
      expect(r[3]![7]).toBe('BC 1');
      // Self-scored: 6.5 + bonus 0.5 = 7; appraised 7 − 0.5 = 6.5.
      expect(r.at(-1)!.slice(1, 6)).toEqual(['Tổng điểm', 10, 7, 6.5, 8.1]);
      // The commune's scorecard has no department-only item.
      expect(rows(wb.getWorksheet('X1 Xã Một')!).map((x) => x[0])).not.toContain('2.1.1');
    },
  );

  it('appraisal sheet: every change with from, to, reason, file and order', () => {
    const r = rows(wb.getWorksheet('Thẩm định')!);
    expect(r.slice(1).map((x) => [x[0], x[2], x[3], x[4], x[5], x[6], x[7]])).toEqual([
      ['D1', '1.1.1', 0.75, 0.5, 'Thiếu biên bản kiểm tra', 'dot1.xlsx', 1],
      ['D1', '1.1.1', 0.5, 0.25, HOSTILE_REASON, 'dot2.xlsx', 2],
    ]);
  });

  it('findings and about sheets: the missing submission, the set, every input with its SHA-256', () => {
    const f = rows(wb.getWorksheet('Kiểm tra')!);
    expect(f.map((x) => x[1])).toContain('ROUND_SUBMISSION_MISSING');
    const about = rows(wb.getWorksheet('Thông tin')!);
    expect(about.map((x) => x[1])).toContain('Vòng thử 2025');
    const roster = about.find((x) => x[1] === 'roster.csv')!;
    expect(roster[2]).toBe(result.inputs.find((i) => i.file === 'roster.csv')!.sha256);
    expect(about.some((x) => typeof x[1] === 'string' && x[1].startsWith('tiny@1 — TEST/1'))).toBe(true);
    expect(about.find((x) => x[0] === 'Bảng điểm')![1]).toBe('mỗi cơ quan một trang');
  });

  it('text typed by people is stored as text, never as a formula', () => {
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) expect(cell.numFmt).toBe('@');
        }),
      );
    expect(rows(wb.getWorksheet('Tổng hợp')!)[1]![4]).toBe(HOSTILE_NAME);
  });

  it(
    'every sheet: frozen header, A4 landscape fitted to one page wide, header row repeated, page numbers, no ' +
      'protection',
    () => {
      for (const ws of wb.worksheets) {
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.pageSetup).toMatchObject({
          paperSize: 9,
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '1:1',
        });
        expect(ws.headerFooter.oddFooter).toContain('&P');
        expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection ?? null).toBeNull();
      }
    },
  );

  it('the same result gives the same bytes, dated from the round, not the clock', async () => {
    const again = await renderXlsxReport(result, { lang: 'vi' });
    expect(again.equals(xlsx)).toBe(true);
    // Written into a file as it is made: the same bytes.
    const path = join(dir, 'bao-cao-tep.xlsx');
    await writeXlsxReportFile(result, { lang: 'vi' }, path);
    expect(readFileSync(path).equals(xlsx)).toBe(true);
    expect(wb.created.toISOString()).toBe('2025-12-31T00:00:00.000Z');
  });

  it(
    'past the threshold, or when asked, scorecards go into one long sheet with a filter, and the About sheet ' +
      'says so',
    async () => {
      const long = await load(await renderXlsxReport(result, { lang: 'en', scorecards: 'long' }));
      expect(long.worksheets.map((w) => w.name)).toEqual([
        'Summary',
        'Fields',
        'Scorecards',
        'Appraisal',
        'Appraisal history',
        'Self-scoring gaps',
        'Findings',
        'About',
      ]);
      const r = rows(long.getWorksheet('Scorecards')!);
      expect(r.filter((x) => x[2] === '1.1.1').map((x) => x[0])).toEqual(['D3', 'D4', 'D2', 'D1', 'X1', 'X2']);
      expect(long.getWorksheet('Scorecards')!.autoFilter).toBeTruthy();
      expect(rows(long.getWorksheet('About')!).find((x) => x[0] === 'Scorecards')![1]).toContain(
        'one "Scorecards" sheet',
      );
    },
  );

  it(
    'CSV: one row per agency, Vietnamese with semicolons and decimal commas, English with commas and points, ' +
      'formulas guarded',
    () => {
      const vi = renderCsvReport(result, 'vi');
      expect(vi.startsWith('\uFEFF')).toBe(true);
      const lines = vi.slice(1).split('\r\n');
      expect(lines).toHaveLength(8); // header, 6 agencies, final empty line
      const d2 = lines.find((l) => l.includes(';D2;'))!.split(';');
      expect(d2.slice(0, 3)).toEqual(['so', '3', '4']);
      expect(d2[10]).toBe('84,44');
      expect(lines[1]).toContain(`;"'=HYPERLINK(""http://example.invalid"",""bấm vào đây"")";`);
      const en = renderCsvReport(result, 'en').slice(1).split('\r\n');
      expect(en[0]!.split(',').slice(0, 3)).toEqual(['Group', 'Rank', 'Group size']);
      expect(en.find((l) => l.includes(',D2,'))).toContain(',84.44,Nhóm B,7.60,9.00,');
      expect(en.find((l) => l.includes(',X2,'))).toContain(',not submitted,,,,10.00,');
    },
  );

  it('HTML: one bar per ranked agency, text escaped, no script and nothing fetched, the same bytes twice', () => {
    const html = renderHtmlReport(result, { lang: 'vi' });
    expect(html.match(/<g class="bar"/g)).toHaveLength(5);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Sở Bốn');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    // The only URLs are the SVG namespace and the one inside the hostile name, as text.
    const urls = [...html.matchAll(/https?:\/\/[a-z0-9./-]+/g)].map((m) => m[0]);
    expect([...new Set(urls)].sort()).toEqual(['http://example.invalid', 'http://www.w3.org/2000/svg']);
    expect(html).not.toContain('href="http');
    expect(html).toContain('Chưa nộp hồ sơ, không xếp hạng');
    expect(html).toContain('Xếp thứ 3/4');
    expect(renderHtmlReport(result, { lang: 'vi' })).toBe(html);
    expect(renderHtmlReport(result, { lang: 'en' })).toContain('<html lang="en">');
  });

  it(
    '`score --out` writes all four formats; `report` re-renders the same bytes from result.json; existing ' +
      'files need --force',
    () => {
      const outs = ['r.json', 'r.xlsx', 'r.html', 'r.csv'].map((f) => join(dir, f));
      const s = runBin(['score', dir, '--out', ...outs]);
      expect(s.code).toBe(0);
      for (const o of outs) expect(existsSync(o)).toBe(true);
      const again = ['a.xlsx', 'a.html', 'a.csv'].map((f) => join(dir, f));
      expect(runBin(['report', outs[0]!, '--out', ...again]).code).toBe(0);
      for (const [i, o] of again.entries()) expect(readFileSync(o).equals(readFileSync(outs[i + 1]!))).toBe(true);

      const before = readFileSync(outs[1]!);
      const refused = runBin(['report', outs[0]!, '--out', outs[1]!]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--force');
      expect(readFileSync(outs[1]!).equals(before)).toBe(true);
      expect(runBin(['report', outs[0]!, '--out', outs[1]!, '--force']).code).toBe(0);
    },
  );

  it('`report` refuses what it cannot do with exit 2 and writes nothing', () => {
    writeFileSync(join(dir, 'not-result.json'), '{"format":"something-else"}');
    const bad = runBin(['report', join(dir, 'not-result.json'), '--out', join(dir, 'x.html')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('result.json');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
    expect(runBin(['report', join(dir, 'missing.json'), '--out', join(dir, 'x.html')]).code).toBe(2);
    expect(runBin(['score', dir, '--out', join(dir, 'x.pdf')]).code).toBe(2);
    expect(runBin(['score', dir, '--out', join(dir, 'roster.csv'), '--force']).code).toBe(2);
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });
});

describe('sheetName', () => {
  it('removes the characters Excel forbids, keeps to 31 characters, and stays unique', () => {
    const used = new Set<string>(['tổng hợp']);
    expect(sheetName('Tổng hợp', used)).toBe('Tổng hợp (2)');
    expect(sheetName('A/B: [x]*?', used)).toBe('A B x');
    const long = 'UBND phường Nguyễn Trung Trực quận Ba Đình';
    const first = sheetName(long, used);
    const second = sheetName(long, used);
    expect([...first]).toHaveLength(31);
    expect(second).toBe(`${[...long].slice(0, 27).join('').trim()} (2)`);
    expect(sheetName("'quoted'", used)).toBe('quoted');
    expect(sheetName('', used)).toBe('Sheet');
  });
});
