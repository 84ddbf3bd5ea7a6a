/**
 * Legacy Vietnamese encodings: TCVN3 and VNI text is recognised and converted by the published
 * tables, with a warning at the cell; ASCII, Unicode Vietnamese (which uses Latin-1 letters too),
 * symbols and other languages are never touched; every file read through readGrid gets the check.
 */
import { DEFAULT_READ_OPTIONS } from '../../src/load/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { GridSheet, type Grid } from '../../src/load/grid.js';
import {
  convertLegacyCells,
  decodeLegacyText,
  fromTcvn3,
  fromVni,
  isVietnameseSyllable,
} from '../../src/load/legacy-text.js';
import { readGrid } from '../../src/load/read.js';

describe('decodeLegacyText', () => {
  it('TCVN3 (ABC) → Unicode, capitals kept', () => {
    expect(decodeLegacyText('Céng hßa X· héi chñ nghÜa ViÖt Nam')).toEqual({
      encoding: 'TCVN3',
      text: 'Cộng hòa Xã hội chủ nghĩa Việt Nam',
    });
    expect(decodeLegacyText('§iÓm tèi ®a')).toEqual({ encoding: 'TCVN3', text: 'Điểm tối đa' });
    expect(decodeLegacyText('C¤NG T¸C CHØ §¹O')).toEqual({ encoding: 'TCVN3', text: 'CÔNG TÁC CHỈ ĐẠO' });
    // Only letters Unicode Vietnamese also uses, but not Vietnamese as they stand.
    expect(decodeLegacyText('Néi dung')).toEqual({ encoding: 'TCVN3', text: 'Nội dung' });
  });

  it('VNI → Unicode', () => {
    expect(decodeLegacyText('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam')).toEqual({
      encoding: 'VNI',
      text: 'Cộng hòa xã hội chủ nghĩa Việt Nam',
    });
    expect(decodeLegacyText('Ñieåm toái ña')).toEqual({ encoding: 'VNI', text: 'Điểm tối đa' });
    expect(decodeLegacyText('Caùc tieâu chí ñöôïc')).toEqual({ encoding: 'VNI', text: 'Các tiêu chí được' });
  });

  it('never touches ASCII, Unicode Vietnamese, symbols or other languages', () => {
    for (const s of [
      'STT',
      'Tong cong 100',
      'Cộng hòa xã hội',
      'Có',
      'Không',
      'Đạt',
      'à á â ã',
      'Lĩnh vực',
      'Tính theo tỷ lệ',
      '30°C',
      '«Kế hoạch»',
      '«Plan»',
      '± 5%',
      'Müller GmbH',
      'José Martí',
      'Khôgn',
      'Cộng hòa xã hội'.normalize('NFD'),
    ])
      expect(decodeLegacyText(s), s).toBeUndefined();
  });

  it('the published tables: every TCVN3 letter and VNI letter', () => {
    // TCVN 5712:1993 positions (libiconv's table): 0xA8 ă, 0xA9 â, 0xAE đ, 0xB5 à, 0xB8 á, 0xB9 ạ, 0xCA ấ, 0xE9 ộ,
    // 0xF5 ừ.
    expect(fromTcvn3('\u00a8\u00a9\u00ae\u00b5\u00b8\u00b9\u00ca\u00e9\u00f5')).toBe('ăâđàáạấộừ');
    expect(fromTcvn3('A\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7')).toBe('AĂÂÊÔƠƯĐ');
    expect(fromVni('aùaøaûaõaïaêaéaèaúaüaëaâaáaàaåaãaäñ')).toBe('áàảãạăắằẳẵặâấầẩẫậđ');
    expect(fromVni('íìæóòoâoáoàoåoãoäôôùôøôûôõôïöößöùyùyøyûyõî')).toBe('íìỉĩịôốồổỗộơớờởỡợưưßứýỳỷỹỵ');
  });

  it('syllables', () => {
    for (const w of ['nghiêng', 'được', 'khuya', 'quyết', 'giữ', 'Việt', 'gì'])
      expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ['néi', 'qđ', 'mỹller', 'ốá']) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});

describe('convertLegacyCells', () => {
  it('converts in place, warns at each cell, lists the rest past ten, skips merged copies', () => {
    const sheet = new GridSheet('Trang 1');
    for (let r = 1; r <= 12; r++) sheet.set(r, 2, { t: 'text', s: 'Ban hµnh kÕ ho¹ch' });
    sheet.set(1, 3, { t: 'text', s: 'Cộng hòa' });
    sheet.set(1, 4, { t: 'number', n: 1, percentFormat: false });
    sheet.set(13, 2, { t: 'text', s: 'Ban hµnh kÕ ho¹ch' }, { merged: { role: 'child', range: 'B12:B13' } });
    const grid: Grid = { file: 't.xlsx', format: 'xlsx', sha256: '', sheets: [sheet] };
    const findings = convertLegacyCells(grid);
    expect(sheet.text(1, 2)).toBe('Ban hành kế hoạch');
    expect(sheet.text(13, 2)).toBe('Ban hành kế hoạch');
    expect(sheet.text(1, 3)).toBe('Cộng hòa');
    expect(findings.map((f) => f.code)).toEqual([
      ...Array(10).fill('INTAKE_LEGACY_ENCODING'),
      'INTAKE_LEGACY_ENCODING_MORE',
    ]);
    expect(findings[0]!.location).toEqual({ file: 't.xlsx', sheet: 'Trang 1', row: 1, column: 2, cell: 'B1' });
    expect(findings[10]!.args).toEqual({ encoding: 'TCVN3', count: 2, cells: ['B11', 'B12'] });
  });

  it('is cheap on ordinary cells: 200,000 Unicode and ASCII cells well under a second', () => {
    const sheet = new GridSheet('S');
    const words = [
      'Quyết định số 12/QĐ-UBND ngày 10/01/2026',
      'Có',
      'Không',
      'BC 1',
      '1.2.3',
      'Kế hoạch cải cách hành chính năm 2026',
    ];
    for (let r = 1; r <= 40_000; r++)
      for (let c = 1; c <= 5; c++) sheet.set(r, c, { t: 'text', s: `${words[(r + c) % words.length]}` });
    const grid: Grid = { file: 'big.xlsx', format: 'xlsx', sha256: '', sheets: [sheet] };
    const t0 = performance.now();
    expect(convertLegacyCells(grid)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('every file read goes through the check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-legacy-'));

  it('xlsx: a submission evidence cell in TCVN3', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tự chấm điểm');
    ws.addRow(['Mã', 'Điểm tự chấm', 'Tài liệu kiểm chứng']);
    ws.addRow(['1.1.1', 1, 'QuyÕt ®Þnh sè 12/Q§-UBND']);
    const path = join(dir, 'a.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const read = await readGrid(path, 'a.xlsx', DEFAULT_READ_OPTIONS);
    expect(read.grid!.sheets[0]!.text(2, 3)).toBe('Quyết định số 12/QĐ-UBND');
    expect(
      read.findings.filter((f) => f.code === 'INTAKE_LEGACY_ENCODING').map((f) => [f.location.cell, f.args.encoding]),
    ).toEqual([['C2', 'TCVN3']]);
  });

  it('CSV in UTF-8 with VNI text, and CSV bytes in the Windows code page (read as windows-1258)', async () => {
    writeFileSync(join(dir, 'u.csv'), 'Mã cơ quan;Tên\nX1;Xaõ Phuù Cöôøng\n');
    const u = await readGrid(join(dir, 'u.csv'), 'u.csv', DEFAULT_READ_OPTIONS);
    expect(u.grid!.sheets[0]!.text(2, 2)).toBe('Xã Phú Cường');
    writeFileSync(join(dir, 'b.csv'), Buffer.from('Ma;Ten\nX1;Xaõ Phuù Cöôøng\n', 'latin1'));
    const b = await readGrid(join(dir, 'b.csv'), 'b.csv', DEFAULT_READ_OPTIONS);
    expect(b.grid!.csv!.encoding).toBe('windows-1258');
    expect(b.grid!.sheets[0]!.text(2, 2)).toBe('Xã Phú Cường');
    expect(b.findings.find((f) => f.code === 'INTAKE_LEGACY_ENCODING')?.args).toEqual({
      encoding: 'VNI',
      found: 'Xaõ Phuù Cöôøng',
      converted: 'Xã Phú Cường',
    });
  });

  it('a genuine windows-1258 Vietnamese CSV is left as it is', async () => {
    const bytes = Buffer.from([
      ...Buffer.from('Ma;Ten\nX1;X'),
      0x61,
      0xde,
      ...Buffer.from(' Ph'),
      0x75,
      0xec,
      ...Buffer.from(' C'),
      0xfd,
      0xf5,
      0xcc,
      ...Buffer.from('ng\n'),
    ]);
    writeFileSync(join(dir, 'w.csv'), bytes);
    const w = await readGrid(join(dir, 'w.csv'), 'w.csv', DEFAULT_READ_OPTIONS);
    expect(w.grid!.sheets[0]!.text(2, 2).normalize('NFC')).toBe('Xã Phú Cường');
    expect(w.findings.filter((f) => f.code.startsWith('INTAKE_LEGACY'))).toEqual([]);
  });
});

describe('the windows-1258 intake fixture', () => {
  it('is left as it is: every cell reads as Vietnamese once decoded', async () => {
    const { ROOT } = await import('../helpers/cli.js');
    const r = await readGrid(
      join(ROOT, 'fixtures/intake/xa-windows-1258.csv'),
      'xa-windows-1258.csv',
      DEFAULT_READ_OPTIONS,
    );
    expect(r.findings.filter((f) => f.code.startsWith('INTAKE_LEGACY'))).toEqual([]);
  });
});
