/**
 * Issue 20, items 2, 3, 4, 6, 9 and 10 on the tiny hand-worked round (test/helpers/round.ts;
 * figures in test/round/run.test.ts): D3 = D4 = 86% share the top, D1 81% is last; the commune X2
 * sent nothing. Every published output that shows a rank must say what it hides.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Chalk } from 'chalk';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/core/rational.js';
import { renderCsvReport } from '../../src/report/csv-report.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { bandByExact } from '../../src/report/marks.js';
import { renderScoreText } from '../../src/report/score-text.js';
import { renderXlsxReport } from '../../src/report/xlsx-report.js';
import { loadRoundConfig } from '../../src/round/config.js';
import type { AgencyResult, CriteriaRef } from '../../src/result/schema.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { runBin } from '../helpers/cli.js';
import { makeRound } from '../helpers/round.js';

const plain = new Chalk({ level: 0 });

async function summaryRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  const ws = wb.getWorksheet('Tổng hợp')!;
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

/** The tiny round without its survey table: item 2.1.3 (survey, 2 points) has no data for anyone. */
async function roundWithoutSurvey(): Promise<string> {
  const dir = await makeRound({ year: 2025, appraisal: false });
  const cfg = parse(readFileSync(join(dir, 'round.yaml'), 'utf8')) as Record<string, unknown>;
  cfg.survey = { points: [] };
  writeFileSync(join(dir, 'round.yaml'), stringify(cfg));
  rmSync(join(dir, 'khao-sat.csv'));
  return dir;
}

/** The tiny round where D3 typed 12 points for item 1.1.1 (maximum 1). */
async function roundWithOpenError(): Promise<string> {
  const dir = await makeRound({ year: 2025, appraisal: false });
  const file = join(dir, 'nop', 'so.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace('D3;1.1.1;0,75;', 'D3;1.1.1;12;'));
  return dir;
}

describe('missing survey data (item 2)', async () => {
  const dir = await roundWithoutSurvey();
  const run = await runRound(dir);

  it('is a warning for each agency × survey item with no data; the round is scored', () => {
    const missing = run.findings.filter((f) => f.code === 'ROUND_SURVEY_MISSING');
    // 2.1.3 applies to both kinds: D1–D4, X1; X2 sent nothing, so it is not scored and has its
    // own ROUND_SUBMISSION_MISSING instead (a roster of 100,000 silent agencies is not a million findings).
    expect(missing.map((f) => [f.agency, f.criterion, f.severity])).toEqual(
      ['D1', 'D2', 'D3', 'D4', 'X1'].map((a) => [a, '2.1.3', 'warning']),
    );
    expect(run.findings.filter((f) => f.agency === 'X2').map((f) => f.code)).toEqual(['ROUND_SUBMISSION_MISSING']);
    expect(run.result!.agencies.find((a) => a.code === 'X2')!.surveyMissing).toBeUndefined();
    expect(run.blocked).toBe(false);
    // D3 without survey: 6.5 appraisal + 0.5 bonus = 7 of 10 (was 8.6 with 80% of 2)
    const d3 = run.result!.agencies.find((a) => a.code === 'D3')!;
    expect([d3.total.points.exact, d3.surveyMissing]).toEqual(['7', ['2.1.3']]);
  });

  it('is shown in the ranking and every report, with the count per item in the summary', async () => {
    const r = run.result!;
    const text = renderScoreText(r, 'vi', plain).join('\n');
    expect(text).toMatch(/Sở Ba .*⚠ thiếu số liệu điều tra XHH 1 tiêu chí/);
    expect(text).toContain('thiếu số liệu điều tra XHH, số cơ quan theo tiêu chí: 2.1.3 (4)');
    const rows = await summaryRows(await renderXlsxReport(r, { lang: 'vi' }));
    expect(rows[0]!.at(-1)).toBe('Ghi chú');
    expect(rows.find((x) => x[3] === 'D3')!.at(-1)).toBe('⚠ thiếu số liệu điều tra XHH 1 tiêu chí (tính 0 điểm)');
    expect(rows.some((x) => x[0] === 'Lưu ý' && String(x[1]).includes('2.1.3 (4)'))).toBe(true);
    const html = renderHtmlReport(r, { lang: 'vi' });
    expect(html).toContain('thiếu số liệu điều tra XHH, số cơ quan theo tiêu chí: 2.1.3 (4)');
    expect(html).toMatch(/<li><span class="mark">⚠<\/span> 1\. Sở Ba \(D3\): thiếu số liệu điều tra XHH 1 tiêu chí/);
    const csv = renderCsvReport(r, 'vi').split('\r\n');
    expect(csv[0]!.endsWith(';Ghi chú')).toBe(true);
    expect(csv.find((l) => l.includes(';D3;'))!.endsWith(';thiếu số liệu điều tra XHH 1 tiêu chí (tính 0 điểm)')).toBe(
      true,
    );
  });

  it('--strict or survey.missing: error blocks it (exit 1); without them exit 0', () => {
    expect(runBin(['score', dir, '--out', join(dir, 'a.json')]).code).toBe(0);
    const strict = runBin(['score', dir, '--strict', '--out', join(dir, 'b.json')]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('Chưa chấm điểm');
    const cfg = parse(readFileSync(join(dir, 'round.yaml'), 'utf8')) as Record<string, unknown>;
    cfg.survey = { points: [], missing: 'error' };
    writeFileSync(join(dir, 'round.yaml'), stringify(cfg));
    expect(runBin(['score', dir, '--out', join(dir, 'c.json')]).code).toBe(1);
  });
});

describe('open errors with --allow-incomplete (items 3, 4, 10)', async () => {
  const dir = await roundWithOpenError();
  const run = await runRound(dir, { allowIncomplete: true });
  const r = run.result!;
  const d3 = r.agencies.find((a) => a.code === 'D3')!;

  it('result.json counts the errors of the agency; the capped item says what was applied', () => {
    expect(d3.openErrors).toBe(1);
    expect(r.agencies.filter((a) => a.openErrors).map((a) => a.code)).toEqual(['D3']);
    const item = d3.items.find((i) => i.code === '1.1.1')!;
    // 12 typed for a 1-point item: 1 counts (clamped), and the sentence says so
    expect([item.self?.exact, item.final.exact]).toEqual(['12', '1']);
    expect(item.detail).toEqual({
      vi: 'tự chấm 12 → vượt tối đa 1, tính 1 điểm',
      en: 'self-scored 12 → above the maximum 1, counted 1 point',
    });
  });

  it('every output that shows a rank marks the agency and says how many errors; the summary counts them', async () => {
    const text = renderScoreText(r, 'vi', plain).join('\n');
    expect(text).toMatch(/Sở Ba .*⚠ chấm khi còn 1 lỗi chưa sửa/);
    expect(text).toContain('1 cơ quan chấm khi còn lỗi chưa sửa (1 lỗi)');
    const rows = await summaryRows(await renderXlsxReport(r, { lang: 'vi' }));
    expect(rows.find((x) => x[3] === 'D3')!.at(-1)).toBe('⚠ chấm khi còn 1 lỗi chưa sửa');
    expect(rows.some((x) => x[0] === 'Lưu ý' && x[1] === '1 cơ quan chấm khi còn lỗi chưa sửa (1 lỗi)')).toBe(true);
    const html = renderHtmlReport(r, { lang: 'vi' });
    expect(html).toContain('<p class="mark">⚠ chấm khi còn 1 lỗi chưa sửa</p>');
    expect(html).toContain('1 cơ quan chấm khi còn lỗi chưa sửa (1 lỗi)');
    expect(
      renderCsvReport(r, 'en')
        .split('\r\n')
        .find((l) => l.includes(',D3,'))!
        .endsWith(',scored with 1 open error'),
    ).toBe(true);
  });

  it('the CLI scores with exit 1, says so, and gives no --allow-incomplete advice to a run that has it', () => {
    const res = runBin(['score', dir, '--allow-incomplete', '--out', join(dir, 'r.json')]);
    expect(res.code).toBe(1);
    expect(res.stderr).not.toContain('chạy lại với --allow-incomplete');
    expect(res.stderr).toContain('Đã chấm khi còn 1 lỗi (--allow-incomplete)');
    expect(res.stdout).toMatch(/Sở Ba .*⚠ chấm khi còn 1 lỗi chưa sửa/);
    const blocked = runBin(['score', dir, '--out', join(dir, 's.json')]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('chạy lại với --allow-incomplete');
    // a round file that cannot be read stops a run that has --allow-incomplete too: no advice to add it
    writeFileSync(
      join(dir, 'round.yaml'),
      readFileSync(join(dir, 'round.yaml'), 'utf8').replace('year: 2025', 'year: "2025"'),
    );
    const broken = runBin(['score', dir, '--allow-incomplete']);
    expect(broken.stderr).not.toContain('--allow-incomplete để chấm');
  });
});

describe('ties at the top and the bottom (item 6) and a group without submissions (item 9)', async () => {
  const dir = await makeRound({ year: 2025, appraisal: false });
  const r = (await runRound(dir)).result!;

  it('names every agency tied at the top; one ranked agency is not both highest and lowest', () => {
    const so = r.groups.find((g) => g.id === 'so')!;
    // without appraisal D1 keeps its 8.6 too: D1, D3, D4 at 86%, D2 at 760/9 = 84.44%
    // (mean (3 × 86 + 760/9) / 4 = 85.61%)
    expect([so.highestTied, so.lowestTied]).toEqual([['D1', 'D3', 'D4'], undefined]);
    const text = renderScoreText(r, 'vi', plain);
    expect(text).toContain(
      'Giá trị trung bình 85,61%; 4 cơ quan Nhóm B; cao nhất: Sở Một, Sở Ba, Sở Bốn 86,00% (3 cơ quan cùng hạng); ' +
        'thấp nhất: Sở Hai 84,44%.',
    );
    // communes: X1 ranked alone (X2 sent nothing)
    const xa = text.find((l) => l.startsWith('Giá trị trung bình 78,00%'))!;
    expect(xa).toContain('chỉ một cơ quan được xếp hạng: Xã Một 78,00%');
    expect(xa).not.toContain('cao nhất');
  });

  it('a group with no submission says so instead of "Giá trị trung bình 0,00%; ."', async () => {
    rmSync(join(dir, 'nop', 'xa.csv'));
    const r2 = (await runRound(dir)).result!;
    const text = renderScoreText(r2, 'vi', plain);
    expect(text).toContain('Chưa có cơ quan nào được xếp hạng.');
    expect(text.join('\n')).not.toContain('0,00%; .');
    const html = renderHtmlReport(r2, { lang: 'vi' });
    expect(html).toContain('chưa có cơ quan nào được xếp hạng');
  });

  it('input roles are Vietnamese words on the About sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsxReport(r, { lang: 'vi' })) as unknown as ArrayBuffer);
    const labels: string[] = [];
    wb.getWorksheet('Thông tin')!.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels).toContain('Tệp đầu vào (danh sách cơ quan)');
    expect(labels).toContain('Tệp đầu vào (điều tra XHH)');
    expect(labels.filter((l) => /\((survey|roster|submission|appraisal)\)/.test(l))).toEqual([]);
  });

  it('the warning about a missing submission names the agency', () => {
    const f = r.findings.find((x) => x.code === 'ROUND_SUBMISSION_MISSING')!;
    expect(f.args).toEqual({ agency: 'X2', zero: false, name: 'Xã Hai' });
  });
});

describe('a band decided on the exact index is said (item 9)', () => {
  const set = {
    rounding: { decimals: 2, mode: 'half-up' },
    bands: [
      { id: 'A', label: { vi: 'Nhóm A' }, min: 90, max: 100 },
      { id: 'B', label: { vi: 'Nhóm B' }, min: 80, max: 90 },
    ],
  } as unknown as CriteriaRef;
  const agency = (exact: string, value: number, band: string): AgencyResult =>
    ({ status: 'scored', band, total: { index: { exact, value } } }) as unknown as AgencyResult;

  it('89,995% shows as 90,00% but is in band B: the note says the exact value decides', () => {
    // 17999/200 = 89.995 exactly; rounded half-up to 2 decimals it shows 90.00
    expect(Rational.fromExact('17999/200')!.toFixed(2)).toBe('90.00');
    expect(bandByExact(agency('17999/200', 90, 'B'), set, 'vi')).toBe('xếp loại theo giá trị chính xác 89,995%');
    expect(bandByExact(agency('91', 91, 'A'), set, 'vi')).toBeUndefined();
  });
});

describe('exit codes and messages (item 10)', () => {
  it('a file that does not exist exits 2 with words, not ENOENT', () => {
    for (const args of [
      ['validate', 'khong-co.xlsx'],
      ['explain', 'khong-co.xlsx'],
      ['report', 'khong-co.json', '--out', 'x.html'],
    ]) {
      const res = runBin(args);
      expect([args[0], res.code]).toEqual([args[0], 2]);
      expect(res.stderr).toContain('khong-co');
      expect(res.stderr).not.toContain('ENOENT');
    }
  });

  it('--json prints one JSON document on stdout for exit-2 errors too', () => {
    for (const args of [
      ['--json', 'score', 'khong-co'],
      ['--json', 'bogus-command'],
      ['--json', 'report', 'khong-co.json', '--out', 'x.html'],
    ]) {
      const res = runBin(args);
      expect(res.code).toBe(2);
      const doc = JSON.parse(res.stdout) as { ok: boolean; exitCode: number; error: { message: string } };
      expect([doc.ok, doc.exitCode]).toEqual([false, 2]);
      expect(doc.error.message.length).toBeGreaterThan(0);
    }
  });

  it('round.yaml type errors say "chuỗi"/"số", not "string"', async () => {
    const dir = await makeRound({ year: 2025, appraisal: false });
    writeFileSync(
      join(dir, 'round.yaml'),
      readFileSync(join(dir, 'round.yaml'), 'utf8').replace('year: 2025', 'year: "2025"'),
    );
    const f = loadRoundConfig(dir).findings.find((x) => x.code === 'ROUND_SHAPE')!;
    const vi = (f.args as { messageVi: string }).messageVi;
    expect(vi).toContain('chuỗi');
    expect(vi).not.toMatch(/\bstring\b/);
  });
});
