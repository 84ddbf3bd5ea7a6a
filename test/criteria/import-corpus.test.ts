/**
 * `criteria import` on the corpus of fixtures/criteria-import/ (tables shaped as official annexes:
 * one to four levels; xlsx, CSV with ; and with ,, Word; merged captions; bonus/penalty; total
 * rows; extra columns; TCVN3 and VNI text). For each table: the expected set, written by hand from
 * the table (codes, maxima, rules), and one end-to-end run: import → criteria check passes →
 * template → a filled copy → validate → score, with the score worked out by hand.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  buildImportedSet,
  importCriteriaTable,
  renderImportedYaml,
  type ImportResult,
} from '../../src/criteria/import.js';
import { checkCriteriaData, loadCriteriaSet } from '../../src/criteria/load.js';
import { CriteriaSet, isItem, type Item, type Node } from '../../src/criteria/schema.js';
import type { TemplateField } from '../../src/intake/columns.js';
import { renderTemplateXlsx, templateColumn, templateRows } from '../../src/intake/template.js';
import { readTableFile } from '../../src/load/docx.js';
import { explainFile } from '../../src/pipeline/explain-file.js';
import { validateFiles } from '../../src/pipeline/check-files.js';
import { DEFAULT_READ_OPTIONS } from '../../src/load/index.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'fixtures/criteria-import');

async function importFixture(name: string, decision?: string): Promise<ImportResult> {
  const read = await readTableFile(join(FIX, name), name, DEFAULT_READ_OPTIONS);
  expect(read.grid, `${name} is read`).toBeDefined();
  const table = importCriteriaTable(
    read.grid!,
    read.captions ? { captionOf: (s) => read.captions.get(s) ?? [], documentText: read.text } : {},
  );
  table.findings.unshift(...read.findings.filter((f) => f.code.startsWith('INTAKE_LEGACY')));
  return buildImportedSet(table, { id: 'kho-mau', version: '1', ...(decision ? { decision } : {}) }, (d) =>
    checkCriteriaData(d, 'out.yaml'),
  );
}

/** "code max rule" per node in tree order; groups say "group", items their rule kind and a non-appraisal source. */
function shape(set: CriteriaSet): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (isItem(n)) out.push(`${n.code} ${n.max} ${n.rule.kind}${n.source !== 'appraisal' ? ` ${n.source}` : ''}`);
    else {
      out.push(`${n.code} ${n.max} group`);
      n.children.forEach(walk);
    }
  };
  set.fields.forEach(walk);
  return out;
}

function item(set: CriteriaSet, code: string): Item {
  let found: Item | undefined;
  const walk = (n: Node): void => {
    if (isItem(n)) {
      if (n.code === code) found = n;
    } else n.children.forEach(walk);
  };
  set.fields.forEach(walk);
  return found!;
}

/** What an agency enters for one item; `points` is its self-score, worked out by hand from the rule. */
interface Fill {
  points: number;
  option?: string;
  yes?: boolean;
  percent?: number;
  count?: number;
}

const col = (f: TemplateField): number => templateColumn(f);

/**
 * import → check → YAML → template → filled copy → validate → score. Items not in `fills` get full
 * marks (the best option, Có, 100%, no deduction; bonus and penalty 0); survey items stay empty.
 */
async function endToEnd(
  result: ImportResult,
  fills: Record<string, Fill>,
): Promise<{ points: string; max: string; index: string }> {
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), 'parindex-corpus-'));
  const yaml = join(dir, 'kho-mau', '1.yaml');
  mkdirSync(join(dir, 'kho-mau'));
  writeFileSync(yaml, renderImportedYaml(result.data, { header: ['test'] }));
  const idx = loadCriteriaSet(yaml);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await renderTemplateXlsx(idx, {
      lang: 'vi',
      agency: { code: 'T1', name: 'Đơn vị thử' },
      year: 2026,
    })) as unknown as ArrayBuffer,
  );
  const sheet = wb.getWorksheet('Tự chấm điểm')!;
  for (const r of templateRows(idx)) {
    if (r.level !== 'item') continue;
    const it = r.node as Item;
    const rule = it.rule;
    if (rule.kind === 'survey') continue;
    const best =
      rule.kind === 'choice' ? [...rule.options].sort((a, b) => b.points - a.points)[0]!.label.vi : undefined;
    const adjust = it.source === 'bonus' || it.source === 'penalty';
    const fill: Fill = fills[it.code] ?? {
      points: adjust ? 0 : it.max,
      ...(best ? { option: best } : {}),
      ...(rule.kind === 'boolean' ? { yes: !adjust } : {}),
      ...(rule.kind === 'bands' ? { percent: 100 } : {}),
      ...(rule.kind === 'deduction' || rule.kind === 'count' ? { count: 0 } : {}),
    };
    const row = sheet.getRow(r.row);
    if (fill.option !== undefined) row.getCell(col('option')).value = fill.option;
    if (fill.yes !== undefined) row.getCell(col('yes')).value = fill.yes ? 'Có' : 'Không';
    if (fill.percent !== undefined) row.getCell(col('percent')).value = fill.percent;
    if (fill.count !== undefined) row.getCell(col('count')).value = fill.count;
    row.getCell(col('points')).value = fill.points;
    if (fill.points > 0 || (fill.count ?? 0) > 0) row.getCell(col('evidence')).value = `Văn bản số ${it.code}/BC`;
  }
  const path = join(dir, 'tu-cham.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  const report = await validateFiles([{ path, file: 'tu-cham.xlsx' }], { expected: idx });
  expect(
    report.findings
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.code} ${f.location.cell ?? ''} ${JSON.stringify(f.args)}`),
  ).toEqual([]);
  const x = await explainFile(path, { expected: idx });
  expect(x.agency).toBeDefined();
  const t = x.agency!.total;
  return { points: t.points.exact, max: t.max.exact, index: t.index.exact };
}

describe('criteria import corpus', () => {
  it(
    '2948-linh-vuc.xlsx: one level (8 fields, 2948/QĐ-BNV ' + 'summary), count columns and total row ignored or read',
    async () => {
      const r = await importFixture('2948-linh-vuc.xlsx');
      const set = CriteriaSet.parse(r.data);
      expect(set.decision.number).toBe('2948/QĐ-BNV');
      expect(set.total).toBe(100);
      expect(shape(set)).toEqual([
        '1 10 group',
        '1.1 10 points',
        '2 10 group',
        '2.1 10 points',
        '3 14.5 group',
        '3.1 14.5 points',
        '4 11 group',
        '4.1 11 points',
        '5 16 group',
        '5.1 16 points',
        '6 7 group',
        '6.1 7 points',
        '7 16 group',
        '7.1 16 points',
        '8 15.5 group',
        '8.1 15.5 points',
      ]);
      expect(r.counts).toEqual({ fields: 8, criteria: 0, items: 8 });
      const ignored = r.findings
        .filter((f) => f.code === 'CRITERIA_IMPORT_COLUMN_IGNORED')
        .map((f) => `${f.location.cell} ${(f.args as { header: string }).header}`);
      expect(ignored).toEqual(['C4 Số tiêu chí', 'D4 Số TCTP', 'F4 Ghi chú']);
      // Full marks but 12 of 14,5 on field 3 and 10 of 15,5 on field 8: 100 − 2,5 − 5,5 = 92.
      expect(await endToEnd(r, { '3.1': { points: 12 }, '8.1': { points: 10 } })).toEqual({
        points: '92',
        max: '100',
        index: '92',
      });
    },
  );

  it('2948-linh-vuc-khong-dau.csv: the same fields from a comma CSV headed without diacritics', async () => {
    const r = await importFixture('2948-linh-vuc-khong-dau.csv', '2948/QĐ-BNV');
    const set = CriteriaSet.parse(r.data);
    const fromXlsx = CriteriaSet.parse((await importFixture('2948-linh-vuc.xlsx')).data);
    expect(shape(set)).toEqual(shape(fromXlsx));
    expect(set.fields.map((f) => f.title.vi)).toEqual(fromXlsx.fields.map((f) => f.title.vi));
    expect(r.findings.filter((f) => f.code === 'CRITERIA_IMPORT_COLUMN_IGNORED').map((f) => f.location.cell)).toEqual([
      'D1',
    ]);
    // Every item at full marks: 100.
    expect(await endToEnd(r, {})).toEqual({ points: '100', max: '100', index: '100' });
  });

  it(
    '876-hai-cap.csv: two levels with method and evidence ' + 'columns; linear, boolean, deduction, choice, survey',
    async () => {
      const r = await importFixture('876-hai-cap.csv', '876/QĐ-BNV');
      const set = CriteriaSet.parse(r.data);
      expect(shape(set)).toEqual([
        '1 6 group',
        '1.1 2 boolean',
        '1.2 3 bands',
        '1.3 1 survey survey',
        '2 4 group',
        '2.1 2 deduction',
        '2.2 2 choice',
      ]);
      expect(item(set, '1.2').rule).toEqual({
        kind: 'bands',
        input: 'percent',
        bands: [{ min: 0, max: 100, points: 0, linearTo: 3 }],
      });
      expect(item(set, '2.1').rule).toEqual({ kind: 'deduction', perUnit: 0.5, unit: { vi: 'văn bản chậm' } });
      expect(item(set, '2.2').evidence).toBe('none');
      expect(item(set, '1.1').guidance?.vi).toBe('Đạt/Không đạt\nTài liệu kiểm chứng: Kế hoạch CCHC năm');
      // 1.1 Có → 2; 1.2 at 50% → 1,5; 2.1 one late document → 2 − 0,5 = 1,5; 2.2 "hoàn thành chậm" → 1;
      // the survey item 1.3 is not in yet: 6 of 10.
      const score = await endToEnd(r, {
        '1.2': { percent: 50, points: 1.5 },
        '2.1': { count: 1, points: 1.5 },
        '2.2': { option: 'Hoàn thành chậm', points: 1 },
      });
      expect(score).toEqual({ points: '6', max: '10', index: '60' });
    },
  );

  it(
    '1880-ca-mau.xlsx: three levels, scoring levels as "-" rows become options, Cà Mau\'s result columns ' + 'ignored',
    async () => {
      const r = await importFixture('1880-ca-mau.xlsx');
      const set = CriteriaSet.parse(r.data);
      expect(set.decision.number).toBe('1880/QĐ-UBND');
      expect(shape(set)).toEqual([
        '1 7 group',
        '1.1 5 group',
        '1.1.1 1 choice',
        '1.1.2 1 choice',
        '1.1.3 1 boolean',
        '1.1.4 2 bands',
        '1.2 2 group',
        '1.2.1 1 choice',
        '1.2.2 1 boolean',
      ]);
      expect(item(set, '1.1.1').rule).toMatchObject({ options: [{ points: 1 }, { points: 0.5 }, { points: 0 }] });
      expect(item(set, '1.1.4').rule).toEqual({
        kind: 'bands',
        input: 'percent',
        bands: [
          { min: 90, max: 100, points: 2 },
          { min: 90, max: 90, points: 1 },
          { min: 70, max: 90, points: 1 },
          { min: 0, max: 70, points: 0 },
        ],
      });
      expect(r.findings.filter((f) => f.code === 'CRITERIA_IMPORT_COLUMN_IGNORED')).toHaveLength(5);
      // 1.1.1 chậm 0,5; 1.1.2 1; 1.1.3 1; 1.1.4 at 80% → 1; 1.2.1 thiếu hoặc chậm 0; 1.2.2 1: 4,5 of 7.
      const score = await endToEnd(r, {
        '1.1.1': { option: 'Ban hành chậm', points: 0.5 },
        '1.1.4': { percent: 80, points: 1 },
        '1.2.1': { option: 'Thiếu hoặc chậm', points: 0 },
      });
      expect(score).toEqual({ points: '4.5', max: '7', index: '450/7' });
    },
  );

  it('hn-bon-cap.xlsx: two header rows under a merged caption, a fourth level folded, bonus and penalty', async () => {
    const r = await importFixture('hn-bon-cap.xlsx');
    const set = CriteriaSet.parse(r.data);
    expect(set.decision.number).toBe('5666/QĐ-UBND');
    expect(shape(set)).toEqual([
      '1 4 group',
      '1.1 4 group',
      '1.1.1 2 points',
      '1.1.2 2 deduction',
      '2 3 group',
      '2.1 3 group',
      '2.1.1 3 choice',
      '3 0 group',
      '3.1 0 group',
      '3.1.1 2 count bonus',
      '3.2 0 group',
      '3.2.1 3 count penalty',
    ]);
    expect(set.total).toBe(7);
    expect(set.adjustmentCaps).toEqual({ bonus: 2, penalty: 3 });
    expect(item(set, '1.1.1').guidance?.vi).toBe(
      'a) Ban hành đúng thời hạn quy định: 1 điểm\nb) Xác định đầy đủ nhiệm vụ, sản phẩm, kinh phí: 1 ' +
        'điểm\nTài liệu kiểm chứng: Kế hoạch CCHC năm',
    );
    const ignored = r.findings
      .filter((f) => f.code === 'CRITERIA_IMPORT_COLUMN_IGNORED')
      .map((f) => `${f.location.cell} ${(f.args as { header: string }).header}`);
    expect(ignored).toEqual(['D5 Điểm Tự đánh giá', 'E5 Điểm Thẩm định']);
    // 1.1.1 1,5 (one part and half of the other); 1.1.2 one late report → 2 − 0,5 = 1,5; 2.1.1 "chưa
    // đầy đủ" 1,5; bonus one initiative +1; penalty one reprimand −1: 1,5 + 1,5 + 1,5 + 1 − 1 = 4,5 of 7.
    const score = await endToEnd(r, {
      '1.1.1': { points: 1.5 },
      '1.1.2': { count: 1, points: 1.5 },
      '2.1.1': { option: 'Thực hiện chưa đầy đủ', points: 1.5 },
      '3.1.1': { count: 1, points: 1 },
      '3.2.1': { count: 1, points: 1 },
    });
    expect(score).toEqual({ points: '4.5', max: '7', index: '450/7' });
  });

  it('phu-luc-quyet-dinh.docx: the annex table of a Word decision, merged cells down and across', async () => {
    const r = await importFixture('phu-luc-quyet-dinh.docx');
    const set = CriteriaSet.parse(r.data);
    expect(set.decision.number).toBe('45/QĐ-UBND');
    expect(set.title.vi).toBe('BỘ TIÊU CHÍ ĐÁNH GIÁ KẾT QUẢ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ');
    expect(shape(set)).toEqual([
      '1 5 group',
      '1.1 3 group',
      '1.1.1 1 boolean',
      '1.1.2 2 deduction',
      '1.2 2 group',
      '1.2.1 1 survey survey',
      '1.2.2 1 survey survey',
      '2 5 group',
      '2.1 5 group',
      '2.1.1 5 bands',
    ]);
    // Findings name the Word table, its row and column.
    const ignored = r.findings.find((f) => f.code === 'CRITERIA_IMPORT_COLUMN_IGNORED')!;
    expect(ignored.location).toEqual({ file: 'phu-luc-quyet-dinh.docx', table: 2, row: 2, column: 4 });
    // 1.1.1 Có 1; 1.1.2 one late report → 1,5; survey not in; 2.1.1 at 80% → 4: 6,5 of 10.
    const score = await endToEnd(r, { '1.1.2': { count: 1, points: 1.5 }, '2.1.1': { percent: 80, points: 4 } });
    expect(score).toEqual({ points: '6.5', max: '10', index: '65' });
  });

  it('tcvn3-so-nganh.xlsx: TCVN3 text converted, with a warning naming the encoding at each cell', async () => {
    const r = await importFixture('tcvn3-so-nganh.xlsx');
    const set = CriteriaSet.parse(r.data);
    expect(set.decision.number).toBe('2712/QĐ-UBND');
    expect(set.title.vi).toBe('BẢNG TIÊU CHÍ ĐÁNH GIÁ CẢI CÁCH HÀNH CHÍNH CÁC SỞ, BAN, NGÀNH');
    expect(set.fields.map((f) => f.title.vi)).toEqual(['CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH']);
    expect(shape(set)).toEqual(['1 3 group', '1.1 1 boolean', '1.2 2 deduction', '2 2 group', '2.1 2 bands']);
    const legacy = r.findings.filter((f) => f.code === 'INTAKE_LEGACY_ENCODING');
    expect(legacy.length).toBe(10);
    expect(legacy.every((f) => f.severity === 'warning' && (f.args as { encoding: string }).encoding === 'TCVN3')).toBe(
      true,
    );
    expect(legacy.find((f) => f.location.cell === 'C4')?.args).toEqual({
      encoding: 'TCVN3',
      found: '§iÓm tèi ®a',
      converted: 'Điểm tối đa',
    });
    expect(r.findings.find((f) => f.code === 'INTAKE_LEGACY_ENCODING_MORE')?.args).toEqual({
      encoding: 'TCVN3',
      count: 3,
      cells: ['B8', 'B9', 'D9'],
    });
    // 1.1 Có 1; 1.2 one inspection not done → 1,5; 2.1 at 95% → 1: 3,5 of 5.
    const score = await endToEnd(r, { '1.2': { count: 1, points: 1.5 }, '2.1': { percent: 95, points: 1 } });
    expect(score).toEqual({ points: '3.5', max: '5', index: '70' });
  });

  it('vni-xa.csv: VNI text in a CSV saved in the Windows code page, converted with warnings', async () => {
    const r = await importFixture('vni-xa.csv', '12/QĐ-UBND');
    const set = CriteriaSet.parse(r.data);
    expect(set.fields.map((f) => f.title.vi)).toEqual(['Công tác chỉ đạo, điều hành', 'Cải cách thủ tục hành chính']);
    expect(shape(set)).toEqual(['1 3 group', '1.1 1 boolean', '1.2 2 bands', '2 2 group', '2.1 2 boolean']);
    expect(
      r.findings
        .filter((f) => f.code === 'INTAKE_LEGACY_ENCODING')
        .every((f) => (f.args as { encoding: string }).encoding === 'VNI'),
    ).toBe(true);
    // 1.1 Có 1; 1.2 at 50% → 1; 2.1 Không → 0: 2 of 5.
    const score = await endToEnd(r, { '1.2': { percent: 50, points: 1 }, '2.1': { yes: false, points: 0 } });
    expect(score).toEqual({ points: '2', max: '5', index: '40' });
  });

  it('khong-danh-so.csv: no numbering, fields in capitals, codes by position', async () => {
    const r = await importFixture('khong-danh-so.csv', '7/QĐ-UBND');
    const set = CriteriaSet.parse(r.data);
    expect(shape(set)).toEqual(['1 2 group', '1.1 1 boolean', '1.2 1 deduction', '2 2 group', '2.1 2 bands']);
    expect(item(set, '1.2').rule).toEqual({
      kind: 'deduction',
      perUnit: 0.25,
      unit: { vi: 'đơn vị không được kiểm tra' },
    });
    // 1.1 Có 1; 1.2 two units not inspected → 0,5; 2.1 at 100% → 2: 3,5 of 4.
    const score = await endToEnd(r, { '1.2': { count: 2, points: 0.5 } });
    expect(score).toEqual({ points: '3.5', max: '4', index: '87.5' });
  });

  it('phan-a-b.xlsx: parts A/B as fields, lettered items, a notes column', async () => {
    const r = await importFixture('phan-a-b.xlsx');
    const set = CriteriaSet.parse(r.data);
    expect(set.decision.number).toBe('3598/QĐ-UBND');
    expect(shape(set)).toEqual([
      '1 3 group',
      '1.1 3 group',
      '1.1.1 1 choice',
      '1.1.2 2 bands',
      '2 2 group',
      '2.1 2 survey survey',
    ]);
    expect(item(set, '1.1.2').rule).toEqual({
      kind: 'bands',
      input: 'percent',
      bands: [{ min: 0, max: 100, points: 0, linearTo: 2 }],
    });
    expect(r.findings.filter((f) => f.code === 'CRITERIA_IMPORT_COLUMN_IGNORED').map((f) => f.location.cell)).toEqual([
      'F4',
    ]);
    // 1.1.1 chậm 0,5; 1.1.2 at 50% → 1; survey not in: 1,5 of 5.
    const score = await endToEnd(r, { '1.1.1': { option: 'Chậm', points: 0.5 }, '1.1.2': { percent: 50, points: 1 } });
    expect(score).toEqual({ points: '1.5', max: '5', index: '30' });
  });

  it(
    'diem-thuong-tru.csv: bonus and penalty contents without ' + 'sub-rows, per-unit rules capped at their maxima',
    async () => {
      const r = await importFixture('diem-thuong-tru.csv', '9/QĐ-UBND');
      const set = CriteriaSet.parse(r.data);
      expect(shape(set)).toEqual([
        '1 5 group',
        '1.1 2 boolean',
        '1.2 3 bands',
        '2 0 group',
        '2.1 2 count bonus',
        '3 0 group',
        '3.1 3 count penalty',
      ]);
      expect(set.total).toBe(5);
      // 1.1 Có 2; 1.2 at 90% → 2; one award +1; two violations −2: 4 + 1 − 2 = 3 of 5.
      const score = await endToEnd(r, {
        '1.2': { percent: 90, points: 2 },
        '2.1': { count: 1, points: 1 },
        '3.1': { count: 2, points: 2 },
      });
      expect(score).toEqual({ points: '3', max: '5', index: '60' });
    },
  );

  it('bang-tieu-chi.xlsx and .csv: the original annex imports and scores too', async () => {
    for (const name of ['bang-tieu-chi.xlsx', 'bang-tieu-chi.csv']) {
      const r = await importFixture(name, '123/QĐ-UBND');
      // Full marks on the 8,5 appraisal points the agency enters (1,5 survey not in; bonus, penalty 0).
      expect(await endToEnd(r, {})).toEqual({ points: '8.5', max: '10', index: '85' });
    }
  });
});

describe('criteria import: tables it cannot read', () => {
  it('a header without a maximum column: one finding at that row naming what is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-corpus-'));
    writeFileSync(join(dir, 't.csv'), 'STT;Lĩnh vực;Số tiêu chí\nI;Công tác chỉ đạo;6\n');
    const read = await readTableFile(join(dir, 't.csv'), 't.csv', DEFAULT_READ_OPTIONS);
    const r = buildImportedSet(importCriteriaTable(read.grid!), { id: 'x', version: '1' }, (d) =>
      checkCriteriaData(d, 'x.yaml'),
    );
    expect(r.findings.map((f) => [f.code, f.location.row, f.args])).toEqual([
      [
        'CRITERIA_IMPORT_HEADER_INCOMPLETE',
        1,
        { found: ['STT', 'Lĩnh vực/Nội dung/Tiêu chí'], missing: ['Điểm tối đa'] },
      ],
    ]);
  });
});
