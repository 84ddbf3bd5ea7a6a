/**
 * Issue 20, items 5, 7 and 8 at the intake: the template's field row subtracts penalty points;
 * an item code typed so it cannot be read ("4,1", "4.l", "IV.1") is reported at its cell with
 * the code it most likely meant; a long CSV row with a mistyped agency code reports the unknown
 * code once and names the agency whose rows are missing; a locked cell of a parindex template
 * changed (a maximum 10,5 → 20) is a warning at that cell; the annotated copy of a workbook keeps
 * its sheet protection, also in the form LibreOffice writes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../src/core/zip.js';
import { writeZip } from '../helpers/zip-write.mjs';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { SCORING_COLUMNS } from '../../src/intake/columns.js';
import { renderTemplateXlsx, templateRows } from '../../src/intake/template.js';
import { likelyCode } from '../../src/validate/map.js';
import { validateFiles } from '../../src/pipeline/check-files.js';
import { runBin } from '../helpers/cli.js';
import { HEAD } from '../helpers/round.js';

const col = (f: string): number => SCORING_COLUMNS.findIndex((c) => c.field === f) + 1;
const letter = (f: string): string => String.fromCharCode(64 + col(f));
const hn = loadCriteriaSet('hn-internal@2024');
const province = loadCriteriaSet('bnv-province@2024');

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** A template of `idx` filled with the maximum of every points item, edited by `edit`, written to a temp file. */
async function filled(
  idx: typeof hn,
  edit: (ws: ExcelJS.Worksheet, rowOf: (code: string) => number) => void,
): Promise<string> {
  const wb = await load(
    await renderTemplateXlsx(idx, { lang: 'vi', agency: { code: 'SNV', name: 'Sở Nội vụ' }, year: 2025 }),
  );
  const ws = wb.getWorksheet('Tự chấm điểm')!;
  const rows = templateRows(idx);
  const rowOf = (code: string): number => rows.find((r) => r.code === code)!.row;
  for (const r of rows) {
    if (r.level !== 'item' || !('rule' in r.node) || r.node.rule.kind !== 'points') continue;
    const source = r.node.source;
    ws.getCell(rowOf(r.code), col('points')).value = source === 'bonus' || source === 'penalty' ? 0 : r.node.max;
    ws.getCell(rowOf(r.code), col('evidence')).value = 'BC 1';
  }
  edit(ws, rowOf);
  const dir = mkdtempSync(join(tmpdir(), 'parindex-cells-'));
  const path = join(dir, 'snv.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

describe('the template subtracts penalty points (item 5)', () => {
  it("field 9's row reads SUM(bonus) - SUM(penalty), not a SUM that adds the penalty", async () => {
    const wb = await load(await renderTemplateXlsx(hn, { lang: 'vi' }));
    const ws = wb.getWorksheet('Tự chấm điểm')!;
    const rows = templateRows(hn);
    const at = (code: string): number => rows.find((r) => r.code === code)!.row;
    const p = letter('points');
    // 9.1 is the bonus item, 9.2 the penalty item (criteria/hn-internal/2024.yaml).
    expect(ws.getCell(at('9'), col('points')).formula).toBe(`SUM(${p}${at('9.1')})-SUM(${p}${at('9.2')})`);
    // a field without penalty items keeps its plain sum
    expect(ws.getCell(at('1'), col('points')).formula).toBe(`SUM(${p}${at('1.1')},${p}${at('1.2')})`);
  });
});

describe('item codes that cannot be read (item 7)', () => {
  it('suggests the code it most likely meant', () => {
    expect(['4,1', '4.L', 'IV.1', 'I.2', '1,2,3', '9.O'].map((c) => likelyCode(c))).toEqual([
      '4.1',
      '4.1',
      '4.1',
      '1.2',
      '1.2.3',
      '9.0',
    ]);
    // not codes at all: left alone
    expect(['Ghi chú', 'TỔNG', '12'].map((c) => likelyCode(c))).toEqual([undefined, undefined, undefined]);
  });

  it('reports "4,1", "4.l" and "IV.1" at their cells, each with its suggestion', async () => {
    const path = await filled(province, (ws, rowOf) => {
      ws.getCell(rowOf('4.1'), col('code')).value = '4,1';
      ws.getCell(rowOf('5.1'), col('code')).value = '5.l';
      ws.getCell(rowOf('6.1'), col('code')).value = 'IV.1';
    });
    const r = await validateFiles([{ path, file: 'snv.xlsx' }], { expected: province, submissions: false });
    const got = r.findings
      .filter((f) => f.code === 'INTAKE_CODE_UNREADABLE')
      .map((f) => [f.location.cell, (f.args as { suggestion: string }).suggestion]);
    const a = letter('code');
    expect(got).toEqual([
      [`${a}${templateRows(province).find((x) => x.code === '4.1')!.row}`, '4.1'],
      [`${a}${templateRows(province).find((x) => x.code === '5.1')!.row}`, '5.1'],
      [`${a}${templateRows(province).find((x) => x.code === '6.1')!.row}`, '4.1'],
    ]);
  });

  it('a long CSV row with a mistyped agency code: unknown code once, agency named where a row is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-csv-agency-'));
    mkdirSync(join(dir, 'nop'));
    const rows = province.items
      .filter((e) => e.item.rule.kind === 'points')
      .map((e) => `SNV;${e.item.code};${e.item.max.toString().replace('.', ',')};;;;;;;BC 1;`);
    rows[3] = rows[3]!.replace(/^SNV/, 'SVN');
    writeFileSync(join(dir, 'nop', 'so.csv'), [HEAD, ...rows].join('\r\n'));
    const roster = new Map([['SNV', { code: 'SNV', name: 'Sở Nội vụ', kind: 'province' }]]);
    const r = await validateFiles([{ path: join(dir, 'nop', 'so.csv'), file: 'so.csv' }], {
      expected: province,
      roster,
      submissions: false,
    });
    const problems = r.findings.filter((f) => f.severity !== 'info').sort((a, b) => (a.code < b.code ? -1 : 1));
    // row 5 of the file is the fourth item row; no "missing item" for each other item of "SVN"
    expect(problems.map((f) => [f.code, f.location.cell, f.agency, f.criterion])).toEqual([
      ['INTAKE_AGENCY_NOT_IN_ROSTER', 'A5', 'SVN', undefined],
      ['INTAKE_MISSING_ITEM', undefined, 'SNV', '4.1'],
    ]);
    expect(problems[1]!.args).toEqual({ item: '4.1', agency: 'Sở Nội vụ (SNV)' });
  });
});

describe('locked cells of a parindex template (item 8)', () => {
  it('a maximum changed 10,5 → 20 and a changed title are warnings at their cells', async () => {
    // field 4 of hn-internal@2024 has the maximum 10,5 (criteria/hn-internal/2024.yaml)
    const path = await filled(hn, (ws, rowOf) => {
      ws.getCell(rowOf('4'), col('max')).value = 20;
      ws.getCell(rowOf('2.1'), col('title')).value = 'Điểm tự đánh giá (đã sửa)';
    });
    const r = await validateFiles([{ path, file: 'snv.xlsx' }], { expected: hn, submissions: false });
    const rows = templateRows(hn);
    const got = r.findings
      .filter((f) => f.code === 'INTAKE_LOCKED_CELL_CHANGED')
      .map((f) => [f.severity, f.location.cell, f.args]);
    expect(got).toEqual([
      [
        'warning',
        `${letter('title')}${rows.find((x) => x.code === '2.1')!.row}`,
        {
          item: '2.1',
          what: 'title',
          found: 'Điểm tự đánh giá (đã sửa)',
          expected: hn.byCode.get('2.1')!.item.title.vi,
        },
      ],
      [
        'warning',
        `${letter('max')}${rows.find((x) => x.code === '4')!.row}`,
        { item: '4', what: 'max', found: '20', expected: '10.5' },
      ],
    ]);
  });

  it('an untouched template has no such warning', async () => {
    const path = await filled(hn, () => undefined);
    const r = await validateFiles([{ path, file: 'snv.xlsx' }], { expected: hn, submissions: false });
    expect(r.findings.filter((f) => f.code === 'INTAKE_LOCKED_CELL_CHANGED')).toEqual([]);
  });

  it('the --annotate copy keeps the protection of a workbook saved by LibreOffice', async () => {
    const path = await filled(hn, (ws, rowOf) => {
      ws.getCell(rowOf('4'), col('max')).value = 20;
    });
    // LibreOffice writes sheet="true" and a legacy password hash, which exceljs does not read.
    const LO =
      '<sheetProtection sheet="true" password="CC3D" objects="true" scenarios="true" ' +
      'formatColumns="false" formatRows="false"/>';
    const parts = readZip(readFileSync(path)).map((p) =>
      /^xl\/worksheets\/sheet\d+\.xml$/.test(p.name)
        ? { ...p, data: Buffer.from(p.data.toString('utf8').replace(/<sheetProtection\b[^>]*\/>/, LO)) }
        : p,
    );
    writeFileSync(path, writeZip(parts));
    const out = mkdtempSync(join(tmpdir(), 'parindex-ann-'));
    const res = runBin(['validate', path, '--criteria', 'hn-internal@2024', '--annotate', out]);
    expect(res.code).toBe(0);
    const copy = readZip(readFileSync(join(out, 'snv.xlsx')));
    const scoring = copy.find((p) => p.name === 'xl/worksheets/sheet3.xml')!.data.toString('utf8');
    expect(scoring).toContain(LO);
    // the note is there too, on the tampered cell
    const wb = await load(readFileSync(join(out, 'snv.xlsx')));
    const cell = wb
      .getWorksheet('Tự chấm điểm')!
      .getCell(templateRows(hn).find((x) => x.code === '4')!.row, col('max'));
    expect(String(cell.note ?? '')).toContain('INTAKE_LOCKED_CELL_CHANGED');
  });
});
