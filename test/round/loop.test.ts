/**
 * The whole appraisal loop on the sample round, as a province runs it: self-scores → appraisal
 * round 1 (the round's workbook made by parindex, filled here) → the agency's explanations (its
 * workbook made by parindex) → round 2 (a per-agency workbook pre-filled with round 1) → scores,
 * history and gaps → publish → verify, then one changed byte.
 *
 * Hand-worked for Sở Tư pháp (STP), whose self-scoring file gives (parindex explain stp.xlsx, or
 * reading the workbook): 1.1.1 "on time" = 1, 2.1.1 135/135 = 100% → 2; field 1 self-scored
 * 1 + 2 + 1 + 1 + 1 + 1 = 7 of its appraisal items. 3.3.1 is linear inside its band: 93.44% gives
 * 0.75 + (93.44 − 80) ÷ 20 × 0.75 = 1.254, shown 1.25; so all self-scored items are 56.75 − 1.25 +
 * 1.254 + bonus 1.5 = 58.254.
 * Round 1 lowers 1.1.1 to 0.5 and 2.1.1 to 1; the agency explains 1.1.1 on time and 2.1.1 late;
 * round 2 restores 1.1.1 to 1. So the appraised self-scored total is 58.254 − 1 = 57.254, the gap 1,
 * all of it in field 2 (self 2.1.1 + … minus 1), none in field 1; the total falls by exactly 1 point.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/core/rational.js';
import { renderExplanationTemplate } from '../../src/report/explanation-template.js';
import { appraisalWorkbook } from '../../src/report/appraisal-rows.js';
import type { RoundResult } from '../../src/result/schema.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { runBin, ROOT } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample-round');

async function load(buf: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Column number of a header text in row 1. */
function col(ws: ExcelJS.Worksheet, name: string): number {
  const i = (ws.getRow(1).values as unknown[]).map((v) => String(v)).indexOf(name);
  if (i < 1) throw new Error(`no column ${name}`);
  return i;
}

/** The row of an agency × item. */
function rowOf(ws: ExcelJS.Worksheet, agency: string, item: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row, n) => {
    if (
      n > 1 &&
      !found &&
      row.getCell(col(ws, 'Mã cơ quan')).value === agency &&
      row.getCell(col(ws, 'Mã tiêu chí')).value === item
    )
      found = row;
  });
  if (!found) throw new Error(`no row ${agency} ${item}`);
  return found;
}

const exact = (n: { exact: string } | undefined): string | undefined =>
  n ? Rational.fromExact(n.exact)!.toExact() : undefined;

describe('the appraisal loop on the sample round', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-loop-'));
  cpSync(SAMPLE, dir, { recursive: true });
  const round = parse(readFileSync(join(dir, 'round.yaml'), 'utf8'));
  const setStages = (stages: unknown[]): void => {
    round.stages = stages;
    writeFileSync(join(dir, 'round.yaml'), stringify(round));
  };
  setStages([]);
  const stage1 = { appraisal: ['tham-dinh/lan-1.xlsx'], deadline: '2026-01-15' };
  const stage2 = { explanation: ['giai-trinh-stp'], deadline: '2026-01-25' };
  const stage3 = { appraisal: ['tham-dinh/lan-2'], deadline: '2026-02-05' };
  let before: RoundResult;
  let after: RoundResult;
  let round1Cell = '';
  let round2Cell = '';
  let replyCell = '';

  it('round 1: the workbook for the whole round, filled by the team, lowers two items of STP', async () => {
    const self = await runRound(dir);
    expect(self.blocked).toBe(false);
    before = self.result!;
    const wb = await load(await appraisalWorkbook(self, 'vi'));
    const ws = wb.getWorksheet('Thẩm định')!;
    // Pre-filled with the points so far (the self-score): 1.1.1 of STP is 1.
    const r111 = rowOf(ws, 'STP', '1.1.1');
    expect(r111.getCell(col(ws, 'Điểm thẩm định')).value).toBe(1);
    expect(r111.getCell(col(ws, 'Điểm hiện tại')).value).toBe(1);
    r111.getCell(col(ws, 'Điểm thẩm định')).value = 0.5;
    r111.getCell(col(ws, 'Lý do điều chỉnh')).value = 'Kế hoạch ban hành chậm so với quy định';
    const r211 = rowOf(ws, 'STP', '2.1.1');
    r211.getCell(col(ws, 'Điểm thẩm định')).value = 1;
    r211.getCell(col(ws, 'Lý do điều chỉnh')).value = 'Thiếu báo cáo kết quả thực hiện kế hoạch';
    round1Cell = r111.getCell(col(ws, 'Điểm thẩm định')).address;
    mkdirSync(join(dir, 'tham-dinh'), { recursive: true });
    writeFileSync(join(dir, 'tham-dinh/lan-1.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    setStages([stage1]);
    const r = await runRound(dir);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Every other row came back as it was pre-filled: a confirmation, not a change.
    expect(r.result!.appraisalChanges.map((c) => [c.agency, c.item, c.from?.exact, c.to.exact, c.order])).toEqual([
      ['STP', '1.1.1', '1', '0.5', 1],
      ['STP', '2.1.1', '2', '1', 1],
    ]);
  });

  it('explanations: the agency answers from its workbook, one reply late and one to an item not adjusted', async () => {
    const r = await runRound(dir);
    const stp = r.result!.agencies.find((a) => a.code === 'STP')!;
    const wb = await load(await renderExplanationTemplate(r.result!, stp, 'vi'));
    const ws = wb.getWorksheet('Giải trình')!;
    // The two adjusted items, with the appraised points and reasons.
    const listed: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1)
        listed.push([
          row.getCell(col(ws, 'Mã tiêu chí')).value,
          row.getCell(col(ws, 'Điểm sau thẩm định')).value,
          row.getCell(col(ws, 'Lần thẩm định')).value,
        ]);
    });
    expect(listed).toEqual([
      ['1.1.1', 0.5, 1],
      ['2.1.1', 1, 1],
    ]);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    const a = rowOf(ws, 'STP', '1.1.1');
    a.getCell(col(ws, 'Nội dung giải trình')).value = 'Kế hoạch ban hành đúng hạn ngày 10/01/2025';
    a.getCell(col(ws, 'Tài liệu kiểm chứng bổ sung')).value = 'Kế hoạch số 05/KH-STP';
    a.getCell(col(ws, 'Ngày giải trình')).value = new Date('2026-01-20T00:00:00Z');
    replyCell = a.getCell(col(ws, 'Nội dung giải trình')).address;
    const b = rowOf(ws, 'STP', '2.1.1');
    b.getCell(col(ws, 'Nội dung giải trình')).value = 'Đã bổ sung báo cáo';
    b.getCell(col(ws, 'Ngày giải trình')).value = '28/01/2026';
    const lateCell = b.getCell(col(ws, 'Ngày giải trình')).address;
    // A row the agency added for an item that was not adjusted.
    const c = ws.getRow(4);
    c.getCell(col(ws, 'Mã cơ quan')).value = 'STP';
    c.getCell(col(ws, 'Mã tiêu chí')).value = '1.2.1';
    c.getCell(col(ws, 'Nội dung giải trình')).value = 'Đề nghị cộng điểm';
    mkdirSync(join(dir, 'giai-trinh-stp'), { recursive: true });
    writeFileSync(join(dir, 'giai-trinh-stp/giai-trinh-STP.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    setStages([stage1, stage2]);
    const r2 = await runRound(dir);
    const file = 'giai-trinh-stp/giai-trinh-STP.xlsx';
    const found = r2.findings
      .filter((f) => f.location.file === file)
      .map((f) => [f.code, f.location.cell, f.agency, f.criterion]);
    expect(found).toEqual([
      ['ROUND_STAGE_LATE', lateCell, 'STP', '2.1.1'],
      ['ROUND_EXPLANATION_NOT_ADJUSTED', replyCell.replace(/\d+$/, '4'), 'STP', '1.2.1'],
    ]);
    expect(r2.result!.inputs.filter((i) => i.role === 'explanation').map((i) => i.file)).toEqual([file]);
  });

  it(
    'round 2: a per-agency workbook carries round 1 and the explanation forward; the team restores ' + '1.1.1',
    async () => {
      const r = await runRound(dir);
      const wb = await load(await appraisalWorkbook(r, 'vi', { agencies: ['STP'] }));
      const ws = wb.getWorksheet('Thẩm định')!;
      const agencies = new Set<unknown>();
      ws.eachRow((row, n) => void (n > 1 && agencies.add(row.getCell(1).value)));
      expect([...agencies]).toEqual(['STP']);
      const row = rowOf(ws, 'STP', '1.1.1');
      expect(row.getCell(col(ws, 'Lần 1: điểm')).value).toBe(0.5);
      expect(row.getCell(col(ws, 'Lần 1: lý do')).value).toBe('Kế hoạch ban hành chậm so với quy định');
      expect(row.getCell(col(ws, 'Giải trình sau lần 1')).value).toBe('Kế hoạch ban hành đúng hạn ngày 10/01/2025');
      expect(row.getCell(col(ws, 'Tài liệu bổ sung sau lần 1')).value).toBe('Kế hoạch số 05/KH-STP');
      expect(row.getCell(col(ws, 'Điểm hiện tại')).value).toBe(0.5);
      expect(row.getCell(col(ws, 'Điểm thẩm định')).value).toBe(0.5);
      // An item round 1 left alone has empty round-1 cells and its self-score as the points so far.
      const same = rowOf(ws, 'STP', '1.2.1');
      expect(same.getCell(col(ws, 'Lần 1: điểm')).value).toBe(null);
      expect(same.getCell(col(ws, 'Điểm hiện tại')).value).toBe(1);
      row.getCell(col(ws, 'Điểm thẩm định')).value = 1;
      row.getCell(col(ws, 'Lý do điều chỉnh')).value = 'Chấp nhận giải trình';
      round2Cell = row.getCell(col(ws, 'Điểm thẩm định')).address;
      mkdirSync(join(dir, 'tham-dinh/lan-2'), { recursive: true });
      writeFileSync(join(dir, 'tham-dinh/lan-2/tham-dinh-STP.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
      setStages([stage1, stage2, stage3]);
      const done = await runRound(dir);
      expect(done.blocked).toBe(false);
      after = done.result!;
      expect(
        after.appraisalChanges
          .filter((c) => c.order === 2)
          .map((c) => [c.agency, c.item, c.from?.exact, c.to.exact, c.file]),
      ).toEqual([['STP', '1.1.1', '0.5', '1', 'tham-dinh/lan-2/tham-dinh-STP.xlsx']]);
    },
  );

  it('scores, history and gaps match the hand-worked values', () => {
    const stp = after.agencies.find((a) => a.code === 'STP')!;
    const was = before.agencies.find((a) => a.code === 'STP')!;
    const item = (code: string) => stp.items.find((i) => i.code === code)!;
    expect(exact(item('1.1.1').final)).toBe('1');
    expect(exact(item('2.1.1').final)).toBe('1');
    // Appraised 2.1.1 = 1 replaces the self-score 2: one point less, nothing else moves.
    expect(Rational.fromExact(was.total.points.exact)!.sub(Rational.fromExact(stp.total.points.exact)!).toExact()).toBe(
      '1',
    );
    expect([exact(stp.selfGap?.self), exact(stp.selfGap?.appraised), exact(stp.selfGap?.gap)]).toEqual([
      '58.254',
      '57.254',
      '1',
    ]);
    const f = (code: string) => stp.selfGap!.fields.find((x) => x.code === code)!;
    expect([exact(f('1').self), exact(f('1').appraised), exact(f('1').gap)]).toEqual(['7', '7', '0']);
    expect(exact(f('2').gap)).toBe('1');
    // Every other agency: nothing adjusted, no gap.
    expect(after.agencies.filter((a) => a.code !== 'STP' && a.selfGap && a.selfGap.gap.exact !== '0')).toEqual([]);
    // 1.1.1's path: self → round 1 → explanation → round 2, each with its file and cell.
    expect(
      item('1.1.1').history!.map((h) => [h.step, h.round, exact(h.points), h.file, h.cell, h.date, h.late]),
    ).toEqual([
      [
        'self',
        undefined,
        '1',
        'submissions/so-nganh/stp.xlsx',
        expect.stringMatching(/^[A-Z]+\d+$/),
        undefined,
        undefined,
      ],
      ['appraisal', 1, '0.5', 'tham-dinh/lan-1.xlsx', round1Cell, undefined, undefined],
      ['explanation', 1, undefined, 'giai-trinh-stp/giai-trinh-STP.xlsx', replyCell, '2026-01-20', undefined],
      ['appraisal', 2, '1', 'tham-dinh/lan-2/tham-dinh-STP.xlsx', round2Cell, undefined, undefined],
    ]);
    expect(item('2.1.1').history!.map((h) => [h.step, h.round, h.late])).toEqual([
      ['self', undefined, undefined],
      ['appraisal', 1, undefined],
      ['explanation', 1, true],
    ]);
    expect(item('1.2.1').history).toBeUndefined();
  });

  it('explain shows the path with files and cells', () => {
    const r = runBin(['explain', dir, 'STP']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Thẩm định lần 1: 0,50 — Kế hoạch ban hành chậm so với quy định (tham-dinh/lan-1.xlsx, ô ${round1Cell})`,
    );
    expect(r.stdout).toContain('Tự chấm 58,25 · sau thẩm định 57,25 · chênh lệch 1,00 điểm');
  });

  it(
    'the commands write the explanation workbooks of agencies with items still adjusted, and per-agency appraisal ' +
      'files',
    () => {
      const out = join(dir, '..', `${dir.split('/').pop()}-mau`);
      const x = runBin(['--json', 'explanation-template', dir, '--out', join(out, 'gt')]);
      expect(x.code).toBe(0);
      // Only STP has an adjustment standing after round 2 (2.1.1).
      expect(JSON.parse(x.stdout).files.map((f: { agency: string; items: number }) => [f.agency, f.items])).toEqual([
        ['STP', 1],
      ]);
      const a = runBin([
        '--json',
        'appraisal-template',
        dir,
        '--by-agency',
        '--agency',
        'STP',
        'SNV',
        '--out',
        join(out, 'td'),
      ]);
      expect(a.code).toBe(0);
      expect(JSON.parse(a.stdout).files.map((f: string) => f.split('/').pop())).toEqual([
        'tham-dinh-SNV.xlsx',
        'tham-dinh-STP.xlsx',
      ]);
      expect(runBin(['appraisal-template', dir, '--agency', 'KHONGCO', '--out', join(out, 'x.xlsx')]).code).toBe(2);
    },
  );

  const pub = join(dir, '..', `${dir.split('/').pop()}-cong-khai`);
  it('publish writes the reports and a manifest; the same round gives the same bytes', async () => {
    const r = runBin(['publish', dir, '--out', pub, '--date', '2026-02-20']);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(pub, 'manifest.json'), 'utf8'));
    expect(manifest.published).toBe('2026-02-20');
    expect(manifest.criteria).toEqual(['illustrative-internal@2025.1']);
    expect(manifest.questionnaires).toEqual(['sipas-illustrative@2025.1']);
    expect(manifest.tool.name).toBe('parindex');
    expect(manifest.outputs.map((o: { file: string }) => o.file)).toEqual([
      'ket-qua.json',
      'bao-cao.xlsx',
      'bao-cao.html',
      'ket-qua.csv',
    ]);
    expect(manifest.inputs.map((i: { role: string; file: string }) => `${i.role}:${i.file}`)).toEqual(
      expect.arrayContaining([
        'appraisal:tham-dinh/lan-1.xlsx',
        'explanation:giai-trinh-stp/giai-trinh-STP.xlsx',
        'appraisal:tham-dinh/lan-2/tham-dinh-STP.xlsx',
        'round:round.yaml',
      ]),
    );
    const again = `${pub}-2`;
    expect(runBin(['publish', dir, '--out', again, '--date', '2026-02-20']).code).toBe(0);
    for (const f of ['manifest.json', 'ket-qua.json', 'bao-cao.xlsx', 'bao-cao.html', 'ket-qua.csv'])
      expect(readFileSync(join(again, f)).equals(readFileSync(join(pub, f)))).toBe(true);
    // The history and gap sheets of the report.
    const wb = await load(readFileSync(join(pub, 'bao-cao.xlsx')));
    const gaps = wb.getWorksheet('Chênh lệch tự chấm')!;
    expect([gaps.getRow(2).getCell(3).value, gaps.getRow(2).getCell(7).value]).toEqual(['STP', 1]);
    const history = wb.getWorksheet('Lịch sử thẩm định')!;
    expect(history.rowCount).toBe(1 + 4 + 3);
    expect(readFileSync(join(pub, 'bao-cao.html'), 'utf8')).toContain(
      'Giải trình sau lần 1: Kế hoạch ban hành đúng hạn ngày 10/01/2025',
    );
    // A publication is never overwritten without --force.
    expect(runBin(['publish', dir, '--out', pub, '--date', '2026-02-20']).code).toBe(2);
    expect(runBin(['publish', dir, '--out', pub, '--date', '20/02/2026', '--force']).code).toBe(2);
  });

  it('verify passes, then names the one input changed by a byte and the output edited by hand', () => {
    const ok = runBin(['verify', pub, '--round', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('khớp');
    const survey = join(dir, 'survey/diem-dieu-tra.csv');
    const bytes = readFileSync(survey);
    // One digit of STP's first share, just before its "%".
    const digit = bytes.indexOf(Buffer.from('%'), bytes.indexOf(Buffer.from('STP;'))) - 1;
    bytes[digit] = bytes[digit] === 0x31 ? 0x32 : 0x31;
    writeFileSync(survey, bytes);
    const bad = runBin(['--json', 'verify', pub, '--round', dir]);
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.stdout);
    const inputs = j.findings
      .filter((f: { code: string }) => f.code === 'PUBLISH_INPUT_CHANGED')
      .map((f: { args: { file: string } }) => f.args.file);
    expect(inputs).toEqual(['survey/diem-dieu-tra.csv']);
    expect(j.findings.filter((f: { code: string }) => f.code === 'PUBLISH_RESCORE_DIFFERS').length).toBeGreaterThan(0);
    writeFileSync(join(pub, 'bao-cao.html'), readFileSync(join(pub, 'bao-cao.html'), 'utf8').replace('STP', 'STQ'));
    const edited = runBin(['--json', 'verify', pub]);
    expect(edited.code).toBe(1);
    expect(
      JSON.parse(edited.stdout).findings.map((f: { code: string; args: { file: string } }) => [f.code, f.args.file]),
    ).toEqual([['PUBLISH_OUTPUT_CHANGED', 'bao-cao.html']]);
  });
});
