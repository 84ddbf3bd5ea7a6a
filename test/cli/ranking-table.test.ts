/**
 * The ranked tables of `score` on the sample round, laid out to the terminal's width: a 100-column
 * terminal gets every column within 100, a legend for the field columns and the band column named as
 * the band; an 80-column terminal leaves the field columns out and says so.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { runCli } from '../../src/cli/program.js';
import { renderScoreText } from '../../src/report/score-text.js';
import { readResultFile } from '../../src/result/read.js';
import { runBin, ROOT } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample-round');

/** Terminal columns of a line (NFC: one per code point for Vietnamese). */
const widthOf = (line: string): number => [...line.normalize('NFC')].length;

/** `score` run in this process with a stdout that is a terminal of `columns` columns. */
async function scoreAt(dir: string, columns: number, lang: 'vi' | 'en' = 'vi'): Promise<string[]> {
  let out = '';
  const streams = {
    stdout: { write: (s: string) => ((out += s), true), isTTY: true, columns },
    stderr: { write: () => true, isTTY: false },
    env: { NO_COLOR: '1' },
  };
  const code = await runCli(['--lang', lang, 'score', dir, '--out', join(dir, `r-${columns}-${lang}.json`)], streams);
  expect(code).toBe(0);
  return out.trimEnd().split('\n');
}

describe('score: the ranked table fits the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-table-'));
  let at100: string[] = [];
  let at80: string[] = [];
  beforeAll(async () => {
    cpSync(SAMPLE, dir, { recursive: true });
    at100 = await scoreAt(dir, 100);
    at80 = await scoreAt(dir, 80);
  }, 120_000);

  it('at 100 columns every line is at most 100 wide and every field column is shown', () => {
    expect(Math.max(...at100.map(widthOf))).toBeLessThanOrEqual(100);
    // illustrative-internal@2025.1 has fields 1–8 with a maximum, and field 9 (bonus and penalty) with 0.
    const head = at100.find((l) => /\bHạng\b/.test(l) && /\bLV1\b/.test(l));
    expect(head).toBeDefined();
    for (let f = 1; f <= 8; f++) expect(head).toMatch(new RegExp(`\\bLV${f}\\b`));
    expect(head).not.toMatch(/\bLV9\b/);
  });

  it('explains LV1…LV8 with the field titles shortened and their maxima', () => {
    expect(at100).toContain('Cột LV: điểm đạt được theo lĩnh vực (điểm tối đa trong ngoặc):');
    const legend = at100.join('\n');
    // From criteria/illustrative-internal/2025.1.yaml: field 1 "Công tác chỉ đạo, điều hành cải cách hành
    // chính" (max 9): the shared "Công tác" dropped, "cải cách hành chính" as CCHC. Field 2 "Cải cách thể
    // chế" (8) → "Thể chế"; 5 "Cải cách chế độ công vụ" (12) → "Chế độ công vụ"; 6 (8) → "Tài chính công".
    expect(legend).toContain('LV1 (9) Chỉ đạo, điều hành CCHC');
    expect(legend).toContain('LV2 (8) Thể chế');
    expect(legend).toContain('LV5 (12) Chế độ công vụ');
    expect(legend).toContain('LV6 (8) Tài chính công');
    for (let f = 1; f <= 8; f++) expect(legend).toMatch(new RegExp(`LV${f} \\(\\d+\\) \\S`));
    // The bands of the set: A [90, 100], B [80, 90), C [70, 80), D [0, 70).
    expect(at100).toContain('Xếp loại: A ≥ 90% · B 80–<90% · C 70–<80% · D < 70%');
  });

  it('names the band column "Xếp loại" (two header lines), not "Nhóm"', () => {
    const i = at100.findIndex((l) => /\bHạng\b/.test(l));
    const [top, bottom] = [at100[i - 1] ?? '', at100[i] ?? ''];
    const at = bottom.indexOf('loại');
    expect(top.slice(at, at + 3)).toBe('Xếp');
    expect(bottom).not.toMatch(/\bNhóm\b/);
    // Sở Tài chính's row: rank 1 of 20 departments, band letter under the band column.
    const row = at100.find((l) => l.includes('Sở Tài chính') && l.includes('1/20'));
    expect(row?.slice(at, at + 2)).toMatch(/^[ABCD] $/);
  });

  it('at 80 columns the field columns leave, with a note saying where the points are', () => {
    expect(Math.max(...at80.map(widthOf))).toBeLessThanOrEqual(80);
    expect(at80.some((l) => /\bLV1\b/.test(l))).toBe(false);
    expect(at80.join(' ')).toMatch(/Không đủ chỗ cho điểm từng lĩnh vực ở độ rộng 80 cột/);
    // With the room freed, the longest department name is whole on its row.
    expect(at80.some((l) => l.includes('Trung tâm Phục vụ hành chính công tỉnh'))).toBe(true);
  });

  it('in English the field columns are F1…F8 and the band column is "Band"', async () => {
    const en = await scoreAt(dir, 100, 'en');
    expect(Math.max(...en.map(widthOf))).toBeLessThanOrEqual(100);
    expect(en).toContain('Columns F: points achieved per field (maximum in brackets):');
    expect(en.find((l) => /\bRank\b/.test(l))).toMatch(/\bBand\b.*\bF8\b/);
  });

  it('piped, the width comes from COLUMNS', () => {
    const r = runBin(['score', dir, '--out', join(dir, 'piped.json')], { env: { COLUMNS: '100' } });
    expect(r.code).toBe(0);
    expect(Math.max(...r.stdout.trimEnd().split('\n').map(widthOf))).toBeLessThanOrEqual(100);
  });

  it("keeps issue 20's marks in a wrapping column within the width; the field columns leave first", () => {
    const result = readResultFile(join(dir, 'r-100-vi.json'));
    const stc = result.agencies.find((a) => a.code === 'STC');
    expect(stc?.name).toBe('Sở Tài chính');
    if (stc) stc.openErrors = 2;
    const lines = renderScoreText(result, 'vi', new Chalk({ level: 0 }), { width: 100 });
    expect(Math.max(...lines.map(widthOf))).toBeLessThanOrEqual(100);
    // The departments' table has a "Ghi chú" column; STC's row says it was scored with 2 open errors.
    expect(lines.some((l) => /\bHạng\b.*\bGhi chú$/.test(l))).toBe(true);
    expect(lines.find((l) => l.includes('Sở Tài chính') && l.includes('1/20'))).toMatch(
      /⚠ chấm khi còn 2 lỗi chưa sửa$/,
    );
    // Rank 5, range 5, change 4, index 6, band 4 and 6 gaps between 7 columns = 30; the name (16 at least)
    // and the notes (20 at least) make 66. The 8 field columns (4, 4, 5, 4, 5, 4, 5, 5 wide, plus a gap
    // each: 44) would make 110 > 100: they leave the departments' table, not the communes' (no marks).
    const depts = lines.slice(
      lines.indexOf('Sở, ban, ngành — 20 cơ quan'),
      lines.indexOf('UBND xã, phường — 30 cơ quan'),
    );
    expect(depts.some((l) => /\bLV1\b/.test(l))).toBe(false);
    expect(depts.join(' ')).toContain('Không đủ chỗ cho điểm từng lĩnh vực ở độ rộng 100 cột');
    expect(lines.slice(lines.indexOf('UBND xã, phường — 30 cơ quan')).some((l) => /\bLV1\b/.test(l))).toBe(true);
  });
});

describe('explain: the scorecard fits the terminal', () => {
  it('at 80 columns every line is at most 80 wide; the rule text wraps under its column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-explain-'));
    cpSync(SAMPLE, dir, { recursive: true });
    let out = '';
    const streams = {
      stdout: { write: (s: string) => ((out += s), true), isTTY: true, columns: 80 },
      stderr: { write: () => true, isTTY: false },
      env: { NO_COLOR: '1' },
    };
    expect(await runCli(['explain', dir, 'SNV'], streams)).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(Math.max(...lines.map(widthOf))).toBeLessThanOrEqual(80);
    // Item rows: code 7, max 6, self 7, appraised 9, final 6 with a space between and two before the rule
    // text = 41 columns; a rule text that wraps goes on under column 42.
    const at = lines.findIndex((l) => l.startsWith('1.1.1 '));
    expect(lines[at]?.slice(41)).toMatch(/^Ban hành đúng hạn/);
    expect(lines[at + 1]).toMatch(/^ {41}\S/);
  }, 60_000);
});

describe('criteria list: fits the terminal', () => {
  it('at 100 columns the long summary lines wrap under their indent', () => {
    const r = runBin(['criteria', 'list'], { env: { COLUMNS: '100' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map(widthOf))).toBeLessThanOrEqual(100);
    // bnv-ministry@2022's kinds line is 113 columns with its indent of 2: it goes on two lines.
    const at = lines.findIndex((l) => l.startsWith('  Loại cơ quan: ministry'));
    expect(`${lines[at]} ${lines[at + 1]?.trim()}`).toBe(
      '  Loại cơ quan: ministry · tổng 100 điểm (thẩm định 68,5, điều tra XHH 31,5) · ' +
        '7 lĩnh vực, 14 tiêu chí thành phần',
    );
    expect(lines[at + 1]).toMatch(/^ {2}\S/);
  });
});
