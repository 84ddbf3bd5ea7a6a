/**
 * One respondent assesses several agencies (fixtures/sipas/officials-groups and officials-long, written
 * by scripts/make-sipas-fixtures.mjs): column groups per agency, a forms grid with one row per agency,
 * and the long layout, scored to indices worked out by hand. officials-illustrative@2025.1 scores
 * A/B/C/D as 100/60/20/0 % of an item; an item is the mean score of its valid answers, an element the
 * mean of its items, the one domain the mean of its two elements (direction: CB1, CB2; services: CB3, CB4).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadColumnDeclarations } from '../../src/criteria/column-map.js';
import { loadQuestionnaire } from '../../src/criteria/questionnaire.js';
import { runSipas } from '../../src/pipeline/run-sipas.js';
import type { SipasResult } from '../../src/result/sipas.js';
import { agencyLookup, matchGroupHeader } from '../../src/score/sipas-headers.js';
import { ROOT, runBin } from '../helpers/cli.js';

const fx = (p: string): { path: string; display: string } => ({ path: join(ROOT, 'fixtures/sipas', p), display: p });
const ROSTER = new Map<string, string | undefined>([
  ['SNV', 'Sở Nội vụ'],
  ['STP', 'Sở Tư pháp'],
  ['STC', 'Sở Tài chính'],
]);
const qi = (): ReturnType<typeof loadQuestionnaire> => loadQuestionnaire('officials-illustrative@2025.1');

function indices(r: SipasResult, code: string): Record<string, number | undefined> {
  const u = r.units.find((x) => x.code === code);
  expect(u, code).toBeDefined();
  return Object.fromEntries([
    ['sipas', u!.index?.value],
    ['respondents', u!.respondents],
    ...u!.elements.map((e) => [e.id, e.index?.value]),
  ]);
}
const cells = (r: SipasResult, code: string): string[] =>
  r.findings.filter((f) => f.code === code).map((f) => f.location.cell ?? `row ${f.location.row}`);

describe('column groups: one row assesses several agencies', () => {
  it('reads "Sở Tư pháp - Câu 1" groups by the roster names and scores each agency by hand', async () => {
    const r = await runSipas([fx('officials-groups/dai-bieu.csv')], { questionnaire: qi(), roster: ROSTER });
    // STP: P1 A,B,A,B; P2 A,A,B,C → CB1 100, CB2 (60+100)/2 = 80, CB3 (100+60)/2 = 80, CB4 (60+20)/2 = 40;
    // direction (100+80)/2 = 90, services (80+40)/2 = 60, overall 75. P3 left STP blank: not its respondent.
    expect(indices(r, 'STP')).toEqual({
      sipas: 75,
      respondents: 2,
      'reform.direction': 90,
      'reform.services': 60,
    });
    // SNV: P1 C,C,D,(no opinion); P3 A,B,B,A → CB1 (20+100)/2 = 60, CB2 (20+60)/2 = 40, CB3 (0+60)/2 = 30,
    // CB4 100 (P3 only); direction 50, services 65, overall 57.5.
    expect(indices(r, 'SNV')).toEqual({
      sipas: 57.5,
      respondents: 2,
      'reform.direction': 50,
      'reform.services': 65,
    });
    // "Sở Ngoại vụ" is not in the roster: a finding at its header cell K1, its column not counted.
    expect(cells(r, 'SIPAS_GROUP_AGENCY_UNKNOWN')).toEqual(['K1']);
    // P4 answers no group: one empty row (row 5), not one per agency.
    expect(cells(r, 'SIPAS_EMPTY_ROW')).toEqual(['row 5']);
    expect(r.counts.SIPAS_UNKNOWN_COLUMN).toBeUndefined();
    expect(r.units.map((u) => u.code)).toEqual(['SNV', 'STP']);
  });

  it('reads the same groups from a workbook (cells rather than bytes)', async () => {
    const text = readFileSync(fx('officials-groups/dai-bieu.csv').path, 'utf8');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Phiếu');
    for (const line of text.trim().split(/\r?\n/)) ws.addRow(line.split(','));
    const p = join(mkdtempSync(join(tmpdir(), 'parindex-groups-')), 'dai-bieu.xlsx');
    writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await runSipas([{ path: p, display: 'dai-bieu.xlsx' }], { questionnaire: qi(), roster: ROSTER });
    // As from the CSV: STP 75, SNV 57.5.
    expect(r.units.map((u) => [u.code, u.index?.value, u.respondents])).toEqual([
      ['SNV', 57.5, 2],
      ['STP', 75, 2],
    ]);
  });

  it('adds a forms grid ("Câu 1. … [Sở Tài chính]") into the same tallies and ranks them', async () => {
    const r = await runSipas([fx('officials-groups/dai-bieu.csv'), fx('officials-groups/lanh-dao.csv')], {
      questionnaire: qi(),
      roster: ROSTER,
    });
    // STP adds L1 (CB1 C = 20, CB3 A = 100); L3's "E" is off the scale and L3 gave STP nothing valid.
    // CB1 (100+100+20)/3 = 220/3, CB2 80, CB3 (100+60+100)/3 = 260/3, CB4 40;
    // direction (220/3 + 80)/2 = 230/3 = 76.67, services (260/3 + 40)/2 = 190/3 = 63.33, overall 70.
    expect(indices(r, 'STP')).toEqual({
      sipas: 70,
      respondents: 3,
      'reform.direction': 76.67,
      'reform.services': 63.33,
    });
    // STC: L1 CB1 A, CB3 B; L2 CB1 B, CB3 D → CB1 80, CB3 30; no CB2/CB4 columns: direction 80,
    // services 30, overall 55.
    expect(indices(r, 'STC')).toEqual({
      sipas: 55,
      respondents: 2,
      'reform.direction': 80,
      'reform.services': 30,
    });
    expect(indices(r, 'SNV').sipas).toBe(57.5);
    expect(r.units.map((u) => [u.code, u.rank])).toEqual([
      ['SNV', 2],
      ['STC', 3],
      ['STP', 1],
    ]);
    // L3's "E" for STP, question 1: column D of row 4.
    expect(cells(r, 'SIPAS_ANSWER_OUT_OF_SCALE')).toEqual(['D4']);
    // Each group lacks CB2 and CB4 in lanh-dao.csv: a finding per agency and question.
    const missing = r.findings.filter(
      (f) => f.code === 'SIPAS_QUESTION_MISSING' && f.location.file === 'officials-groups/lanh-dao.csv',
    );
    expect(missing.map((f) => `${f.agency}:${(f.args as { question: string }).question}`).sort()).toEqual([
      'STC:CB2',
      'STC:CB4',
      'STP:CB2',
      'STP:CB4',
    ]);
  });

  it('without a roster, names are unknown agencies at their header cells; codes are read', async () => {
    const r = await runSipas([fx('officials-groups/dai-bieu.csv')], { questionnaire: qi() });
    // Every group header names its agency by name: C1 … K1, nine findings, nothing counted.
    expect(cells(r, 'SIPAS_GROUP_AGENCY_UNKNOWN')).toEqual(['C1', 'D1', 'E1', 'F1', 'G1', 'H1', 'I1', 'J1', 'K1']);
    expect(r.units).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'parindex-groups-'));
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'Mã phiếu,STP - CB1,SNV: CB1,[STC] CB3\nX1,A,D,B\nX2,C,,\n');
    const codes = await runSipas([{ path: p, display: 'a.csv' }], { questionnaire: qi() });
    // STP CB1 (100+20)/2 = 60; SNV CB1 0; STC CB3 60 (one respondent each for SNV and STC).
    expect(
      codes.units.map((u) => [u.code, u.respondents, u.items[0]!.index?.value ?? u.items[2]!.index?.value]),
    ).toEqual([
      ['SNV', 1, 0],
      ['STC', 1, 60],
      ['STP', 2, 60],
    ]);
  });

  it('a name two agencies share is an ambiguous group, a finding at its header cell', async () => {
    const roster = new Map([
      ['UBND-A', 'UBND xã Tân Lập'],
      ['UBND-B', 'UBND xã Tân Lập'],
      ['UBND-C', 'UBND xã Hoà Bình'],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'parindex-groups-'));
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'Mã phiếu,UBND xã Tân Lập - Câu 1,UBND xã Hoà Bình - Câu 1\nX1,A,B\n');
    const r = await runSipas([{ path: p, display: 'a.csv' }], { questionnaire: qi(), roster });
    const f = r.findings.find((x) => x.code === 'SIPAS_GROUP_AGENCY_UNKNOWN')!;
    expect(f.location.cell).toBe('B1');
    expect(f.args).toMatchObject({ candidates: ['UBND-A', 'UBND-B'] });
    expect(r.units.map((u) => [u.code, u.items[0]!.index?.value])).toEqual([['UBND-C', 60]]);
  });

  it('a header that reads as two different agency × question pairs is ambiguous', () => {
    const lookup = agencyLookup(
      new Map([
        ['CB1', undefined],
        ['CB2', undefined],
      ]),
      undefined,
    );
    const m = matchGroupHeader('CB1 - CB2', qi(), lookup);
    expect(m).toEqual({ ambiguous: ['CB1/CB2', 'CB2/CB1'] });
  });

  it('a crafted header of thousands of separators is not split (and costs little)', () => {
    const lookup = agencyLookup(undefined, undefined);
    const t = performance.now();
    expect(matchGroupHeader(`${'X - '.repeat(8000)}CB1`, qi(), lookup)).toBeUndefined();
    // Within 400 characters only the first 8 places of each separator are tried: the question after the
    // 9th " - " is not read, after the 7th it is (its agency part, all the rest, names no agency).
    expect(matchGroupHeader(`${'a - '.repeat(8)}STP - CB1`, qi(), lookup)).toBeUndefined();
    expect(matchGroupHeader(`${'a - '.repeat(6)}STP - CB1`, qi(), lookup)).toMatchObject({ q: 0 });
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('a column map declares groups by field name, and agency names for headers', async () => {
    const q = qi();
    const dir = mkdtempSync(join(tmpdir(), 'parindex-groups-'));
    writeFileSync(
      join(dir, 'm.yaml'),
      [
        'columns:',
        '  id: respondent',
        '  stp_q1: { question: CB1, agency: STP }',
        '  sngv_q1: { question: CB1, agency: SNGV }',
        'agencies:',
        '  "Phòng Tư pháp huyện": STP',
        '',
      ].join('\n'),
    );
    const decl = loadColumnDeclarations(join(dir, 'm.yaml'), 'm.yaml', q);
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'id,stp_q1,sngv_q1,Phòng Tư pháp huyện - Câu 2\nX1,A,A,C\nX2,B,,D\n');
    const r = await runSipas([{ path: p, display: 'a.csv' }], {
      questionnaire: q,
      roster: ROSTER,
      columnMap: decl.columns,
      agencyNames: decl.agencies,
    });
    // STP: CB1 A, B → 80; CB2 C, D → 10; direction (80 + 10)/2 = 45.
    expect(indices(r, 'STP')).toMatchObject({ respondents: 2, 'reform.direction': 45 });
    // SNGV is not in the roster: a finding at the declared column's header, C1.
    expect(cells(r, 'SIPAS_GROUP_AGENCY_UNKNOWN')).toEqual(['C1']);
  });

  it('refuses --by group for a file of several agencies a row', async () => {
    const r = await runSipas([fx('officials-groups/dai-bieu.csv')], {
      questionnaire: qi(),
      roster: ROSTER,
      by: 'group',
    });
    expect(r.findings.map((f) => f.code)).toContain('SIPAS_LAYOUT_NEEDS_AGENCY');
    expect(r.units).toEqual([]);
  });
});

describe('long layout: respondent / agency / question / answer', () => {
  it('scores each agency by hand; unknown agency, question and a repeat are findings at their cells', async () => {
    const r = await runSipas([fx('officials-long/phieu.csv')], { questionnaire: qi(), roster: ROSTER });
    // STP: R1 CB1 A, CB2 B; R2 ("Sở Tư pháp", "Câu 1") CB1 B, CB3 D → CB1 (100+60)/2 = 80, CB2 60, CB3 0;
    // direction 70, services 0, overall 35; respondents R1, R2.
    expect(indices(r, 'STP')).toEqual({
      sipas: 35,
      respondents: 2,
      'reform.direction': 70,
      'reform.services': 0,
    });
    // SNV: R1 CB1 C = 20; R3 CB2 A = 100 (CB4 "Không đánh giá" left out) → direction 60, no services, overall 60.
    expect(indices(r, 'SNV')).toEqual({
      sipas: 60,
      respondents: 2,
      'reform.direction': 60,
      'reform.services': undefined,
    });
    expect(cells(r, 'SIPAS_UNKNOWN_AGENCY')).toEqual(['B7']);
    expect(cells(r, 'SIPAS_DUPLICATE_ANSWER')).toEqual(['D8']);
    expect(cells(r, 'SIPAS_UNKNOWN_QUESTION')).toEqual(['C9']);
    expect(r.counts.SIPAS_UNKNOWN_COLUMN).toBeUndefined();
    expect(r.counts.SIPAS_QUESTION_MISSING).toBeUndefined();
  });

  it('needs a respondent column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-long-'));
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'Cơ quan,Câu hỏi,Trả lời\nSTP,CB1,A\n');
    const r = await runSipas([{ path: p, display: 'a.csv' }], { questionnaire: qi() });
    expect(r.findings.map((f) => f.code)).toContain('SIPAS_RESPONDENT_COLUMN_MISSING');
  });

  it('the built CLI reads it with a roster file (warnings only: exit 0)', () => {
    const r = runBin([
      'sipas',
      'fixtures/sipas/officials-long/phieu.csv',
      '--questionnaire',
      'officials-illustrative@2025.1',
      '--roster',
      'fixtures/sipas/officials-roster.csv',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as SipasResult;
    expect(out.units.find((u) => u.code === 'STP')!.index!.value).toBe(35);
  });
});
