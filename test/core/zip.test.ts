import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixZipTimestamps } from '../../src/core/zip.js';

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
