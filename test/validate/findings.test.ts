/**
 * Finding kinds not covered by the fixture files, on small CSV files written here; the
 * `validate --json` shape; the progress line; annotated copies.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { compareFindings } from '../../src/findings/finding.js';
import type { RosterEntry } from '../../src/validate/check.js';
import { ValidateJsonSchema } from '../../src/report/validate-report.js';
import { validateFiles } from '../../src/pipeline/check-files.js';
import { runBin } from '../helpers/cli.js';
import { writeSet, baseSet } from '../helpers/criteria.js';

const tiny = loadCriteriaSet(writeSet(baseSet()));
const HEAD =
  'Mã cơ quan;Mã;Điểm tự chấm;Lựa chọn;Có/Không;Tử số;Mẫu số;Số lượng;Không áp dụng;Tài liệu kiểm chứng;Giải trình';
const FULL = [
  '1.1.1;1;;;;;;;BC;',
  '1.1.2;1;Đúng hạn;;;;;;BC;',
  '1.1.3;1;;Có;;;;;BC;',
  '1.2.1;2;;;9;9;;;BC;',
  '1.2.2;1;;;;;0;;BC;',
  '2.1.1;2;;;;;;;BC;',
  '2.1.4;0;;;;;0;;;',
  '2.1.5;0;;;;;0;;;',
];
const roster = new Map<string, RosterEntry>([['D1', { code: 'D1', name: 'Sở Một', kind: 'department' }]]);

async function check(lines: string[], opts: { roster?: boolean } = {}): Promise<[string, string][]> {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-findings-'));
  const path = join(dir, 'f.csv');
  writeFileSync(path, [HEAD, ...lines].join('\n'));
  const r = await validateFiles([{ path, file: 'f.csv' }], {
    expected: tiny,
    kind: 'department',
    ...(opts.roster ? { roster } : {}),
  });
  return [...r.findings]
    .filter((f) => f.severity !== 'info')
    .sort(compareFindings)
    .map((f) => [f.code, f.location.cell ?? f.criterion ?? '']);
}
const rows = (code: string, edit: (l: string[]) => string[] = (l) => l): string[] =>
  edit([...FULL]).map((l) => `${code};${l}`);

describe('finding kinds on small files', () => {
  it('a complete department is clean', async () => {
    expect(await check(rows('D1'), { roster: true })).toEqual([]);
  });
  it('an input the rule does not use is a warning at its cell', async () => {
    expect(
      await check(rows('D1', (l) => l.map((x) => (x.startsWith('1.1.1;') ? '1.1.1;1;Đúng hạn;;;;;;BC;' : x)))),
    ).toEqual([['INTAKE_INPUT_NOT_FOR_RULE', 'D2']]);
  });
  it('only one of numerator and denominator', async () => {
    expect(await check(rows('D1', (l) => l.map((x) => (x.startsWith('1.2.1;') ? '1.2.1;2;;;9;;;;BC;' : x))))).toEqual([
      ['INTAKE_RATIO_INCOMPLETE', 'G5'],
    ]);
  });
  it('a name that differs from the roster is a warning; an agency not in it an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-findings-'));
    const wb = new ExcelJS.Workbook();
    const info = wb.addWorksheet('Thông tin');
    info.addRow(['Mã cơ quan', 'D1']);
    info.addRow(['Tên cơ quan', 'Sở Một Khác']);
    info.addRow(['Bộ tiêu chí', tiny.ref]);
    const ws = wb.addWorksheet('Tự chấm điểm');
    ws.addRow(HEAD.split(';').slice(1));
    for (const l of FULL) ws.addRow(l.split(';').map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
    const path = join(dir, 'd1.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await validateFiles([{ path, file: 'd1.xlsx' }], { expected: tiny, roster });
    expect(r.findings.map((f) => [f.code, f.location.cell])).toEqual([['INTAKE_AGENCY_NAME_MISMATCH', 'B1']]);
  });
  it('NFC and NFD spellings of a name are the same name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-findings-'));
    const wb = new ExcelJS.Workbook();
    const info = wb.addWorksheet('Thông tin');
    info.addRow(['Mã cơ quan', 'D1']);
    info.addRow(['Tên cơ quan', 'Sở Một'.normalize('NFD')]);
    info.addRow(['Bộ tiêu chí', tiny.ref]);
    const ws = wb.addWorksheet('Tự chấm điểm');
    ws.addRow(HEAD.split(';').slice(1));
    for (const l of FULL) ws.addRow(l.split(';'));
    const path = join(dir, 'd1.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await validateFiles([{ path, file: 'd1.xlsx' }], { expected: tiny, roster });
    expect(r.findings.map((f) => f.code)).toEqual([]);
  });
  it('a file that names an unknown set, and no set expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-findings-'));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Thông tin').addRow(['Bộ tiêu chí', 'khong-co@1']);
    wb.addWorksheet('Tự chấm điểm').addRow(['Mã', 'Điểm tự chấm']);
    const path = join(dir, 'x.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await validateFiles([{ path, file: 'x.xlsx' }], { resolve: () => undefined });
    expect(r.findings.map((f) => [f.code, f.location.cell])).toEqual([
      ['INTAKE_CRITERIA_UNKNOWN', 'B1'],
      ['INTAKE_AGENCY_MISSING', undefined],
      ['INTAKE_NO_ITEMS', undefined],
    ]);
  });
  it('a file that cannot be opened', async () => {
    const r = await validateFiles([{ path: '/nonexistent/x.xlsx', file: 'x.xlsx' }], { expected: tiny });
    expect(r.findings.map((f) => f.code)).toEqual(['INTAKE_FILE_UNREADABLE']);
  });
});

describe('validate command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-validate-'));
  const setPath = writeSet(baseSet());
  mkdirSync(join(dir, 'nop'));
  for (let i = 1; i <= 200; i++)
    writeFileSync(join(dir, 'nop', `d${String(i).padStart(3, '0')}.csv`), [HEAD, ...rows(`D${i}`)].join('\n'));

  it('--json prints one document of the documented shape; exit 0 on clean files', () => {
    const r = runBin([
      'validate',
      join(dir, 'nop', 'd001.csv'),
      join(dir, 'nop', 'd002.csv'),
      '--criteria',
      setPath,
      '--kind',
      'department',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = ValidateJsonSchema.parse(JSON.parse(r.stdout));
    expect(doc.files.map((f) => [f.agencies, f.counts.error])).toEqual([
      [['D1'], 0],
      [['D2'], 0],
    ]);
    expect(r.stderr).toBe('');
  });

  it('200 files: a progress line on a terminal, nothing when piped', async () => {
    const capture = (tty: boolean): Promise<{ code: number; err: string }> => {
      let err = '';
      const streams = {
        stdout: { write: () => true, isTTY: false },
        stderr: { write: (s: string) => ((err += s), true), isTTY: tty },
        env: { NO_COLOR: '1' },
      };
      return runCli(['validate', join(dir, 'nop'), '--criteria', setPath, '--kind', 'department'], streams).then(
        (code) => ({ code, err }),
      );
    };
    const tty = await capture(true);
    expect(tty.code).toBe(0);
    expect(tty.err).toMatch(/\r\x1b\[2K.*200\/200 tệp/);
    const piped = await capture(false);
    expect(piped.err).toBe('');
  });

  it('--annotate writes commented copies elsewhere and leaves the input untouched', () => {
    const src = join(import.meta.dirname, '../../fixtures/intake/kiem-chung.xlsx');
    const before = readFileSync(src);
    const out = join(dir, 'gui-lai');
    const r = runBin(['validate', src, '--criteria', 'illustrative-internal@2025.1', '--annotate', out]);
    expect(r.code).toBe(1);
    expect(readdirSync(out)).toEqual(['kiem-chung.xlsx']);
    expect(readFileSync(src).equals(before)).toBe(true);
    return (async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(out, 'kiem-chung.xlsx')) as unknown as ArrayBuffer);
      const cell = wb.getWorksheet('Tự chấm điểm')!.getCell('M26');
      expect(String(cell.note)).toContain('INTAKE_EVIDENCE_MISSING');
      expect(cell.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    })();
  });

  it('--strict turns warnings into errors', () => {
    const src = join(import.meta.dirname, '../../fixtures/intake/xa-le-cot.csv');
    const plain = runBin([
      'validate',
      src,
      '--criteria',
      'illustrative-internal@2025.1',
      '--kind',
      'commune',
      '--json',
    ]);
    const strict = runBin([
      'validate',
      src,
      '--criteria',
      'illustrative-internal@2025.1',
      '--kind',
      'commune',
      '--json',
      '--strict',
    ]);
    expect(JSON.parse(plain.stdout).counts).toEqual({ error: 1, warning: 1, info: 1 });
    expect(JSON.parse(strict.stdout).counts).toEqual({ error: 2, warning: 0, info: 1 });
  });
});
