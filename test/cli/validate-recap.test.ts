/**
 * `validate` on a folder of many files: the files with problems and a recap (clean, warnings only,
 * to fix with their counts, totals), every file with --verbose. The folder: three good department
 * workbooks of the sample round, and three commune CSV files copied from it with cells changed here.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, ROOT } from '../helpers/cli.js';

const SUB = join(ROOT, 'fixtures/sample-round/submissions');

/** A sample CSV with rows replaced: each pattern must match exactly one line. */
function changed(from: string, to: string, edits: [RegExp, string][]): void {
  let text = readFileSync(join(SUB, 'xa-phuong', from), 'utf8');
  for (const [re, by] of edits) {
    expect(text.match(new RegExp(re.source, 'gm'))?.length).toBe(1);
    text = text.replace(new RegExp(re.source, 'm'), by);
  }
  writeFileSync(to, text);
}

describe('validate: problems first, then a recap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-recap-'));
  beforeAll(() => {
    for (const f of ['sct', 'snv', 'stc']) copyFileSync(join(SUB, 'so-nganh', `${f}.xlsx`), join(dir, `${f}.xlsx`));
    // Item 1.1.2 is a ratio (columns F numerator, G denominator). A numerator above its denominator is one
    // error (INTAKE_NUMERATOR_ABOVE_DENOMINATOR) per row: one row in a.csv, two rows in b.csv.
    changed('cum-1.csv', join(dir, 'a.csv'), [[/^25001;1\.1\.2;2;;;76;76;/, '25001;1.1.2;2;;;80;76;']]);
    changed('cum-2.csv', join(dir, 'b.csv'), [
      [/^25031;1\.1\.2;2;;;79;79;/, '25031;1.1.2;2;;;85;79;'],
      [/^25034;1\.1\.2;2;;;117;117;/, '25034;1.1.2;2;;;999;117;'],
    ]);
    // Item 1.1.1 without evidence (column K) but with an explanation (column L): one warning
    // (INTAKE_EVIDENCE_EXPLAINED), no error: c.csv has warnings only.
    changed('cum-3.csv', join(dir, 'c.csv'), [
      [/^(25061;1\.1\.1;1;Ban hành đúng hạn;;;;;;;)[^;\r\n]+;/, '$1;Văn bản đang trình ký'],
    ]);
  });
  const args = ['validate', '.', '--criteria', 'illustrative-internal@2025.1'];

  it('prints only the files with problems, then the recap lines', () => {
    const r = runBin(args, { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    // No line for a clean workbook; a line for each file with a problem.
    for (const f of ['sct', 'snv', 'stc']) expect(r.stdout).not.toContain(`${f}.xlsx`);
    expect(lines.filter((l) => /^[✗!✓] \S+\.csv /.test(l)).map((l) => l.slice(0, 7))).toEqual([
      '✗ a.csv',
      '✗ b.csv',
      '! c.csv',
    ]);
    // 6 files: 3 workbooks clean, c.csv with 1 warning, a.csv 1 error and b.csv 2 errors: 3 errors, 1 warning.
    expect(lines.slice(lines.indexOf('') + 1)).toEqual([
      '✓ 3 tệp đạt (không có lỗi, không có cảnh báo); thêm --verbose để liệt kê.',
      '! 1 tệp chỉ có cảnh báo, nên xem lại:',
      '    c.csv: 0 lỗi, 1 cảnh báo',
      '✗ 2 tệp cần sửa:',
      '    a.csv: 1 lỗi, 0 cảnh báo',
      '    b.csv: 2 lỗi, 0 cảnh báo',
      'Tổng cộng 6 tệp: 3 đạt, 1 chỉ có cảnh báo, 2 có lỗi; 3 lỗi, 1 cảnh báo.',
    ]);
  });

  it('--verbose lists every file, and --lang en says it in English', () => {
    const r = runBin([...args, '--verbose', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    for (const f of ['sct', 'snv', 'stc'])
      expect(r.stdout).toContain(
        `✓ ${f}.xlsx (${f.toUpperCase()} · illustrative-internal@2025.1): 0 errors, 0 warnings`,
      );
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(lines.lastIndexOf('') + 1)).toEqual([
      '✓ 3 files clean (no errors, no warnings).',
      '! 1 file with warnings only, worth a look:',
      '    c.csv: 0 errors, 1 warning',
      '✗ 2 files to fix:',
      '    a.csv: 1 error, 0 warnings',
      '    b.csv: 2 errors, 0 warnings',
      '6 files: 3 clean, 1 with warnings only, 2 with errors; 3 errors, 1 warning.',
    ]);
  });

  it('one file is shown whole, its notes too, without --verbose', () => {
    const r = runBin(['validate', 'snv.xlsx', '--criteria', 'illustrative-internal@2025.1'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ snv.xlsx (SNV · illustrative-internal@2025.1): 0 lỗi, 0 cảnh báo');
    expect(r.stdout).toContain('✓ 1 tệp đạt (không có lỗi, không có cảnh báo).');
  });
});
