/**
 * `criteria import`: the fixture annex (merged title cells, roman-numeral fields, decimal commas)
 * imports to the hand-written expected set, from xlsx and from csv; the report of guidance left as
 * text names its cells; guidance phrasings become rules only where they are unambiguous.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { q } from '../../src/core/rational.js';
import { buildImportedSet, importCriteriaTable, ruleFromGuidance } from '../../src/criteria/import.js';
import { perUnitRule } from '../../src/criteria/import-rules.js';
import { checkCriteriaData, loadCriteriaFile } from '../../src/criteria/load.js';
import { CriteriaSet } from '../../src/criteria/schema.js';
import { DEFAULT_READ_OPTIONS, readGrid } from '../../src/load/index.js';
import { ROOT, runBin } from '../helpers/cli.js';

const FIX = join(ROOT, 'fixtures/criteria-import');
const expected = CriteriaSet.parse(parse(readFileSync(join(FIX, 'expected.yaml'), 'utf8')));
const opts = { id: 'minh-hoa-import', version: '2026', kinds: ['department:Sở, ban, ngành'] };

async function importFile(name: string, extra: Record<string, string> = {}) {
  const read = await readGrid(join(FIX, name), name, DEFAULT_READ_OPTIONS);
  const table = importCriteriaTable(read.grid!);
  return buildImportedSet(table, { ...opts, ...extra }, (d) => checkCriteriaData(d, 'out.yaml'));
}

describe('criteria import of the fixture annex', () => {
  it('xlsx: builds the hand-written set, and it passes criteria check', async () => {
    const r = await importFile('bang-tieu-chi.xlsx');
    expect(CriteriaSet.parse(r.data)).toEqual(expected);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.counts).toEqual({ fields: 3, criteria: 5, items: 11 });
  });

  it('csv (semicolons, BOM, no caption): the same set once the title and decision are given', async () => {
    const r = await importFile('bang-tieu-chi.csv', { title: expected.title.vi, decision: '123/QĐ-UBND' });
    expect(CriteriaSet.parse(r.data)).toEqual(expected);
  });

  it('csv without --decision: warns and writes "?"', async () => {
    const r = await importFile('bang-tieu-chi.csv');
    expect(r.findings.filter((f) => f.severity === 'warning').map((f) => f.code)).toEqual([
      'CRITERIA_IMPORT_NO_DECISION',
    ]);
    expect((r.data.decision as { number: string }).number).toBe('?');
  });

  it('reports guidance left as text, and computed maxima, at their cells', async () => {
    const r = await importFile('bang-tieu-chi.xlsx');
    const info = r.findings.map((f) => [f.code, f.criterion, f.location.sheet, f.location.cell]);
    expect(info).toEqual([
      ['CRITERIA_IMPORT_GUIDANCE_KEPT', '1.2.2', 'Phụ lục', 'D12'],
      ['CRITERIA_IMPORT_MAX_COMPUTED', '2.1', 'Phụ lục', 'C16'],
    ]);
    expect(r.table.rules).toEqual({ choice: 1, bands: 2, boolean: 4, points: 1, deduction: 1, count: 1, survey: 1 });
  });

  it('places criteria check findings at the table cell of the node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-import-'));
    // 1.2.1's maximum written as 2: criterion 1.2 (1,5) no longer adds up.
    const csv = readFileSync(join(FIX, 'bang-tieu-chi.csv'), 'utf8').replace(
      'Gửi đủ, đúng hạn các báo cáo CCHC định kỳ;1;',
      'Gửi đủ, đúng hạn các báo cáo CCHC định kỳ;2;',
    );
    writeFileSync(join(dir, 't.csv'), csv);
    const read = await readGrid(join(dir, 't.csv'), 't.csv', DEFAULT_READ_OPTIONS);
    const r = buildImportedSet(importCriteriaTable(read.grid!), { ...opts, decision: 'X' }, (d) =>
      checkCriteriaData(d, 'out.yaml'),
    );
    const errors = r.findings.filter((f) => f.severity === 'error');
    // 1.2 is written 1,5 but its items now add up to 2 + 0,5; field 1 still adds up with 1.2's written 1,5.
    expect(errors.map((f) => [f.code, f.criterion, f.location.cell, f.args])).toEqual([
      ['CRITERIA_MAX_MISMATCH', '1.2', 'C6', { code: '1.2', max: '1.5', sum: '2.5' }],
    ]);
  });
});

describe('guidance → rule', () => {
  const max = (n: number) => q(n);
  it('on time / late / not issued → a choice', () => {
    expect(ruleFromGuidance('Ban hành đúng hạn: 1 điểm; chậm: 0,5 điểm; không ban hành: 0 điểm', max(1))).toEqual({
      kind: 'choice',
      options: [
        { id: 'ban-hanh-dung-han', label: { vi: 'Ban hành đúng hạn' }, points: 1 },
        { id: 'cham', label: { vi: 'Chậm' }, points: 0.5 },
        { id: 'khong-ban-hanh', label: { vi: 'Không ban hành' }, points: 0 },
      ],
    });
  });
  it('"Đạt 100%: 2; từ 80% đến dưới 100%: 1; dưới 80%: 0" → bands with the one value 100', () => {
    expect(ruleFromGuidance('Đạt 100%: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm', max(2))).toEqual({
      kind: 'bands',
      input: 'percent',
      bands: [
        { min: 100, max: 100, points: 2 },
        { min: 80, max: 100, points: 1 },
        { min: 0, max: 80, points: 0 },
      ],
    });
  });
  it('Cà Mau\'s "trên 90%: 2; từ 70% đến 90%: 1; dưới 70%: 0" → 90% itself gives 1', () => {
    expect(ruleFromGuidance('Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm', max(2))).toEqual({
      kind: 'bands',
      input: 'percent',
      bands: [
        { min: 90, max: 100, points: 2 },
        { min: 90, max: 90, points: 1 },
        { min: 70, max: 90, points: 1 },
        { min: 0, max: 70, points: 0 },
      ],
    });
  });
  it('yes worth the maximum and a "không …" worth 0 → boolean', () => {
    expect(ruleFromGuidance('Đạt: 1 điểm; không đạt: 0 điểm', max(1))).toEqual({ kind: 'boolean' });
    expect(ruleFromGuidance('Có: 0,5 điểm; không: 0 điểm', max(0.5))).toEqual({ kind: 'boolean' });
  });
  it('leaves ambiguous or prose guidance as text', () => {
    // a gap: 70–80% is in no clause
    expect(ruleFromGuidance('Từ 80% trở lên: 2 điểm; dưới 70%: 0 điểm', max(2))).toBeUndefined();
    // an overlap: 90% is in both clauses
    expect(
      ruleFromGuidance('Từ 90% trở lên: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm', max(2)),
    ).toBeUndefined();
    // points above the maximum, or none worth it
    expect(ruleFromGuidance('Đúng hạn: 3 điểm; chậm: 0 điểm', max(2))).toBeUndefined();
    expect(ruleFromGuidance('Đúng hạn: 1 điểm; chậm: 0 điểm', max(2))).toBeUndefined();
    // ranges mixed with other labels; a deduction; a single clause
    expect(ruleFromGuidance('Đạt 100%: 2 điểm; có nhưng chưa đủ: 1 điểm', max(2))).toBeUndefined();
    expect(ruleFromGuidance('Mỗi báo cáo chậm trừ 0,25 điểm', max(1))).toBeUndefined();
    expect(ruleFromGuidance('Ban hành: 1 điểm', max(1))).toBeUndefined();
  });
});

describe('guidance → per-unit, linear and yes/no rules', () => {
  const max = (n: number) => q(n);
  it('"Mỗi … trừ n điểm" → deduction on appraisal items, count on penalty items', () => {
    expect(perUnitRule('Mỗi báo cáo chậm trừ 0,25 điểm', max(1), 'appraisal')).toEqual({
      kind: 'deduction',
      perUnit: 0.25,
      unit: { vi: 'báo cáo chậm' },
    });
    expect(perUnitRule('Trừ 0,5 điểm/báo cáo chậm', max(2), 'appraisal')).toEqual({
      kind: 'deduction',
      perUnit: 0.5,
      unit: { vi: 'báo cáo chậm' },
    });
    expect(perUnitRule('Mỗi lần vi phạm trừ 1 điểm, tối đa 3 điểm', max(3), 'penalty')).toEqual({
      kind: 'count',
      perUnit: 1,
      unit: { vi: 'lần vi phạm' },
    });
  });
  it('"cộng n điểm/…", "Mỗi … được n điểm" → count', () => {
    expect(perUnitRule('Cộng 0,5 điểm/sáng kiến', max(1), 'bonus')).toEqual({
      kind: 'count',
      perUnit: 0.5,
      unit: { vi: 'sáng kiến' },
    });
    expect(perUnitRule('Mỗi sáng kiến được 0,5 điểm', max(1), 'appraisal')).toEqual({
      kind: 'count',
      perUnit: 0.5,
      unit: { vi: 'sáng kiến' },
    });
  });
  it('"tính theo tỷ lệ" → one linear band; "Đạt/Không đạt" → boolean', () => {
    const linear = { kind: 'bands', input: 'percent', bands: [{ min: 0, max: 100, points: 0, linearTo: 3 }] };
    expect(perUnitRule('Tính theo tỷ lệ', max(3), 'appraisal')).toEqual(linear);
    expect(perUnitRule('Điểm = tỷ lệ (%) x điểm tối đa', max(3), 'appraisal')).toEqual(linear);
    expect(perUnitRule('Tinh theo ty le', max(3), 'appraisal')).toEqual(linear);
    expect(perUnitRule('Đạt/Không đạt', max(1), 'appraisal')).toEqual({ kind: 'boolean' });
  });
  it(
    'leaves the rest as text: a cap other than the maximum, ' + 'more than one sentence, per unit above the maximum',
    () => {
      expect(perUnitRule('Mỗi sáng kiến được 0,5 điểm, tối đa 2 điểm', max(1), 'bonus')).toBeUndefined();
      expect(
        perUnitRule('Chấm theo mức độ đầy đủ\n- trừ 0,25 điểm cho mỗi nội dung thiếu', max(1), 'appraisal'),
      ).toBeUndefined();
      expect(perUnitRule('Mỗi báo cáo chậm trừ 2 điểm', max(1), 'appraisal')).toBeUndefined();
      expect(perUnitRule('Tính theo tỷ lệ nếu đạt trên 50%', max(1), 'appraisal')).toBeUndefined();
    },
  );
});

describe('parindex criteria import (binary)', () => {
  it('reads a Word decision and names the table, row and column in its findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-import-'));
    const r = runBin([
      'criteria',
      'import',
      join(FIX, 'phu-luc-quyet-dinh.docx'),
      '--id',
      'xa',
      '--version',
      '2026',
      '--out',
      join(dir, 'xa.yaml'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Bảng 2, dòng 2, cột 4: Cột “Điểm Tự chấm”/);
    expect(r.stdout).toMatch(/Đã ghi .*: 2 lĩnh vực, 3 tiêu chí, 5 tiêu chí thành phần/);
    expect(runBin(['criteria', 'check', join(dir, 'xa.yaml')]).code).toBe(0);
  });

  it('writes a file that criteria check passes, and never touches the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-import-'));
    const out = join(dir, 'minh-hoa-import', '2026.yaml');
    const table = join(FIX, 'bang-tieu-chi.xlsx');
    const before = createHash('sha256').update(readFileSync(table)).digest('hex');
    const r = runBin([
      'criteria',
      'import',
      table,
      '--id',
      'minh-hoa-import',
      '--version',
      '2026',
      '--kinds',
      'department:Sở, ban, ngành',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.fields, doc.criteria, doc.items, doc.counts.error]).toEqual([3, 5, 11, 0]);
    expect(
      doc.findings
        .filter((f: { code: string }) => f.code === 'CRITERIA_IMPORT_GUIDANCE_KEPT')
        .map((f: { criterion: string }) => f.criterion),
    ).toEqual(['1.2.2']);
    const loaded = loadCriteriaFile(out);
    expect(loaded.findings).toEqual([]);
    expect(loaded.set).toEqual(expected);
    expect(createHash('sha256').update(readFileSync(table)).digest('hex')).toBe(before);
    // a second run refuses to overwrite without --force (exit 2), and --force rewrites the same bytes
    const first = readFileSync(out);
    expect(
      runBin(['criteria', 'import', table, '--id', 'minh-hoa-import', '--version', '2026', '--out', out]).code,
    ).toBe(2);
    expect(
      runBin([
        'criteria',
        'import',
        table,
        '--id',
        'minh-hoa-import',
        '--version',
        '2026',
        '--kinds',
        'department:Sở, ban, ngành',
        '--out',
        out,
        '--force',
      ]).code,
    ).toBe(0);
    expect(readFileSync(out).equals(first)).toBe(true);
  });

  it('exits 2 on a file that holds no table (PDF, .doc), saying to save it as .docx or .xlsx', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-import-'));
    writeFileSync(join(dir, 'qd.pdf'), '%PDF-1.4\n%…');
    const r = runBin([
      'criteria',
      'import',
      join(dir, 'qd.pdf'),
      '--id',
      'x',
      '--version',
      '1',
      '--out',
      join(dir, 'x.yaml'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CRITERIA_IMPORT_FILE_KIND/);
  });

  it('exits 1 and writes nothing when the file has no criteria table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-import-'));
    writeFileSync(join(dir, 'x.csv'), 'a;b;c\n1;2;3\n');
    const r = runBin([
      'criteria',
      'import',
      join(dir, 'x.csv'),
      '--id',
      'x',
      '--version',
      '1',
      '--out',
      join(dir, 'x.yaml'),
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CRITERIA_IMPORT_NO_TABLE/);
    expect(r.stdout).toMatch(/Nothing written/);
  });
});
