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

describe('listZipEntries with zip64 records', () => {
  it('reads the same entries from a zip64 archive as from a plain one', async () => {
    const { listZipEntries, readZip } = await import('../../src/core/zip.js');
    const { writeZip } = await import('../helpers/zip-write.mjs');
    const parts = [
      { name: 'a.xml', data: Buffer.from('<a>xin chào</a>') },
      { name: 'b/c.bin', data: Buffer.alloc(70_000, 7), store: true },
    ];
    const plain = writeZip(parts);
    const z64 = writeZip(parts, { zip64: true });
    const strip = (es: ReturnType<typeof listZipEntries>) =>
      es?.map(({ name, method, size, compressedSize }) => ({ name, method, size, compressedSize }));
    expect(strip(listZipEntries(z64))).toEqual(strip(listZipEntries(plain)));
    expect(readZip(z64).map((p) => p.data)).toEqual(parts.map((p) => p.data));
    // exceljs (JSZip) reads it too, which is what the zip64 workbook cases in the corpus rely on.
    const JSZip = (await import('jszip')).default;
    expect(await (await JSZip.loadAsync(z64)).file('a.xml')!.async('string')).toBe('<a>xin chào</a>');
  });

  it('refuses a zip64 field that the extra field does not give', async () => {
    const { listZipEntries } = await import('../../src/core/zip.js');
    const { writeZip } = await import('../helpers/zip-write.mjs');
    const z64 = writeZip([{ name: 'a.xml', data: Buffer.from('<a/>') }], { zip64: true });
    const cen = z64.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    z64.writeUInt16LE(0x9999, cen + 46 + 5); // the extra field's id, after the name "a.xml"
    expect(listZipEntries(z64)).toBeUndefined();
  });
});
