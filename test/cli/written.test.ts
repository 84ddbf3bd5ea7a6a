/** The "Đã ghi" lines: one per file, the files of a folder past five as one line (--split-by group). */
import { describe, expect, it } from 'vitest';
import { writtenLines } from '../../src/cli/written.js';

describe('writtenLines', () => {
  it('lists a few files one by one', () => {
    expect(writtenLines(['out/r.xlsx', 'out/r.html'], 'vi')).toEqual(['Đã ghi out/r.xlsx', 'Đã ghi out/r.html']);
  });

  it('folds the six group workbooks of a folder into one line, after the index, in English too', () => {
    const groups = ['a', 'b', 'c', 'd', 'e', 'f'].map((g) => `out/bao-cao/${g}.xlsx`);
    expect(writtenLines(['out/bao-cao.xlsx', ...groups, 'out/r.json'], 'vi')).toEqual([
      'Đã ghi out/bao-cao.xlsx',
      'Đã ghi 6 tệp vào out/bao-cao/',
      'Đã ghi out/r.json',
    ]);
    expect(writtenLines(groups, 'en')).toEqual(['Wrote 6 files into out/bao-cao/']);
  });
});
