/**
 * Direct rows (src/report/xlsx-rows.ts) against exceljs's own row writer: the same cells written
 * both ways give the same sheet XML and the same style table, and read back the same.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../src/core/zip.js';
import { directRows, xmlText, type DirectCell } from '../../src/report/xlsx-rows.js';
import { sharedStyle } from '../../src/report/xlsx-report.js';

const BOLD = { name: 'Calibri', size: 11, bold: true };
const ITALIC = { name: 'Calibri', size: 11, italic: true };

/** Rows of cells of every kind the scorecards write: text (escapes, control characters, formula-like), numbers, fonts, formats. */
const ROWS: DirectCell[][] = [
  [
    { col: 1, text: 'D0001', style: sharedStyle(undefined, BOLD) },
    { col: 2, text: 'Sở <Nội> vụ & "Một" \'A\'', style: sharedStyle(undefined, BOLD) },
    { col: 3, num: 9.5, style: sharedStyle('0.00', BOLD) },
    { col: 6, num: 6.75, style: sharedStyle('0.00', BOLD) },
  ],
  [
    { col: 3, text: '1.1', style: sharedStyle(undefined, ITALIC) },
    { col: 5, num: 0.25, style: sharedStyle('0.00', ITALIC) },
  ],
  [
    { col: 1, text: '+SUM(1,2) <b>giải trình</b>', style: sharedStyle('@') },
    { col: 2, text: 'tab\there, new\nline, cr\r, bell\u0007, del\u007f, vt\u000b end', style: sharedStyle(undefined) },
    { col: 4, num: 0, style: sharedStyle('0.00') },
    { col: 5, num: 1e-7, style: sharedStyle('0.00') },
    { col: 7, num: -3, style: sharedStyle('0.00') },
    { col: 9, text: 'Ban hành đúng hạn → 1 điểm', style: sharedStyle(undefined) },
  ],
];

async function workbook(direct: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('S');
  const head = ws.getRow(1);
  head.getCell(1).value = 'Mã';
  head.getCell(2).value = 'Nội dung';
  head.font = BOLD;
  if (direct) {
    const out = directRows(wb, ws);
    for (const r of ROWS) out.add(r);
    expect(out.rows).toBe(ROWS.length + 1);
    out.close();
  } else {
    head.commit();
    ROWS.forEach((cells, i) => {
      const row = ws.getRow(i + 2);
      for (const c of cells) {
        const cell = row.getCell(c.col);
        cell.value = c.text ?? c.num!;
        cell.style = c.style;
      }
      row.commit();
    });
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}

function part(zip: Buffer, name: string): string {
  return readZip(zip).find((p) => p.name === name)!.data.toString('utf8');
}

describe('direct scorecard rows', () => {
  it('write the sheet XML and styles exceljs writes for the same cells', async () => {
    const [viaExceljs, direct] = await Promise.all([workbook(false), workbook(true)]);
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/styles.xml']) expect(part(direct, name)).toBe(part(viaExceljs, name));
    expect(part(direct, 'xl/worksheets/sheet1.xml')).toContain('<c r="B4" t="str"><v>tab\there, new\nline, cr\r, bell, del, vt end</v></c>');
  });

  it('read back as the cells they were given', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await workbook(true)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('S')!;
    ROWS.forEach((cells, i) => {
      for (const c of cells) {
        const cell = ws.getRow(i + 2).getCell(c.col);
        // Control characters XML cannot carry are dropped, and XML reads a bare CR as LF: as from exceljs.
        expect(cell.value).toBe(c.text !== undefined ? c.text.replace(/[\u0007\u007f\u000b]/g, '').replace(/\r/g, '\n') : c.num);
        expect(cell.numFmt).toBe(c.style.numFmt);
        expect(cell.font?.bold).toBe(c.style.font?.bold);
        expect(cell.font?.italic).toBe(c.style.font?.italic);
      }
    });
  });

  it('escape text as exceljs does', () => {
    expect(xmlText('plain')).toBe('plain');
    expect(xmlText(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&quot;&amp;&quot;&lt;/a&gt;');
    expect(xmlText('a\u0000b\u001fc\td')).toBe('abc\td');
  });
});
