/**
 * Direct rows (src/report/xlsx-rows.ts) against exceljs's own row writer: the same cells written
 * both ways give the same sheet XML and the same style table, and read back the same.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../src/core/zip.js';
import { directRows, xmlText, type DirectCell } from '../../src/report/xlsx-rows.js';
import { sharedStyles } from '../../src/report/xlsx-report.js';

const sharedStyle = sharedStyles();

const BOLD = { name: 'Calibri', size: 11, bold: true };
const ITALIC = { name: 'Calibri', size: 11, italic: true };

/**
 * Rows of cells of every kind the scorecards write: text (escapes, control characters, formula-like), numbers, fonts,
 * formats.
 */
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
  // Whole numbers are written digit by digit, the rest as String(n) does.
  [
    { col: 1, num: 10, style: sharedStyle('0.00') },
    { col: 2, num: 1234567, style: sharedStyle('0.00') },
    { col: 3, num: 2 ** 53, style: sharedStyle('0.00') },
    { col: 4, num: 1e21, style: sharedStyle('0.00') },
    { col: 5, num: -0, style: sharedStyle('0.00') },
    { col: 6, num: 100, style: sharedStyle('0.00') },
    { col: 7, text: 'Ban hành đúng hạn → 1 điểm', style: sharedStyle(undefined) },
  ],
  // Enough rows to fill several pieces (256 KB each) of the sheet stream, past row 10,000.
  ...Array.from({ length: 12_000 }, (_, i): DirectCell[] => [
    { col: 1, text: `D${String(i % 3321).padStart(4, '0')}`, style: sharedStyle(undefined) },
    { col: 3, text: `Mục ${i % 97}`, style: sharedStyle(undefined, i % 5 === 0 ? BOLD : undefined) },
    { col: 27, num: (i % 41) / 4, style: sharedStyle('0.00', i % 5 === 0 ? BOLD : undefined) },
  ]),
];

/**
 * An agency's own text, written in its cell: escapes and control characters, and text long enough
 * (300 KB of UTF-8) to need a piece of its own, among rows that fill pieces around it.
 */
const LONG = 'ệ'.repeat(100_000);
const OWN: DirectCell[][] = [
  [
    { col: 1, num: 1, style: sharedStyle('0.00') },
    { col: 8, text: 'Văn bản số 67/BC-D0001 <b> & "trích" \'dẫn\'', own: true, style: sharedStyle(undefined) },
    { col: 9, text: '=HYPERLINK("x") tab\there, bell\u0007, del\u007f end', own: true, style: sharedStyle('@') },
  ],
  ...Array.from({ length: 3_000 }, (_, i): DirectCell[] => [
    { col: 2, num: i, style: sharedStyle('0.00', i % 3 === 0 ? ITALIC : undefined) },
    {
      col: 8,
      text: i === 1_500 ? LONG : `Quyết định số ${i}/QĐ-UBND về việc ${'giao chỉ tiêu '.repeat(i % 7)}`,
      own: true,
      style: sharedStyle(undefined),
    },
  ]),
];

async function workbook(direct: boolean, rows: DirectCell[][] = ROWS, shared = true): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: shared });
  const ws = wb.addWorksheet('S');
  const head = ws.getRow(1);
  head.getCell(1).value = rows === ROWS ? 'Mã' : 1;
  head.getCell(2).value = rows === ROWS ? 'Nội dung' : 2;
  head.font = BOLD;
  if (direct) {
    const out = directRows(wb, ws);
    for (const r of rows) out.add(r);
    expect(out.rows).toBe(rows.length + 1);
    out.close();
  } else {
    head.commit();
    rows.forEach((cells, i) => {
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
  return readZip(zip)
    .find((p) => p.name === name)!
    .data.toString('utf8');
}

describe('direct scorecard rows', () => {
  it('write the sheet XML and styles exceljs writes for the same cells', async () => {
    const [viaExceljs, direct] = await Promise.all([workbook(false), workbook(true)]);
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'])
      expect(part(direct, name)).toBe(part(viaExceljs, name));
    const sheet = part(direct, 'xl/worksheets/sheet1.xml');
    // Text is an index into the shared strings, numbers are written as they are.
    expect(sheet).toContain('<c r="B4" t="s"><v>6</v></c>');
    expect(sheet).toContain(
      '<c r="A5" s="6"><v>10</v></c><c r="B5" s="6"><v>1234567</v></c><c r="C5" ' +
        's="6"><v>9007199254740992</v></c><c r="D5" s="6"><v>1e+21</v></c><c r="E5" s="6"><v>0</v></c>',
    );
    expect(sheet).toContain('<row r="12005" spans="1:27"');
    expect(part(direct, 'xl/sharedStrings.xml')).toContain(
      '<si><t xml:space="preserve">tab\there, new\nline, cr\r, bell, del, vt end</t></si>',
    );
  });

  it("write an agency's own text in its cell, as exceljs writes text without a shared string table", async () => {
    const [viaExceljs, direct] = await Promise.all([workbook(false, OWN, false), workbook(true, OWN)]);
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/styles.xml'])
      expect(part(direct, name)).toBe(part(viaExceljs, name));
    const sheet = part(direct, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain(
      '<c r="H2" t="str"><v>Văn bản số 67/BC-D0001 &lt;b&gt; &amp; &quot;trích&quot; &apos;dẫn&apos;</v></c>',
    );
    expect(sheet).toContain(`<c r="H1503" t="str"><v>${LONG}</v></c></row><row r="1504"`);
    // Nothing of it went into the shared string table.
    expect(readZip(direct).some((p) => p.name === 'xl/sharedStrings.xml')).toBe(false);
  });

  it('read back as the cells they were given', async () => {
    for (const rows of [ROWS, OWN]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await workbook(true, rows)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('S')!;
      rows.forEach((cells, i) => {
        if (i > 10 && i % 1000 !== 0 && i !== 1_501) return;
        for (const c of cells) {
          const cell = ws.getRow(i + 2).getCell(c.col);
          // Control characters XML cannot carry are dropped, and XML reads a bare CR as LF: as from
          // exceljs. A number reads back as the digits written: -0 as 0.
          expect(cell.value).toBe(
            c.text !== undefined ? c.text.replace(/[\u0007\u007f\u000b]/g, '').replace(/\r/g, '\n') : c.num! + 0,
          );
          expect(cell.numFmt).toBe(c.style.numFmt);
          expect(cell.font?.bold).toBe(c.style.font?.bold);
          expect(cell.font?.italic).toBe(c.style.font?.italic);
        }
      });
    }
  });

  it('escape text as exceljs does', () => {
    expect(xmlText('plain')).toBe('plain');
    expect(xmlText(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&quot;&amp;&quot;&lt;/a&gt;');
    expect(xmlText('a\u0000b\u001fc\td')).toBe('abc\td');
  });
});
