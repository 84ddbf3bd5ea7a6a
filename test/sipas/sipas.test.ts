/**
 * SIPAS from raw answers. Every expected index below is worked out by hand from the rule:
 * item = satisfied ÷ valid × 100, element = mean of items, domain = (weighted) mean of elements,
 * overall = (weighted) mean of domains; blanks and "no opinion" are not valid answers.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/core/rational.js';
import { loadCriteriaFile } from '../../src/criteria/load.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { indexQuestionnaire, loadQuestionnaire } from '../../src/criteria/questionnaire.js';
import { Questionnaire } from '../../src/criteria/questionnaire-schema.js';
import { exactIndices, readWeight, weightedMean, type SipasUnit } from '../../src/score/sipas.js';
import { runSipas } from '../../src/pipeline/run-sipas.js';
import type { SipasResult } from '../../src/result/sipas.js';
import { sipasRoundingNotes } from '../../src/rank/sipas.js';
import { ROOT, runBin } from '../helpers/cli.js';
import { rng } from '../../scripts/rng.mjs';

const scale = {
  levels: [
    { code: 1, label: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' } },
    { code: 2, label: { vi: 'Không hài lòng' } },
    { code: 3, label: { vi: 'Bình thường' } },
    { code: 4, label: { vi: 'Hài lòng', en: 'Satisfied' } },
    { code: 5, label: { vi: 'Rất hài lòng' } },
  ],
  satisfied: [4, 5],
  noAnswer: ['Không có ý kiến'],
};

/** svc: a (Q1, Q2), b (Q3); pol: p (Q4). */
function tinyQuestionnaire(extra: { domainWeights?: [number, number]; minSample?: number } = {}) {
  const q = (code: string) => ({ code, text: { vi: code } });
  return indexQuestionnaire(
    Questionnaire.parse({
      format: 1,
      kind: 'questionnaire',
      id: 'tiny',
      version: '1',
      title: { vi: 'Thử' },
      scale,
      minSample: extra.minSample ?? 3,
      domains: [
        {
          id: 'svc',
          title: { vi: 'Dịch vụ' },
          ...(extra.domainWeights ? { weight: extra.domainWeights[0] } : {}),
          elements: [
            { id: 'a', title: { vi: 'A' }, questions: [q('Q1'), q('Q2')] },
            { id: 'b', title: { vi: 'B' }, questions: [q('Q3')] },
          ],
        },
        {
          id: 'pol',
          title: { vi: 'Chính sách' },
          ...(extra.domainWeights ? { weight: extra.domainWeights[1] } : {}),
          elements: [{ id: 'p', title: { vi: 'P' }, questions: [q('Q4')] }],
        },
      ],
    }),
  );
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'parindex-sipas-'));
}

function write(dir: string, name: string, text: string): { path: string; display: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, display: name };
}

const ANSWERS = [
  'id,agency,Q1,Q2,Q3,Q4', // row 1
  'r1,A1,5,4,2,Hài lòng', // 2
  'r2,A1,3,,4,không có ý kiến', // 3
  'r3,a1,rat hai long,1,5,2', // 4: agency code in lower case, label without diacritics
  'r4,A2,4,4,4,4', // 5
  'r5,A2,,,,', // 6: every answer blank
  'r6,A2,9,5,1,RẤT HÀI LÒNG', // 7: 9 is off the scale
  'r1,A1,5,5,5,5', // 8: r1 again
  ',,,,,', // 9: nothing at all
  'r9,A9,5,5,5,5', // 10: not in the roster
].join('\n');

function unit(r: SipasResult, code: string): SipasUnit {
  const u = r.units.find((x) => x.code === code);
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

const byId = (u: SipasUnit) => Object.fromEntries([...u.elements, ...u.domains].map((x) => [x.id, x.index?.exact]));

describe('SIPAS indices from answers', () => {
  it('computes item, element, domain and overall indices by hand, leaving out blanks and "no opinion"', async () => {
    const dir = tmp();
    const f = write(dir, 'answers.csv', ANSWERS);
    const r = await runSipas([f], {
      questionnaire: tinyQuestionnaire(),
      roster: new Map([
        ['A1', 'Cơ quan 1'],
        ['A2', 'Cơ quan 2'],
      ]),
    });

    // A1 (rows 2–4): Q1 5,3,5 → 2/3; Q2 4,–,1 → 1/2; Q3 2,4,5 → 2/3; Q4 4,–,2 → 1/2.
    const a1 = unit(r, 'A1');
    expect(a1.respondents).toBe(3);
    expect(a1.name).toBe('Cơ quan 1');
    expect(a1.items.map((i) => [i.code, i.satisfied, i.valid, i.index?.exact])).toEqual([
      ['Q1', 2, 3, '200/3'],
      ['Q2', 1, 2, '50'],
      ['Q3', 2, 3, '200/3'],
      ['Q4', 1, 2, '50'],
    ]);
    // a = (200/3 + 50) / 2 = 175/3; b = 200/3; svc = (175/3 + 200/3) / 2 = 62.5; pol = 50; overall = 56.25.
    expect(byId(a1)).toEqual({ 'svc.a': '175/3', 'svc.b': '200/3', 'pol.p': '50', svc: '62.5', pol: '50' });
    expect(a1.index).toEqual({ exact: '56.25', value: 56.25 });
    expect(a1.elements[0]).toMatchObject({ valid: 5, index: { value: 58.33 } });

    // A2 (rows 5 and 7; row 6 is empty): Q1 4,(9) → 1/1; Q2 4,5; Q3 4,1 → 1/2; Q4 4,5.
    const a2 = unit(r, 'A2');
    expect(a2.respondents).toBe(2);
    expect(byId(a2)).toEqual({ 'svc.a': '100', 'svc.b': '50', 'pol.p': '100', svc: '75', pol: '100' });
    expect(a2.index?.exact).toBe('87.5');
    expect(a2.smallSample).toBe(true);

    // Pooled: Q1 3/4, Q2 3/4, Q3 3/5, Q4 3/4 → a 75, b 60, svc 67.5, pol 75, overall 71.25.
    expect(r.overall.respondents).toBe(5);
    expect(byId(r.overall)).toEqual({ 'svc.a': '75', 'svc.b': '60', 'pol.p': '75', svc: '67.5', pol: '75' });
    expect(r.overall.index?.exact).toBe('71.25');

    // Ranking by SIPAS.
    expect([a2.rank, a2.rankOf, a1.rank, a1.rankOf]).toEqual([1, 2, 2, 2]);
  });

  it('reports every bad row with its row and cell, and never counts it', async () => {
    const dir = tmp();
    const f = write(dir, 'answers.csv', ANSWERS);
    const r = await runSipas([f], {
      questionnaire: tinyQuestionnaire(),
      roster: new Map([
        ['A1', undefined],
        ['A2', undefined],
      ]),
    });
    const where = r.findings.map((x) => [x.code, x.location.row, x.location.cell ?? null]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['SIPAS_EMPTY_ROW', 6, null],
        ['SIPAS_ANSWER_OUT_OF_SCALE', 7, 'C7'],
        ['SIPAS_DUPLICATE_RESPONDENT', 8, 'A8'],
        ['SIPAS_EMPTY_ROW', 9, null],
        ['SIPAS_UNKNOWN_AGENCY', 10, 'B10'],
        ['SIPAS_SMALL_SAMPLE', undefined, null],
      ]),
    );
    const dup = r.findings.find((x) => x.code === 'SIPAS_DUPLICATE_RESPONDENT');
    expect(dup?.args).toEqual({ respondent: 'r1', firstFile: 'answers.csv', firstRow: 2 });
    expect(r.counts).toEqual({
      SIPAS_EMPTY_ROW: 2,
      SIPAS_ANSWER_OUT_OF_SCALE: 1,
      SIPAS_DUPLICATE_RESPONDENT: 1,
      SIPAS_UNKNOWN_AGENCY: 1,
      SIPAS_SMALL_SAMPLE: 1,
    });
    expect(r.inputs[0]).toMatchObject({ file: 'answers.csv', rows: 9, respondents: 5 });
    expect(r.inputs[0]!.sha256).toBe(createHash('sha256').update(readFileSync(f.path)).digest('hex'));
    expect(r.findings.every((x) => x.severity !== 'error')).toBe(true);
  });

  it('without a roster every code is a unit', async () => {
    const dir = tmp();
    const r = await runSipas([write(dir, 'answers.csv', ANSWERS)], { questionnaire: tinyQuestionnaire() });
    expect(r.units.map((u) => u.code)).toEqual(['A1', 'A2', 'A9']);
    expect(unit(r, 'A9').index?.exact).toBe('100');
  });

  it('lists the first 20 findings of a kind per file and gives the true count', async () => {
    const dir = tmp();
    const rows = ['agency,Q1,Q2,Q3,Q4', ...Array.from({ length: 35 }, () => 'A1,7,4,4,4')];
    const r = await runSipas([write(dir, 'a.csv', rows.join('\r\n'))], { questionnaire: tinyQuestionnaire() });
    expect(r.findings.filter((x) => x.code === 'SIPAS_ANSWER_OUT_OF_SCALE')).toHaveLength(20);
    expect(r.findings.find((x) => x.code === 'SIPAS_MORE')?.args).toEqual({
      code: 'SIPAS_ANSWER_OUT_OF_SCALE',
      shown: 20,
      total: 35,
    });
    expect(r.counts.SIPAS_ANSWER_OUT_OF_SCALE).toBe(35);
    // The rows still count: Q2–Q4 are valid, Q1 has no valid answer.
    expect(unit(r, 'A1').items[0]).toEqual({ code: 'Q1', element: 'svc.a', valid: 0, satisfied: 0 });
    expect(unit(r, 'A1').elements[0]?.index?.exact).toBe('100');
  });

  it('applies respondent weights to satisfied and valid answers alike', async () => {
    const dir = tmp();
    const text = [
      'agency;trọng số;Q1;Q2;Q3;Q4',
      'A1;2;5;;;',
      'A1;1;3;;;',
      'A1;1,5;1;;;',
      'A1;-1;5;;;',
      'A1;abc;5;;;',
    ].join('\n');
    const r = await runSipas([write(dir, 'w.csv', text)], { questionnaire: tinyQuestionnaire(), weights: 'Trọng số' });
    // Q1: satisfied weight 2 of valid 2 + 1 + 1.5 = 4.5 → 400/9 = 44.44.
    expect(unit(r, 'A1').items[0]).toEqual({
      code: 'Q1',
      element: 'svc.a',
      index: { exact: '400/9', value: 44.44 },
      valid: 3,
      satisfied: 1,
    });
    expect(r.findings.filter((x) => x.code === 'SIPAS_BAD_WEIGHT').map((x) => x.location.cell)).toEqual(['B5', 'B6']);
    expect(r.aggregation.respondentWeights).toBe('Trọng số');
    // Unweighted (the column is then a note) all five rows count: 5, 3, 1, 5, 5 → 3/5 = 60.
    const plain = await runSipas([write(dir, 'p.csv', text.replace(/^(agency);trọng số/, '$1;ghi chú'))], {
      questionnaire: tinyQuestionnaire(),
    });
    expect(unit(plain, 'A1').items[0]?.index?.exact).toBe('60');
  });

  it('reads weights to 6 decimals and refuses what is not a positive number up to 10,000', () => {
    expect(readWeight('1,5')).toBe(1_500_000);
    expect(readWeight(0.0000004)).toBeUndefined();
    expect(readWeight('0')).toBeUndefined();
    expect(readWeight('10001')).toBeUndefined();
    expect(readWeight(undefined)).toBeUndefined();
  });

  it('weights domains as the questionnaire declares', async () => {
    const dir = tmp();
    const r = await runSipas([write(dir, 'answers.csv', ANSWERS)], {
      questionnaire: tinyQuestionnaire({ domainWeights: [3, 1] }),
    });
    // A1: (3 × 62.5 + 1 × 50) / 4 = 59.375.
    expect(unit(r, 'A1').index?.exact).toBe('59.375');
    expect(r.aggregation.domains.map((d) => [d.id, d.weight])).toEqual([
      ['svc', 3],
      ['pol', 1],
    ]);
  });

  it('reads an xlsx answer file like the same answers in CSV', async () => {
    const dir = tmp();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Phiếu');
    for (const line of ANSWERS.split('\n'))
      ws.addRow(line.split(',').map((c) => (/^\d+$/.test(c) ? Number(c) : c === '' ? null : c)));
    await wb.xlsx.writeFile(join(dir, 'answers.xlsx'));
    const fromXlsx = await runSipas([{ path: join(dir, 'answers.xlsx'), display: 'answers.xlsx' }], {
      questionnaire: tinyQuestionnaire(),
    });
    const fromCsv = await runSipas([write(dir, 'answers.csv', ANSWERS)], { questionnaire: tinyQuestionnaire() });
    expect(fromXlsx.units).toEqual(fromCsv.units);
    expect(fromXlsx.findings.find((x) => x.code === 'SIPAS_ANSWER_OUT_OF_SCALE')?.location).toMatchObject({
      sheet: 'Phiếu',
      cell: 'C7',
    });
  });

  it('stops a file without an agency column or question columns, and names missing and unknown columns', async () => {
    const dir = tmp();
    const r = await runSipas([write(dir, 'x.csv', 'Q1,Q2,Lạ\n5,5,1\n'), write(dir, 'y.csv', 'agency,foo\nA1,1\n')], {
      questionnaire: tinyQuestionnaire(),
    });
    expect(r.findings.map((f) => [f.code, f.location.file, f.severity])).toEqual(
      expect.arrayContaining([
        ['SIPAS_UNKNOWN_COLUMN', 'x.csv', 'warning'],
        ['SIPAS_QUESTION_MISSING', 'x.csv', 'warning'],
        ['SIPAS_AGENCY_COLUMN_MISSING', 'x.csv', 'error'],
        ['SIPAS_NO_QUESTIONS', 'y.csv', 'error'],
      ]),
    );
    expect(r.units).toEqual([]);
  });
});

describe('SIPAS aggregation is data', () => {
  // Published 2023 SIPAS element figures for public administrative services.
  const published = [83.0, 83.02, 83.12, 83.03, 82.27];

  function servicesQuestionnaire(weights?: number[]) {
    return indexQuestionnaire(
      Questionnaire.parse({
        format: 1,
        kind: 'questionnaire',
        id: 'five',
        version: '1',
        title: { vi: 'Năm yếu tố' },
        scale,
        domains: [
          {
            id: 'services',
            title: { vi: 'Dịch vụ hành chính công' },
            elements: ['access', 'procedures', 'civil-servants', 'results', 'feedback'].map((id, i) => ({
              id,
              title: { vi: id },
              ...(weights ? { weight: weights[i] } : {}),
              questions: [{ code: `DV${i + 1}`, text: { vi: id } }],
            })),
          },
        ],
      }),
    );
  }

  // A tally whose items give exactly the published figures: satisfied/valid = 8300/10000 …
  const tally = {
    validN: new Uint32Array(5).fill(10_000),
    validW: new Float64Array(5).fill(10_000),
    satW: Float64Array.from(published.map((p) => Math.round(p * 100))),
  };

  it('the 2023 element figures combine to 82,89 under equal element weights', () => {
    const e = exactIndices(tally, servicesQuestionnaire());
    expect(e.elements.map((x) => x.value?.toFixed(2))).toEqual(['83.00', '83.02', '83.12', '83.03', '82.27']);
    // (83 + 83.02 + 83.12 + 83.03 + 82.27) / 5 = 414.44 / 5 = 82.888 → 82.89.
    expect(e.overall?.toExact()).toBe('82.888');
    expect(e.overall?.toFixed(2)).toBe('82.89');
  });

  it('other declared weights give another figure from the same answers', () => {
    // Access counted twice: (2 × 83 + 83.02 + 83.12 + 83.03 + 82.27) / 6 = 497.44 / 6 = 82.9066… → 82.91.
    const e = exactIndices(tally, servicesQuestionnaire([2, 1, 1, 1, 1]));
    expect(e.overall?.toFixed(2)).toBe('82.91');
    expect(
      weightedMean([
        { value: Rational.of(1), weight: 1 },
        { value: undefined, weight: 5 },
      ])?.toExact(),
    ).toBe('1');
  });
});

describe('SIPAS ranking notes', () => {
  it('names units that show the same rounded index but hold different ranks', () => {
    const u = (code: string, exact: string, value: number, rank: number) => ({
      code,
      respondents: 1,
      index: { exact, value },
      rank,
      rankOf: 4,
      domains: [],
      elements: [],
      items: [],
    });
    const r = {
      units: [u('B', '200/3', 66.67, 2), u('A', '66.67', 66.67, 1), u('C', '66.665', 66.67, 3), u('D', '50', 50, 4)],
    } as unknown as SipasResult;
    // 66.67 > 200/3 = 66.6666… > 66.665: three different ranks behind one rounded figure.
    expect(sipasRoundingNotes(r.units)).toEqual([{ value: 66.67, codes: ['A', 'B', 'C'] }]);
  });
});

describe('questionnaire files', () => {
  it('the bundled questionnaire has the published structure and says it is illustrative', () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    const counts = Object.fromEntries(
      qi.q.domains.flatMap((d) => d.elements.map((e) => [`${d.id}.${e.id}`, e.questions.length])),
    );
    expect(counts).toMatchObject({
      'services.access': 4,
      'services.procedures': 4,
      'services.civil-servants': 5,
      'services.results': 3,
      'services.feedback': 3,
    });
    const policies = qi.q.domains.find((d) => d.id === 'policies')!;
    expect(policies.elements.reduce((s, e) => s + e.questions.length, 0)).toBe(14);
    expect(qi.q.illustrative).toBe(true);
    expect(qi.q.provenance).toMatchObject({ status: 'illustrative' });
    expect(qi.q.scale.satisfied).toEqual([4, 5]);
  });

  it('reads codes, labels in any case with or without diacritics, and "no opinion"', () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    expect(qi.answer('4')).toEqual({ code: 4, points: 1 });
    expect(qi.answer(5)).toEqual({ code: 5, points: 1 });
    expect(qi.answer('4.0')).toEqual({ code: 4, points: 1 });
    expect(qi.answer('3 - Bình thường')).toEqual({ code: 3, points: 0 });
    expect(qi.answer('RẤT KHÔNG HÀI LÒNG')).toEqual({ code: 1, points: 0 });
    expect(qi.answer('khong hai long')).toEqual({ code: 2, points: 0 });
    expect(qi.answer('Không có ý kiến')).toBe('none');
    expect(qi.answer('  ')).toBe('none');
    expect(qi.answer('6')).toBe('bad');
    expect(qi.answer('tốt')).toBe('bad');
  });

  it('criteria check finds duplicate ids and satisfied levels off the scale', () => {
    const dir = tmp();
    const text = readFileSync(join(ROOT, 'criteria/sipas-illustrative/2025.1.yaml'), 'utf8')
      .replace('  satisfied:\n    - 4\n    - 5\n', '  satisfied:\n    - 4\n    - 6\n')
      .replace(/code: DV2\b/, 'code: DV1');
    expect(text).toContain('    - 6\n');
    writeFileSync(join(dir, 'q.yaml'), text);
    const loaded = loadCriteriaFile(join(dir, 'q.yaml'), 'q.yaml');
    expect(loaded.findings.map((f) => [f.code, f.location.path])).toEqual(
      expect.arrayContaining([
        ['SIPAS_SATISFIED_NOT_IN_SCALE', 'scale.satisfied.1'],
        ['SIPAS_DUPLICATE_ID', expect.stringMatching(/^domains\.1\.elements\.0\.questions\.1\.code$/)],
      ]),
    );
  });
});

describe('parindex sipas', () => {
  it('prints a ranked table, writes Excel and JSON, the same bytes twice, and exits 0 with warnings', () => {
    const dir = tmp();
    write(dir, 'answers.csv', ANSWERS);
    const q = join(dir, 'tiny.yaml');
    writeFileSync(q, TINY_YAML);
    const r = runBin(['sipas', 'answers.csv', '--questionnaire', q, '--out', 'sipas.xlsx', 'sipas.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1\/3 +A9 .*100,00%/);
    expect(r.stdout).toMatch(/2\/3 +A2 .*87,50%/);
    expect(r.stdout).toMatch(/3\/3 +A1 .*56,25%/);
    expect(r.stderr).toMatch(/SIPAS_DUPLICATE_RESPONDENT/);
    const json = JSON.parse(readFileSync(join(dir, 'sipas.json'), 'utf8')) as SipasResult;
    expect(json.format).toBe('parindex-sipas');
    expect(json.overall.index?.value).toBeGreaterThan(0);
    const first = readFileSync(join(dir, 'sipas.xlsx'));
    // exists
    expect(runBin(['sipas', 'answers.csv', '--questionnaire', q, '--out', 'sipas.xlsx'], { cwd: dir }).code).toBe(2);
    expect(
      runBin(['sipas', 'answers.csv', '--questionnaire', q, '--out', 'sipas.xlsx', '--force'], { cwd: dir }).code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'sipas.xlsx')).equals(first)).toBe(true);
    expect(
      runBin(['sipas', 'answers.csv', '--questionnaire', q, '--out', 'answers.csv', '--force'], { cwd: dir }).code,
    ).toBe(2);
    expect(readFileSync(join(dir, 'answers.csv'), 'utf8')).toBe(ANSWERS);
  });

  it('exits 1 when a file cannot be tallied, and speaks English with --lang en', () => {
    const dir = tmp();
    write(dir, 'bad.csv', 'Q1,Q2\n5,5\n');
    const r = runBin(['sipas', 'bad.csv', '--questionnaire', 'sipas-illustrative@2025.1', '--lang', 'en'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SIPAS_AGENCY_COLUMN_MISSING/);
    expect(r.stderr).toMatch(/agency/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a criteria set given as questionnaire (exit 2, no stack trace)', () => {
    const r = runBin(['sipas', 'x.csv', '--questionnaire', 'illustrative-internal@2025.1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/không phải bộ câu hỏi/);
  });
});

describe('SIPAS in the round', () => {
  it('the sample round takes its SIPAS items from the raw answers, share = index ÷ 100', async () => {
    const round = join(ROOT, 'fixtures/sample-round');
    const run = await runRound(round);
    const sipas = await runSipas(
      [{ path: join(round, 'survey/phieu-khao-sat.csv'), display: 'survey/phieu-khao-sat.csv' }],
      {
        questionnaire: loadQuestionnaire('sipas-illustrative@2025.1'),
      },
    );
    const snv = run.result!.agencies.find((a) => a.code === 'SNV')!;
    const item = snv.items.find((i) => i.code === '3.4.1')!;
    const el = unit(sipas, 'SNV').elements.find((e) => e.id === 'services.procedures')!;
    // 3.4.1 max 2: points = 2 × index ÷ 100, exactly.
    expect(
      Rational.fromExact(item.final.exact)!.eq(Rational.fromExact(el.index!.exact)!.mul(Rational.of(2, 100))),
    ).toBe(true);
    expect(item.detail.vi).toContain('SIPAS services.procedures');
    expect(
      run
        .result!.inputs.filter((i) => i.role === 'questionnaire' || i.file === 'survey/phieu-khao-sat.csv')
        .map((i) => i.role),
    ).toEqual(['questionnaire', 'survey']);
    expect(
      run.findings
        .filter((f) => f.code.startsWith('SIPAS_'))
        .map((f) => f.code)
        .sort(),
    ).toEqual(['SIPAS_ANSWER_OUT_OF_SCALE', 'SIPAS_EMPTY_ROW', 'SIPAS_SMALL_SAMPLE']);
  });

  it('a measure the questionnaire lacks is an error; the map in round.yaml overrides the criteria set', async () => {
    const dir = tmp();
    cpSync(join(ROOT, 'fixtures/sample-round'), dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'round.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'round.yaml'),
      yaml.replace(
        '      - survey/phieu-khao-sat.csv\n',
        '      - survey/phieu-khao-sat.csv\n    map:\n      "3.4.1": services.speed\n',
      ),
    );
    const bad = await runRound(dir);
    expect(bad.blocked).toBe(true);
    expect(bad.findings.find((f) => f.code === 'SIPAS_MEASURE_UNKNOWN')?.args).toMatchObject({
      measure: 'services.speed',
      item: '3.4.1',
    });

    writeFileSync(
      join(dir, 'round.yaml'),
      yaml.replace(
        '      - survey/phieu-khao-sat.csv\n',
        '      - survey/phieu-khao-sat.csv\n    map:\n      "3.4.1": sipas\n',
      ),
    );
    const ok = await runRound(dir);
    const item = ok.result!.agencies.find((a) => a.code === 'SNV')!.items.find((i) => i.code === '3.4.1')!;
    expect(item.detail.en).toMatch(/^SIPAS sipas /);
  });
});

const TINY_YAML = `format: 1
kind: questionnaire
id: tiny
version: "1"
title: { vi: Thử }
scale:
  levels:
    - { code: 1, label: { vi: Rất không hài lòng } }
    - { code: 2, label: { vi: Không hài lòng } }
    - { code: 3, label: { vi: Bình thường } }
    - { code: 4, label: { vi: Hài lòng } }
    - { code: 5, label: { vi: Rất hài lòng } }
  satisfied: [4, 5]
  noAnswer: [Không có ý kiến]
minSample: 3
domains:
  - id: svc
    title: { vi: Dịch vụ }
    elements:
      - { id: a, title: { vi: A }, questions: [{ code: Q1, text: { vi: Q1 } }, { code: Q2, text: { vi: Q2 } }] }
      - { id: b, title: { vi: B }, questions: [{ code: Q3, text: { vi: Q3 } }] }
  - id: pol
    title: { vi: Chính sách }
    elements:
      - { id: p, title: { vi: P }, questions: [{ code: Q4, text: { vi: Q4 } }] }
`;

describe('UTF-8 answer files read in place give what decoded text gives', () => {
  /** The same answers as UTF-8 (read in place from bytes) and as UTF-16 (decoded, then split). */
  async function both(
    text: string,
    opts: { weights?: string; roster?: Map<string, string | undefined> },
  ): Promise<[SipasResult, SipasResult]> {
    const dir8 = tmp();
    const dir16 = tmp();
    const f8 = write(dir8, 'answers.csv', text);
    writeFileSync(join(dir16, 'answers.csv'), Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, 'utf16le')]));
    const base = { questionnaire: tinyQuestionnaire(), cap: 1000, ...opts };
    const r8 = await runSipas([f8], base);
    const r16 = await runSipas([{ path: join(dir16, 'answers.csv'), display: 'answers.csv' }], base);
    return [r8, r16];
  }
  const strip = (r: SipasResult) => ({ ...r, inputs: r.inputs.map(({ sha256: _s, dialect: _d, ...rest }) => rest) });

  it(
    'on random files with duplicates, unknown and blank ' + 'agencies, labels, bad answers, weights and ragged rows',
    async () => {
      const rand = rng(8);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const answers = [
        '1',
        '2',
        '3',
        '4',
        '5',
        '5',
        '4',
        '',
        ' ',
        'Hài lòng',
        'không có ý kiến',
        '7',
        'x',
        '4.0',
        '4 - Hài lòng',
      ];
      const agencies = ['A1', 'A2', 'a1', ' A2 ', 'A3', 'ZZ', '', 'Á1', 'A1 '];
      const weights = ['1', '2', '2,5', '0.5', '0', 'abc', ''];
      for (let k = 0; k < 12; k++) {
        const withWeights = k % 2 === 0;
        const lines = [withWeights ? 'id,agency,Q1,Q2,Q3,Q4,Trọng số' : 'id,agency,Q1,Q2,Q3,Q4'];
        for (let i = 0; i < 400; i++) {
          const id =
            rand() < 0.2
              ? `r${Math.floor(rand() * 40)}`
              : rand() < 0.05
                ? 'mã phiếu ' + i
                : rand() < 0.05
                  ? ''
                  : `r${1000 + i}`;
          const cells = [
            id,
            pick(agencies),
            pick(answers),
            pick(answers),
            pick(answers),
            pick(answers),
            ...(withWeights ? [pick(weights)] : []),
          ];
          if (rand() < 0.02) cells.pop(); // a ragged row
          lines.push(cells.join(','));
          if (rand() < 0.02) lines.push(''); // a blank line
        }
        // Half the files have a quoted field late on: the rest of such a file is read as text.
        if (k % 4 >= 2) lines.splice(300, 0, `"r-q",A1,"5",4,3,"Hài lòng"`);
        const text = lines.join(k % 3 === 0 ? '\r\n' : '\n') + (k % 5 === 0 ? '' : '\n');
        const roster = new Map<string, string | undefined>([
          ['A1', 'Một'],
          ['A2', 'Hai'],
          ['A3', undefined],
          ['Á1', 'Có dấu'],
        ]);
        const [r8, r16] = await both(text, { roster, ...(withWeights ? { weights: 'Trọng số' } : {}) });
        expect(strip(r8), `file ${k}`).toEqual(strip(r16));
        expect(r8.units.length, `file ${k}`).toBeGreaterThan(2);
        expect(
          r8.findings.some((f) => f.code === 'SIPAS_DUPLICATE_RESPONDENT'),
          `file ${k}`,
        ).toBe(true);
      }
    },
  );
});
