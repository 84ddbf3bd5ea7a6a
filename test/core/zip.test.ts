import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixZipTimestamps, fixZipTimestampsInFile } from '../../src/core/zip.js';

async function book(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2025, 11, 31));
  wb.addWorksheet('Tổng hợp').addRow(['Sở Nội vụ', 95.77]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('fixZipTimestamps', () => {
  it('makes two writes of the same workbook byte-identical', async () => {
    const a = await book();
    await new Promise((r) => setTimeout(r, 2100)); // DOS time has a 2-second step
    const b = await book();
    expect(a.equals(b)).toBe(false); // exceljs stamps the clock into every entry
    const date = new Date(Date.UTC(2025, 11, 31, 0, 0, 0));
    expect(fixZipTimestamps(a, date).equals(fixZipTimestamps(b, date))).toBe(true);
  });

  it('keeps the workbook readable', async () => {
    const buf = fixZipTimestamps(await book(), new Date(Date.UTC(2025, 0, 1)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Tổng hợp')?.getCell('B1').value).toBe(95.77);
  });
});

describe('fixZipTimestampsInFile', () => {
  it(
    'writes the same bytes into the file as fixZipTimestamps ' + 'gives in memory, and leaves a non-zip alone',
    async () => {
      const buf = await book();
      const dir = mkdtempSync(join(tmpdir(), 'parindex-zip-'));
      const path = join(dir, 'a.xlsx');
      writeFileSync(path, buf);
      const date = new Date(Date.UTC(2024, 5, 30, 13, 14, 16));
      fixZipTimestampsInFile(path, date);
      const inMemory = fixZipTimestamps(Buffer.from(buf), date);
      expect(inMemory.equals(buf)).toBe(false);
      expect(readFileSync(path).equals(inMemory)).toBe(true);
      const text = join(dir, 'b.txt');
      writeFileSync(text, 'not a zip');
      fixZipTimestampsInFile(text, date);
      expect(readFileSync(text, 'utf8')).toBe('not a zip');
    },
  );
});
