/** The self-scoring template: its layout read back with exceljs, and a filled copy validated and scored. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import type { Item } from '../../src/criteria/schema.js';
import { appliesWithAncestors } from '../../src/criteria/tree.js';
import type { TemplateField } from '../../src/intake/columns.js';
import { renderTemplateCsv } from '../../src/intake/template-csv.js';
import { renderTemplateXlsx, templateColumn, templateRows } from '../../src/intake/template.js';
import { explainFile } from '../../src/pipeline/explain-file.js';
import { validateFiles } from '../../src/pipeline/check-files.js';
import { runBin } from '../helpers/cli.js';

const idx = loadCriteriaSet('illustrative-internal@2025.1');
const col = (f: TemplateField): number => templateColumn(f);

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('template workbook', async () => {
  const buf = await renderTemplateXlsx(idx, {
    lang: 'vi',
    kind: 'commune',
    agency: { code: '25001', name: 'Xã Phú Cường' },
    year: 2025,
  });
  const wb = await workbook(buf);
  const ws = wb.getWorksheet('Tự chấm điểm')!;

  it('has instructions, information, scoring and list sheets in that order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hướng dẫn', 'Thông tin', 'Tự chấm điểm', 'Danh mục']);
  });

  it('the information sheet holds agency, year and the set, read back on validation', () => {
    const info = wb.getWorksheet('Thông tin')!;
    expect([1, 2, 3, 4].map((r) => info.getCell(r, 2).value)).toEqual([
      '25001',
      'Xã Phú Cường',
      2025,
      'illustrative-internal@2025.1',
    ]);
  });

  it('has one row per field, criterion and item that applies to communes, in tree order', () => {
    // The items that apply to communes, counted from the set.
    const commune = idx.items.filter((e) => appliesWithAncestors(idx, e.item.code, 'commune')).length;
    const rows = templateRows(idx, 'commune');
    expect(rows.filter((r) => r.level === 'item')).toHaveLength(commune);
    expect(rows.some((r) => r.code === '1.3.1')).toBe(false); // department only
    expect(ws.getCell('A5').value).toBe('1');
    expect(ws.getCell('A6').value).toBe('1.1');
    expect(ws.getCell('A7').value).toBe('1.1.1');
    expect(ws.getCell('C5').value).toBe(9);
  });

  it('subtotal rows carry SUM formulas over their children with a cached result', () => {
    const f = ws.getCell('E6');
    expect(f.formula).toBe('SUM(E7,E8)');
    expect(f.result).toBe(0);
    expect(ws.getCell('E5').formula).toMatch(/^SUM\(E6,/);
    // The computed points beside them: the same sum over the computed column.
    expect(ws.getCell('F6').formula).toBe('SUM(F7,F8)');
  });

  it('input cells are unlocked, the rest locked, and the sheet is protected without a password', () => {
    expect(ws.getCell('E7').protection?.locked).toBe(false);
    expect(ws.getCell('G7').protection?.locked).toBe(false); // 1.1.1 is a choice
    expect(ws.getCell('A7').protection?.locked).not.toBe(false);
    expect(ws.getCell('F7').protection?.locked).not.toBe(false); // computed points
    expect(ws.getCell('I7').protection?.locked).not.toBe(false); // no numerator for a choice
    const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
    expect(prot?.sheet).toBe(true);
    expect(prot?.hashValue).toBeUndefined();
  });

  it('validations: points 0…max, options from the list, yes/no, whole counts — on the item’s own cells only', () => {
    expect(ws.getCell('E7').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 1] });
    expect(ws.getCell('G7').dataValidation).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$B$1:$D$1"] });
    const lists = wb.getWorksheet('Danh mục')!;
    expect([1, 2, 3, 4].map((c) => lists.getCell(1, c).value)).toEqual([
      '1.1.1',
      'Ban hành đúng hạn',
      'Ban hành chậm',
      'Không ban hành',
    ]);
    const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations
      .model;
    for (const range of Object.keys(validations)) expect(range).not.toMatch(/^[A-Z]+:[A-Z]+$|1048576/);
  });

  it('prints A4 landscape, one page wide, with the header row (below the title block) repeated', () => {
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:4',
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('is byte-identical for the same options', async () => {
    const again = await renderTemplateXlsx(idx, {
      lang: 'vi',
      kind: 'commune',
      agency: { code: '25001', name: 'Xã Phú Cường' },
      year: 2025,
    });
    expect(again.equals(buf)).toBe(true);
  });

  it('filled with full marks, validates clean and scores 70 of 100 (survey not yet in): 70%', async () => {
    const full = await workbook(buf);
    const s = full.getWorksheet('Tự chấm điểm')!;
    for (const r of templateRows(idx, 'commune')) {
      if (r.level !== 'item') continue;
      const item = r.node as Item;
      const row = s.getRow(r.row);
      const rule = item.rule;
      let points = item.max;
      if (rule.kind === 'survey') continue;
      if (rule.kind === 'choice')
        row.getCell(col('option')).value = [...rule.options].sort((a, b) => b.points - a.points)[0]!.label.vi;
      if (rule.kind === 'boolean') row.getCell(col('yes')).value = 'Có';
      if (rule.kind === 'bands' && rule.input === 'percent') row.getCell(col('percent')).value = 100;
      if (rule.kind === 'bands' && rule.input === 'ratio') {
        row.getCell(col('numerator')).value = 40;
        row.getCell(col('denominator')).value = 40;
      }
      if (rule.kind === 'deduction') row.getCell(col('count')).value = 0;
      if (rule.kind === 'count') {
        row.getCell(col('count')).value = 0;
        points = 0;
      }
      if (item.source === 'bonus' && rule.kind === 'boolean') {
        row.getCell(col('yes')).value = 'Không';
        points = 0;
      }
      row.getCell(col('points')).value = points;
      if (points > 0) row.getCell(col('evidence')).value = `Văn bản ${item.code}`;
    }
    const path = join(mkdtempSync(join(tmpdir(), 'parindex-template-')), 'xa.xlsx');
    writeFileSync(path, Buffer.from(await full.xlsx.writeBuffer()));
    const report = await validateFiles([{ path, file: 'xa.xlsx' }], { expected: idx, kind: 'commune' });
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.location.cell}`)).toEqual([]);
    const x = await explainFile(path, { expected: idx, kind: 'commune' });
    expect(x.agency?.total.points.exact).toBe('70');
    expect(x.agency?.total.index.exact).toBe('70');
    const cli = runBin(['validate', path, '--criteria', 'illustrative-internal@2025.1', '--kind', 'commune']);
    expect(cli.code).toBe(0);
  });
});

describe('template CSV and command', () => {
  it('writes the long CSV form: header and one row per self-scored item', () => {
    const csv = renderTemplateCsv(idx, { lang: 'vi', kind: 'department', agency: { code: 'SNV' } });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Mã cơ quan;Mã;Nội dung;Điểm tối đa;Cách chấm;Điểm tự chấm;Lựa chọn;Có/Không;Tử số;Mẫu số;Tỷ lệ (%);' +
        'Số lượng;Không áp dụng;Tài liệu kiểm chứng;Giải trình;Ghi chú',
    );
    const selfScored = idx.items.filter(
      (e) => e.item.rule.kind !== 'survey' && appliesWithAncestors(idx, e.item.code, 'department'),
    ).length;
    expect(lines).toHaveLength(1 + selfScored);
    expect(lines[1]!.startsWith('SNV;1.1.1;')).toBe(true);
    expect(lines[1]!.endsWith(';;;;;;;;;;;')).toBe(true);
  });

  it('CLI: writes the file, refuses to overwrite without --force, English with --lang en', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-template-cli-'));
    const out = join(dir, 'mau.xlsx');
    expect(runBin(['template', '--criteria', 'illustrative-internal@2025.1', '--out', out]).code).toBe(0);
    expect(runBin(['template', '--criteria', 'illustrative-internal@2025.1', '--out', out]).code).toBe(2);
    const en = join(dir, 'en.xlsx');
    expect(runBin(['--lang', 'en', 'template', '--criteria', 'illustrative-internal@2025.1', '--out', en]).code).toBe(
      0,
    );
    const names = await workbook(readFileSync(en)).then((w) => w.worksheets.map((x) => x.name));
    expect(names).toEqual(['Instructions', 'Information', 'Self-score', 'Lists']);
  });
});
