/**
 * The exceljs adapter (src/core/excel.ts) reaches members exceljs does not declare. These tests
 * fail loudly when an exceljs upgrade renames or reshapes one, instead of the reader silently
 * losing merged cells or the report writer losing its back-pressure.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mergedRanges, queuedBytes, streamingParts } from '../../src/core/excel.js';

describe('exceljs adapter', () => {
  it('finds the merged ranges of a loaded worksheet (private _merges)', async () => {
    const out = new ExcelJS.Workbook();
    const ws = out.addWorksheet('S');
    ws.getCell('B2').value = 'gộp';
    ws.mergeCells('B2:D3');
    ws.mergeCells('F1:F4');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await out.xlsx.writeBuffer()) as ArrayBuffer);
    const ranges = mergedRanges(wb.getWorksheet('S')!).sort((a, b) => a.range.localeCompare(b.range));
    expect(ranges).toEqual([
      { range: 'B2:D3', top: 2, left: 2, bottom: 3, right: 4 },
      { range: 'F1:F4', top: 1, left: 6, bottom: 4, right: 6 },
    ]);
    expect(mergedRanges(wb.addWorksheet('empty'))).toEqual([]);
  });

  it('finds the streaming writer parts direct rows write through, and the queued bytes of its pipes', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
    const ws = wb.addWorksheet('S');
    ws.getRow(1).getCell(1).value = 'Mã';
    const parts = streamingParts(wb, ws);
    expect(parts).toBeDefined();
    expect(parts!.useSharedStrings).toBe(true);
    expect(typeof parts!.styles.addStyleModel({ font: { bold: true } }, 3)).toBe('number');
    expect(parts!.sharedStrings.add('một')).toBe(parts!.sharedStrings.add('một'));
    ws.getRow(1).commit();
    // Once the sheet data is open, its stream pipes into buffered streams with a _writableState.
    const pipes = (parts!.sheet.stream as { pipes?: unknown }).pipes;
    expect(Array.isArray(pipes)).toBe(true);
    expect((pipes as unknown[]).length).toBeGreaterThan(0);
    for (const p of pipes as { _writableState?: { length?: unknown } }[])
      expect(typeof p._writableState?.length).toBe('number');
    expect(queuedBytes(parts!.sheet.stream)).toBeGreaterThanOrEqual(0);
    parts!.sheet.stream.write('<row r="2"><c r="A2" t="s"><v>0</v></c></row>');
    parts!.sheet.commit();
    await wb.commit();
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(back.getWorksheet('S')!.getCell('A2').value).toBe('một');
  });

  it('is told when a streaming writer lacks its parts', () => {
    const wb = new ExcelJS.Workbook();
    expect(streamingParts(wb as unknown as ExcelJS.stream.xlsx.WorkbookWriter, wb.addWorksheet('S'))).toBeUndefined();
    expect(queuedBytes({})).toBe(0);
  });

  it('replaces what XML cannot carry in everything exceljs writes (utils.xmlEncode)', async () => {
    const { loadExcel } = await import('../../src/core/excel.js');
    const Excel = await loadExcel();
    const wb = new Excel.Workbook();
    const ws = wb.addWorksheet('Tổng\uFFFEhợp');
    ws.getCell('A1').value = 'Sở\uFFFF Nội vụ\uD800';
    const again = new Excel.Workbook();
    await again.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(again.worksheets[0]!.getCell('A1').value).toBe('Sở\uFFFD Nội vụ\uFFFD');
  });
});
