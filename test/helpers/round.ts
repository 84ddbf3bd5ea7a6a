/**
 * The tiny hand-worked round (test/round/run.test.ts works out every figure): four departments,
 * two communes (X2 without a submission), two appraisal files, survey shares, last year's result.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import type { RoundResult } from '../../src/result/schema.js';
import { baseSet } from './criteria.js';

export const HEAD =
  'Mã cơ quan;Mã;Điểm tự chấm;Lựa chọn;Có/Không;Tử số;Mẫu số;Số lượng;Không áp dụng;Tài liệu kiểm chứng;Giải trình';
/** A department scoring 6.5 appraisal points by its rules (0.75 + 0.5 + 1 + 2 + 0.75 + 1.5) and a bonus of 0.5. */
function department(code: string, notApplicable = false): string[] {
  return [
    `${code};1.1.1;0,75;;;;;;;BC 1`,
    `${code};1.1.2;0,5;Chậm;;;;;;BC 2`,
    notApplicable ? `${code};1.1.3;;;;;;;x;;Không phát sinh` : `${code};1.1.3;1;;Có;;;;;BC 3`,
    `${code};1.2.1;2;;;45;45;;;BC 4`,
    `${code};1.2.2;0,75;;;;;1;;BC 5`,
    `${code};2.1.1;1,5;;;;;;;BC 6`,
    `${code};2.1.4;0,5;;;;;1;;QĐ khen thưởng 7`,
    `${code};2.1.5;0;;;;;0;;`,
  ];
}
/** A commune with full appraisal points (8) and a penalty of 3 × 1 capped at its maximum 2. */
export const COMMUNE = [
  'X1;1.1.1;1;;;;;;;BC 1',
  'X1;1.1.2;1;Đúng hạn;;;;;;BC 2',
  'X1;1.1.3;1;;Có;;;;;BC 3',
  'X1;1.2.1;2;;;50;50;;;BC 4',
  'X1;1.2.2;1;;;;;0;;BC 5',
  'X1;2.1.2;2;;Có;;;;;BC 6',
  'X1;2.1.4;0;;;;;0;;',
  'X1;2.1.5;2;;;;;3;;Kết luận thanh tra',
];

async function appraisalXlsx(path: string, rows: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Thẩm định');
  ws.addRow(['Mã cơ quan', 'Mã tiêu chí', 'Điểm thẩm định', 'Lý do điều chỉnh']);
  for (const r of rows) ws.addRow(r);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

export interface TinyRoundOptions {
  year: number;
  appraisal: boolean;
  previous?: RoundResult;
  /** Agency names to use instead of the roster's (for hostile-text tests). */
  names?: Record<string, string>;
  /** Reason of the second appraisal change instead of the usual one. */
  reason?: string;
  /** Another criteria set (data) in place of the tiny one. */
  set?: Record<string, unknown>;
  /** Item codes to rewrite in the submissions and survey table (old → new), for a set with other codes. */
  recode?: Record<string, string>;
  /** A crosswalk (data) written to crosswalk.yaml and named in round.yaml. */
  crosswalk?: Record<string, unknown>;
}

/** Writes the tiny round into a new temporary folder and returns the folder. */
export async function makeRound(opts: TinyRoundOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-round-'));
  writeFileSync(join(dir, 'tiny.yaml'), stringify(opts.set ?? baseSet()));
  const recode = (lines: string[]): string[] =>
    lines.map((l) => l.replace(/;(\d+(?:\.\d+)+);/, (_m, code: string) => `;${opts.recode?.[code] ?? code};`));
  writeFileSync(
    join(dir, 'roster.csv'),
    [
      'mã,tên cơ quan,loại,nhóm',
      ...[
        ['D1', 'Sở Một', 'department', 'so'],
        ['D2', 'Sở Hai', 'department', 'so'],
        ['D3', 'Sở Ba', 'department', 'so'],
        ['D4', 'Sở Bốn', 'department', 'so'],
        ['X1', 'Xã Một', 'commune', 'xa'],
        ['X2', 'Xã Hai', 'commune', 'xa'],
      ].map(([code, name, kind, group]) => [code, csvField(opts.names?.[code!] ?? name!), kind, group].join(',')),
    ].join('\n'),
  );
  mkdirSync(join(dir, 'nop'));
  writeFileSync(
    join(dir, 'nop', 'so.csv'),
    [HEAD, ...recode([...department('D1'), ...department('D2', true), ...department('D3'), ...department('D4')])].join(
      '\r\n',
    ),
  );
  writeFileSync(join(dir, 'nop', 'xa.csv'), [HEAD, ...recode(COMMUNE)].join('\r\n'));
  writeFileSync(
    join(dir, 'khao-sat.csv'),
    [
      'Mã cơ quan;Mã tiêu chí;Tỷ lệ hài lòng',
      'D1;2.1.3;80%',
      'D2;2.1.3;80%',
      'D3;2.1.3;80%',
      'D4;2.1.3;0,8',
      'X1;2.1.3;90%',
      'X2;2.1.3;90%',
    ].join('\n'),
  );
  const round: Record<string, unknown> = {
    format: 1,
    name: `Vòng thử ${opts.year}`,
    year: opts.year,
    criteria: { department: 'tiny.yaml', commune: 'tiny.yaml' },
    roster: 'roster.csv',
    submissions: 'nop',
    survey: { points: ['khao-sat.csv'] },
    appraisal: [] as string[],
  };
  if (opts.appraisal) {
    await appraisalXlsx(join(dir, 'dot1.xlsx'), [['D1', '1.1.1', 0.5, 'Thiếu biên bản kiểm tra']]);
    await appraisalXlsx(join(dir, 'dot2.xlsx'), [['D1', '1.1.1', 0.25, opts.reason ?? 'Giải trình không đủ căn cứ']]);
    round.appraisal = ['dot1.xlsx', 'dot2.xlsx'];
  }
  if (opts.previous) {
    writeFileSync(join(dir, 'truoc.json'), JSON.stringify(opts.previous));
    round.previous = 'truoc.json';
  }
  if (opts.crosswalk) {
    writeFileSync(join(dir, 'crosswalk.yaml'), stringify(opts.crosswalk));
    round.crosswalk = 'crosswalk.yaml';
  }
  writeFileSync(join(dir, 'round.yaml'), stringify(round));
  return dir;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
