/**
 * SIPAS year over year, worked by hand. Questionnaire (as in sipas.test.ts): svc: a (Q1, Q2), b (Q3);
 * pol: p (Q4); equal weights, so element = mean of its items, svc = (a + b) / 2, overall = (svc + pol) / 2.
 * Satisfied = 4 or 5.
 *
 * This year (answers Q1 Q2 Q3 Q4 per respondent):
 *   U1 Phường Hoà Bình: 5555, 5151 → Q1 100, Q2 50, Q3 100, Q4 50; a 75, b 100, svc 87.5, pol 50, overall 68.75
 *   U2 Xã Tân Lập:      5555       → everything 100, overall 100
 *   U3 Xã Mới (merged from P1, P2): 1155, 5551 → Q1 50, Q2 50, Q3 100, Q4 50; a 50, b 100, svc 75, pol 50 → 62.5
 *   U4 Xã Vắng:         1111       → everything 0
 *   ranks: U2 1, U1 2, U3 3, U4 4.
 * Last year:
 *   P1: 5555 → 100;  U2: 5555, 5551 → Q4 50, svc 100, pol 50 → 75;  U1: 5555, 1111 → every item 50 → 50;
 *   U4: 5151 → a 50, b 100, svc 75, pol 0 → 37.5;  P2: 1111 → 0.   ranks: P1 1, U2 2, U1 3, U4 4, P2 5.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { indexQuestionnaire } from '../../src/criteria/questionnaire.js';
import { Questionnaire } from '../../src/criteria/questionnaire-schema.js';
import { runSipas } from '../../src/pipeline/run-sipas.js';
import { compareSipasWithPrevious } from '../../src/pipeline/sipas-previous.js';
import type { SipasResult, SipasResultUnit } from '../../src/result/sipas.js';
import { renderSipasText } from '../../src/report/sipas-report.js';
import { renderSipasXlsx } from '../../src/report/sipas-report.js';
import { renderSipasCsv } from '../../src/report/sipas-csv.js';
import { renderSipasHtml } from '../../src/report/sipas-html.js';
import { Chalk } from 'chalk';
import { runBin } from '../helpers/cli.js';

const scale = {
  levels: [1, 2, 3, 4, 5].map((code) => ({ code, label: { vi: `Mức ${code}` } })),
  satisfied: [4, 5],
  noAnswer: ['Không có ý kiến'],
};
const QUESTIONNAIRE = {
  format: 1,
  kind: 'questionnaire',
  id: 'tiny',
  version: '1',
  title: { vi: 'Thử' },
  scale,
  minSample: 1,
  domains: [
    {
      id: 'svc',
      title: { vi: 'Dịch vụ' },
      elements: [
        {
          id: 'a',
          title: { vi: 'A' },
          questions: [
            { code: 'Q1', text: { vi: 'Q1' } },
            { code: 'Q2', text: { vi: 'Q2' } },
          ],
        },
        { id: 'b', title: { vi: 'B' }, questions: [{ code: 'Q3', text: { vi: 'Q3' } }] },
      ],
    },
    {
      id: 'pol',
      title: { vi: 'Chính sách' },
      elements: [{ id: 'p', title: { vi: 'P' }, questions: [{ code: 'Q4', text: { vi: 'Q4' } }] }],
    },
  ],
};
const qi = indexQuestionnaire(Questionnaire.parse(QUESTIONNAIRE));

const answers = (rows: [string, string][]): string =>
  ['agency,Q1,Q2,Q3,Q4', ...rows.map(([a, x]) => [a, ...x].join(','))].join('\n');
const THIS_YEAR = answers([
  ['U1', '5555'],
  ['U1', '5151'],
  ['U2', '5555'],
  ['U3', '1155'],
  ['U3', '5551'],
  ['U4', '1111'],
]);
const LAST_YEAR = answers([
  ['P1', '5555'],
  ['U2', '5555'],
  ['U2', '5551'],
  ['U1', '5555'],
  ['U1', '1111'],
  ['U4', '5151'],
  ['P2', '1111'],
]);
const NAMES = new Map([
  ['U1', 'Phường Hoà Bình'],
  ['U2', 'Xã Tân Lập'],
  ['U3', 'Xã Mới'],
  ['U4', 'Xã Vắng'],
]);
const PREDECESSORS = new Map([['U3', ['P1', 'P2']]]);

/** Last year's table as a province publishes it: a title row, names in capitals, no code for U1, an extra row. */
const TABLE = [
  'BẢNG XẾP HẠNG CHỈ SỐ HÀI LÒNG NĂM 2024;;;;;', // row 1: a title, as Excel exports it
  'STT;Mã;Tên đơn vị;Chỉ số SIPAS (%);Xếp hạng;Dịch vụ', // 2: header; "Dịch vụ" is the svc domain's title
  '1;P1;Xã Cũ Một;100;1;100', // 3
  '2;U2;Xã Tân Lập;75,5;2;100', // 4
  '3;;PHƯỜNG HÒA BÌNH;50,00;3;50,00', // 5: U1, "Hòa" for "Hoà", capitals
  '4;;Xã Đã Giải Thể;40;4;40', // 6: matches no unit
  '5;P2;Xã Cũ Hai;0;5;0', // 7
].join('\n');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'parindex-sipas-prev-'));
}

async function thisYear(dir: string): Promise<SipasResult> {
  writeFileSync(join(dir, 'nam-nay.csv'), THIS_YEAR);
  return runSipas([{ path: join(dir, 'nam-nay.csv'), display: 'nam-nay.csv' }], { questionnaire: qi, roster: NAMES });
}

const unit = (r: SipasResult, code: string): SipasResultUnit => r.units.find((u) => u.code === code)!;
const change = (u: SipasResultUnit) => [u.previous?.previous.exact, u.previous?.change.exact, u.previous?.rankChange];
const measure = (u: SipasResultUnit, id: string) => u.previous?.measures.find((m) => m.id === id)?.change.exact;

describe('SIPAS against last year’s result.json', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'nam-truoc.csv'), LAST_YEAR);
  const before = await runSipas([{ path: join(dir, 'nam-truoc.csv'), display: 'nam-truoc.csv' }], {
    questionnaire: qi,
  });
  writeFileSync(join(dir, 'sipas-2024.json'), JSON.stringify(before));
  const now = await thisYear(dir);
  const r = await compareSipasWithPrevious(now, qi, {
    path: join(dir, 'sipas-2024.json'),
    display: 'sipas-2024.json',
    predecessors: PREDECESSORS,
    merged: { compare: 'mean', weights: {} },
  });

  it('ranks both years as worked out above', () => {
    expect(before.units.map((u) => [u.code, u.index?.exact, u.rank])).toEqual([
      ['P1', '100', 1],
      ['P2', '0', 5],
      ['U1', '50', 3],
      ['U2', '75', 2],
      ['U4', '37.5', 4],
    ]);
    expect(r.units.map((u) => [u.code, u.rank])).toEqual([
      ['U1', 2],
      ['U2', 1],
      ['U3', 3],
      ['U4', 4],
    ]);
  });

  it('U1: 68.75 − 50 = +18.75 points, 3rd → 2nd; svc 87.5 − 50, a 75 − 50, Q3 100 − 50, pol 50 − 50', () => {
    const u = unit(r, 'U1');
    expect(change(u)).toEqual(['50', '18.75', 1]);
    expect(u.previous?.basis).toEqual({ rule: 'same', from: ['U1'] });
    expect(u.previous?.previousRank).toBe(3);
    expect(measure(u, 'svc')).toBe('37.5');
    expect(measure(u, 'svc.a')).toBe('25');
    expect(measure(u, 'Q3')).toBe('50');
    expect(measure(u, 'pol')).toBe('0');
  });

  it('U2: 100 − 75 = +25, 2nd → 1st; U4: 0 − 37.5 = −37.5, 4th → 4th', () => {
    expect(change(unit(r, 'U2'))).toEqual(['75', '25', 1]);
    expect(change(unit(r, 'U4'))).toEqual(['37.5', '-37.5', 0]);
    expect(unit(r, 'U4').previous?.change.value).toBe(-37.5);
  });

  it('U3 (merged from P1, P2) by mean: (100 + 0) / 2 = 50 → +12.5, svc (100 + 0) / 2 → 75 − 50 = +25, no rank', () => {
    const u = unit(r, 'U3');
    expect(change(u)).toEqual(['50', '12.5', undefined]);
    expect(u.previous?.basis).toEqual({ rule: 'mean', from: ['P1', 'P2'] });
    expect(u.previous?.previousRank).toBeUndefined();
    expect(measure(u, 'svc')).toBe('25');
  });

  it('the pooled overall: 29/48 this year − 31/56 last year = 17/336 → 5.06 points, rounded once', () => {
    // This year pooled: Q1 4/6, Q2 3/6, Q3 5/6, Q4 3/6 → a 7/12, b 10/12, svc 17/24, pol 12/24 → 29/48.
    // Last year pooled: Q1 5/7, Q2 4/7, Q3 5/7, Q4 3/7 → a 9/14, b 10/14, svc 19/28, pol 12/28 → 31/56.
    // 29/48 − 31/56 = (203 − 186)/336 = 17/336; × 100 = 425/84 = 5.0595… → 5.06.
    expect(r.overall.previous?.change).toEqual({ exact: '425/84', value: 5.06 });
    expect(r.overall.previous?.rankChange).toBeUndefined();
  });

  it('says what was compared and how merged units were', () => {
    expect(r.comparison).toMatchObject({ file: 'sipas-2024.json', kind: 'result', rank: true, measures: ['*'] });
    expect(r.comparison?.merged).toBe('mean');
    expect(r.comparison?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.findings.filter((f) => f.code.startsWith('ROUND_'))).toEqual([]);
  });

  it('by weighted mean 1 : 3: (100 + 0 × 3) / 4 = 25 → 62.5 − 25 = +37.5; a missing weight: error', async () => {
    const spec = { path: join(dir, 'sipas-2024.json'), display: 'sipas-2024.json', predecessors: PREDECESSORS };
    const w = await compareSipasWithPrevious(now, qi, {
      ...spec,
      merged: { compare: 'weighted', weights: { U3: { P1: 1, P2: 3 } } },
    });
    expect(change(unit(w, 'U3'))).toEqual(['25', '37.5', undefined]);
    expect(unit(w, 'U3').previous?.basis).toEqual({ rule: 'weighted', from: ['P1', 'P2'], weights: [1, 3] });
    const missing = await compareSipasWithPrevious(now, qi, {
      ...spec,
      merged: { compare: 'weighted', weights: { U3: { P1: 1 } } },
    });
    expect(unit(missing, 'U3').mergedFrom).toEqual(['P1', 'P2']);
    expect(missing.findings.filter((f) => f.code === 'ROUND_MERGER_WEIGHTS_MISSING').map((f) => f.severity)).toEqual([
      'error',
    ]);
  });

  it('by rule none, the merged unit is new, "hợp nhất từ P1, P2", and the terminal table says so', async () => {
    const none = await compareSipasWithPrevious(now, qi, {
      path: join(dir, 'sipas-2024.json'),
      display: 'sipas-2024.json',
      predecessors: PREDECESSORS,
    });
    const u = unit(none, 'U3');
    expect(u.previous).toBeUndefined();
    expect(u.isNew).toBe(true);
    expect(u.mergedFrom).toEqual(['P1', 'P2']);
    const text = renderSipasText(none, 'vi', new Chalk({ level: 0 })).join('\n');
    expect(text).toContain('U3: mới, hợp nhất từ P1, P2.');
    expect(text).toMatch(/2\/4 ▲1 +U1 Phường Hoà Bình +2 +68,75% +\+18,75/);
  });
});

describe('SIPAS against a published table', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'xep-hang-2024.csv'), TABLE);
  const now = await thisYear(dir);
  const r = await compareSipasWithPrevious(now, qi, {
    path: join(dir, 'xep-hang-2024.csv'),
    display: 'xep-hang-2024.csv',
    predecessors: PREDECESSORS,
    merged: { compare: 'mean', weights: {} },
  });

  it('matches "PHƯỜNG HÒA BÌNH" to U1 (Phường Hoà Bình): 68.75 − 50.00 = +18.75, 3rd → 2nd, svc +37.5', () => {
    const u = unit(r, 'U1');
    expect(change(u)).toEqual(['50', '18.75', 1]);
    expect(measure(u, 'svc')).toBe('37.5');
    // The table has no "Chính sách" column: pol is not compared.
    expect(measure(u, 'pol')).toBeUndefined();
  });

  it('U2: 100 − 75.5 = +24.5; U3 by mean of P1 and P2 rows: (100 + 0) / 2 = 50 → +12.5', () => {
    expect(change(unit(r, 'U2'))).toEqual(['75.5', '24.5', 1]);
    expect(change(unit(r, 'U3'))).toEqual(['50', '12.5', undefined]);
    expect(unit(r, 'U3').previous?.basis.rule).toBe('mean');
  });

  it('the extra row is a finding at its cell (C6), the missing unit U4 is new with a finding', () => {
    const at = (code: string) => r.findings.filter((f) => f.code === code).map((f) => [f.location.cell, f.args]);
    expect(at('ROUND_PREVIOUS_ROW_UNMATCHED')).toEqual([['C6', { agency: 'Xã Đã Giải Thể', candidates: 0 }]]);
    expect(at('ROUND_PREVIOUS_AGENCY_ABSENT')).toEqual([[undefined, { agency: 'U4' }]]);
    expect(unit(r, 'U4').isNew).toBe(true);
    expect(r.counts.ROUND_PREVIOUS_ROW_UNMATCHED).toBe(1);
  });

  it('states what the table allowed: 5 rows, 4 matched, ranks, the svc column', () => {
    expect(r.comparison).toMatchObject({ kind: 'table', rows: 5, matched: 4, rank: true, measures: ['svc'] });
    expect(r.overall.previous).toBeUndefined();
  });

  it('the CSV has the change columns: U1 68,75 against 50,00 → 18,75, 3rd → 2nd, svc 87,50 (+37,50)', () => {
    const lines = renderSipasCsv(r, 'vi')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const head = lines[0]!.split(';');
    const u1 = lines.find((l) => l.includes(';U1;'))!.split(';');
    const at = (h: string) => u1[head.indexOf(h)];
    expect([at('SIPAS (%)'), at('SIPAS năm trước (%)'), at('Thay đổi (điểm %)')]).toEqual(['68,75', '50,00', '18,75']);
    expect([at('Hạng năm trước'), at('Thay đổi hạng'), at('svc (%)'), at('svc thay đổi')]).toEqual([
      '3',
      '1',
      '87,50',
      '37,50',
    ]);
    expect(lines.find((l) => l.includes(';U4;'))!.split(';')[head.indexOf('Thay đổi hạng')]).toBe('mới');
  });

  it('the HTML page shows the same: U1 ▲1, 50,00% → 68,75%, +18,75; U3 by mean; no script', () => {
    const html = renderSipasHtml(r, 'vi');
    const u1 = html.split('\n').find((l) => l.includes('U1 Phường Hoà Bình'))!;
    expect(u1).toContain('>▲1<');
    expect(u1).toMatch(/68,75%<\/td><td class="num">50,00%<\/td><td class="num"><span class="up">\+18,75</);
    expect(html).toContain('so với bình quân chỉ số của P1, P2 (tiền thân)');
    expect(html).toContain('So với năm trước: xep-hang-2024.csv (bảng đã công bố, 5 dòng, 4 khớp)');
    expect(html).not.toMatch(/<script/i);
  });

  it('the workbook shows the change beside the index and lists every measure compared', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderSipasXlsx(r, 'vi')) as unknown as ArrayBuffer);
    const rk = wb.getWorksheet('Xếp hạng SIPAS')!;
    const head = rk.getRow(1).values as unknown[];
    expect(head.slice(6, 11)).toEqual([
      'SIPAS năm trước',
      'Thay đổi (điểm %)',
      'Hạng năm trước',
      'Thay đổi hạng',
      'So sánh với',
    ]);
    const rowOf = (code: string) => rk.getRows(2, rk.rowCount - 1)!.find((x) => x.getCell(2).value === code)!;
    expect([6, 7, 8, 9].map((c) => rowOf('U1').getCell(c).value)).toEqual([0.5, 18.75, 3, '▲1']);
    expect(rowOf('U3').getCell(10).value).toBe(
      'so với bình quân chỉ số của P1, P2 (tiền thân); không so sánh thứ hạng',
    );
    expect(rowOf('U4').getCell(9).value).toBe('mới');
    const ch = wb.getWorksheet('So với năm trước')!;
    const lines = ch
      .getRows(2, ch.rowCount - 1)!
      .map((x) => [x.getCell(1).value, x.getCell(3).value, x.getCell(6).value]);
    expect(lines).toContainEqual(['U1', 'svc', 37.5]);
    expect(lines).toContainEqual(['U2', 'SIPAS', 24.5]);
  });
});

describe('parindex sipas --previous', () => {
  it('reads the roster’s predecessors and --merged mean, prints the change and writes it to the json', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'q.json'), JSON.stringify(QUESTIONNAIRE));
    writeFileSync(join(dir, 'nam-nay.csv'), THIS_YEAR);
    writeFileSync(join(dir, 'xep-hang-2024.csv'), TABLE);
    writeFileSync(
      join(dir, 'roster.csv'),
      [
        'mã,tên cơ quan,loại,tiền thân',
        'U1,Phường Hoà Bình,xa,',
        'U2,Xã Tân Lập,xa,',
        'U3,Xã Mới,xa,P1 P2',
        'U4,Xã Vắng,xa,',
      ].join('\n'),
    );
    const out = join(dir, 'sipas.json');
    const args = ['sipas', 'nam-nay.csv', '--questionnaire', 'q.json', '--roster', 'roster.csv'];
    const run = runBin([...args, '--previous', 'xep-hang-2024.csv', '--merged', 'mean', '--out', out], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3\/4 +U3 Xã Mới +2 +62,50% +\+12,50/);
    expect(run.stdout).toContain('U3: so với bình quân chỉ số của P1, P2 (tiền thân)');
    expect(run.stdout).toContain('Đơn vị hợp nhất: so với bình quân chỉ số của các đơn vị tiền thân.');
    const json = JSON.parse(readFileSync(out, 'utf8')) as SipasResult;
    expect(json.units.find((u) => u.code === 'U3')?.previous?.change).toEqual({ exact: '12.5', value: 12.5 });
    expect(runBin([...args, '--previous', 'xep-hang-2024.csv', '--merged', 'avg'], { cwd: dir }).code).toBe(2);
    expect(runBin([...args, '--previous', 'q.json'], { cwd: dir }).code).toBe(2);
  });
});

describe('the README’s SIPAS command on the sample round', () => {
  it('matches all 49 rows of the published table; each change is this year’s exact index − the printed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-sipas-readme-'));
    const out = join(dir, 'sipas.json');
    const args = ['sipas', 'fixtures/sample-round/survey/phieu-khao-sat.csv'];
    const run = runBin([
      ...args,
      ...['--questionnaire', 'sipas-illustrative@2025.1', '--roster', 'fixtures/sample-round/roster.csv'],
      ...['--previous', 'fixtures/sample-round/previous/xep-hang-sipas-2024.csv', '--out', out],
    ]);
    expect(run.code).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8')) as SipasResult;
    expect(r.comparison).toMatchObject({ kind: 'table', rows: 49, matched: 49, measures: ['policies', 'services'] });
    // 25088 is new in 2025 (the table has no row for it): new, with a finding.
    expect(r.units.find((u) => u.code === '25088')?.isNew).toBe(true);
    expect(r.findings.filter((f) => f.code === 'ROUND_PREVIOUS_AGENCY_ABSENT').map((f) => f.args)).toEqual([
      { agency: '25088' },
    ]);
    // Sở Y tế's printed row, read here without the tool: index, block and rank as the table prints them.
    const table = readFileSync('fixtures/sample-round/previous/xep-hang-sipas-2024.csv', 'utf8').split(/\r\n/);
    const row = table.find((l) => l.split(';')[1] === 'Sở Y tế')!.split(';');
    expect(row[2]).toBe('Sở, ban, ngành');
    const printed = Number(row[3]!.replace(',', '.'));
    const syt = r.units.find((u) => u.code === 'SYT')!;
    expect(syt.previous?.previous.value).toBe(printed);
    // The table ranks per block by title ("Sở, ban, ngành"); the roster alone knows only the block's id
    // (so-nganh), so no rank is compared, and the comparison says so for all 49 units.
    expect(syt.previous?.previousRank).toBeUndefined();
    expect(r.comparison?.rankOtherBlock).toBe(49);
    // Exact: index − printed, rounded once; a difference of two rounded values could differ by 0.01.
    const [n, d = '1'] = syt.index!.exact.split('/');
    const exactChange = Number(n) / Number(d) - printed;
    expect(Math.abs(syt.previous!.change.value - exactChange)).toBeLessThanOrEqual(0.005);
  });
});

describe('parindex sipas --round', () => {
  it('takes questionnaire, answers, roster, survey.sipas.previous and merged from round.yaml', () => {
    const run = runBin(['sipas', '--round', 'fixtures/sample-round', '--json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as SipasResult;
    expect(r.questionnaire.ref).toBe('sipas-illustrative@2025.1');
    expect(r.comparison).toMatchObject({ file: 'previous/xep-hang-sipas-2024.csv', kind: 'table', merged: 'none' });
    // The same figures as the command that names every file (the README's).
    const direct = runBin([
      ...['sipas', 'fixtures/sample-round/survey/phieu-khao-sat.csv', '--json'],
      ...['--questionnaire', 'sipas-illustrative@2025.1', '--roster', 'fixtures/sample-round/roster.csv'],
      ...['--previous', 'fixtures/sample-round/previous/xep-hang-sipas-2024.csv'],
    ]);
    const d = JSON.parse(direct.stdout) as SipasResult;
    expect(r.units.map((u) => [u.code, u.previous?.change.exact])).toEqual(
      d.units.map((u) => [u.code, u.previous?.change.exact]),
    );
    // round.yaml titles the blocks, so the table's "Khối" column matches them and ranks are compared
    // within each block: Sở Y tế's printed rank among the departments minus its rank among them now.
    const table = readFileSync('fixtures/sample-round/previous/xep-hang-sipas-2024.csv', 'utf8').split(/\r\n/);
    const row = table.find((l) => l.split(';')[1] === 'Sở Y tế')!.split(';');
    const syt = r.units.find((u) => u.code === 'SYT')!;
    expect([syt.group, syt.rankOf]).toEqual(['so-nganh', 20]);
    expect(syt.previous?.previousRank).toBe(Number(row[4]));
    expect(syt.previous?.rankChange).toBe(Number(row[4]) - syt.rank!);
    expect(r.comparison?.rankOtherBlock).toBeUndefined();
  });

  it('refuses answer files or a questionnaire beside --round (exit 2)', () => {
    const both = ['sipas', 'fixtures/sample-round/survey/phieu-khao-sat.csv', '--round', 'fixtures/sample-round'];
    expect(runBin(both).code).toBe(2);
    expect(runBin(['sipas', 'fixtures/sample-round/survey/phieu-khao-sat.csv']).code).toBe(2);
  });
});
