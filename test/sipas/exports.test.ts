/**
 * Survey exports as they come (fixtures/sipas/, written by scripts/make-sipas-fixtures.mjs): each
 * scored to indices worked out by hand from the questionnaire's rule (sipas-methodology.md; the
 * officials' survey scores A/B/C/D as 100/60/20/0 % and takes the mean).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadColumnMap } from '../../src/criteria/column-map.js';
import { indexQuestionnaire, loadQuestionnaire, textKey } from '../../src/criteria/questionnaire.js';
import { Questionnaire } from '../../src/criteria/questionnaire-schema.js';
import { agencyOfFileName, runSipas, type SipasOptions } from '../../src/pipeline/run-sipas.js';
import type { SipasResult } from '../../src/result/sipas.js';
import { ROOT } from '../helpers/cli.js';

const fx = (p: string): { path: string; display: string } => ({ path: join(ROOT, 'fixtures/sipas', p), display: p });

/** Overall, then each domain and element index of a unit, rounded as shown. */
function indices(r: SipasResult, code: string): Record<string, number | undefined> {
  const u = code === '*' ? r.overall : r.units.find((x) => x.code === code)!;
  expect(u, code).toBeDefined();
  return Object.fromEntries([
    ['sipas', u.index?.value],
    ...u.domains.map((d) => [d.id, d.index?.value]),
    ...u.elements.filter((e) => e.index).map((e) => [e.id, e.index?.value]),
  ]);
}

const codes = (r: SipasResult, code: string): string[] =>
  r.findings.filter((f) => f.code === code).map((f) => f.location.cell ?? '');

describe('forms export: question texts as headers, a timestamp, labels as answers', () => {
  it('scores SNV and STP by hand', async () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    const r = await runSipas([fx('forms-export/answers.csv')], { questionnaire: qi });
    // SNV: CS1 4,3 (no opinion left out) → 50; CS2 5,4,1 → 200/3; DV9 5,2,4 → 200/3.
    // accountability = (50 + 200/3) / 2 = 175/3; policies = 175/3; services = 200/3; overall = 62.5.
    expect(indices(r, 'SNV')).toEqual({
      sipas: 62.5,
      policies: 58.33,
      services: 66.67,
      'policies.accountability': 58.33,
      'services.civil-servants': 66.67,
    });
    // STP: CS1 4,2 → 50; CS2 4 → 100; DV9 4,5 → 100; accountability 75, services 100, overall 87.5.
    expect(indices(r, 'STP')).toMatchObject({ sipas: 87.5, policies: 75, services: 100 });
    // Pooled: CS1 2/4, CS2 3/4, DV9 4/5 → accountability 62.5, services 80, overall 71.25.
    expect(indices(r, '*')).toMatchObject({ sipas: 71.25, policies: 62.5, services: 80 });
    expect(r.units.map((u) => [u.code, u.rank])).toEqual([
      ['SNV', 2],
      ['STP', 1],
    ]);
    // The timestamp is recognised: no unknown column; every answer label is on the scale.
    expect(r.counts.SIPAS_UNKNOWN_COLUMN).toBeUndefined();
    expect(r.counts.SIPAS_ANSWER_OUT_OF_SCALE).toBeUndefined();
  });

  it('leaves numbering out of a header, and folds case and diacritics', () => {
    expect(textKey('Câu 9.1. Thông tin về chính sách')).toBe('thong tin ve chinh sach');
    expect(textKey('9.1) THÔNG TIN VỀ CHÍNH SÁCH')).toBe('thong tin ve chinh sach');
    expect(textKey('Question 3: Policy information')).toBe('policy information');
  });
});

describe("web form: field names through a column map or the questionnaire's aliases", () => {
  it('scores UBND-Q1 by hand with --columns', async () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    const columnMap = loadColumnMap(fx('web-form/columns.yaml').path, 'columns.yaml', qi);
    const r = await runSipas([fx('web-form/answers.csv')], { questionnaire: qi, columnMap });
    // CS1 5,3,1 → 100/3; CS2 5,4 → 100; DV9 5,2,4 → 200/3; accountability = (100/3 + 100)/2 = 200/3.
    expect(indices(r, 'UBND-Q1')).toMatchObject({ sipas: 66.67, policies: 66.67, services: 66.67 });
    expect(r.units[0]!.respondents).toBe(3);
    expect(r.counts.SIPAS_UNKNOWN_COLUMN).toBeUndefined();
  });

  it('without the map, the field names are unknown columns at their header cells', async () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    const r = await runSipas([fx('web-form/answers.csv')], { questionnaire: qi });
    // "agency_code" and "submitted_at" read as known headers; the field names match nothing.
    expect(r.findings.map((f) => f.code)).toContain('SIPAS_NO_QUESTIONS');
    expect(codes(r, 'SIPAS_UNKNOWN_COLUMN')).toEqual(['D1', 'E1', 'F1']);
  });

  it('a column map naming no question is refused', () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    const dir = mkdtempSync(join(tmpdir(), 'parindex-colmap-'));
    writeFileSync(join(dir, 'm.yaml'), 'question11: CS99\n');
    expect(() => loadColumnMap(join(dir, 'm.yaml'), 'm.yaml', qi)).toThrow(/CS99/);
  });
});

describe('keyed-in sheet under a title row', () => {
  it('finds the header on row 3 and scores SYT by hand', async () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    const r = await runSipas([fx('keyed-in/answers.xlsx')], { questionnaire: qi });
    // CS1 4,2,5 (7 is off the scale) → 200/3; CS2 4,5,4 (KYK left out) → 100; DV9 4,3,5 → 200/3.
    // accountability = (200/3 + 100)/2 = 250/3; services = 200/3; overall = 75.
    expect(indices(r, 'SYT')).toMatchObject({ sipas: 75, policies: 83.33, services: 66.67 });
    expect(r.units[0]!.respondents).toBe(4);
    expect(codes(r, 'SIPAS_ANSWER_OUT_OF_SCALE')).toEqual(['C7']);
    expect(r.findings.find((f) => f.code === 'SIPAS_QUESTION_MISSING')!.location.row).toBe(3);
  });

  it('skips a title row above a CSV header too', async () => {
    const qi = loadQuestionnaire('sipas-illustrative@2025.1');
    const dir = mkdtempSync(join(tmpdir(), 'parindex-title-'));
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'KẾT QUẢ KHẢO SÁT,,\n,,\nMã cơ quan,CS1,CS2\nSNV,5,2\nSNV,4,\n');
    const r = await runSipas([{ path: p, display: 'a.csv' }], { questionnaire: qi });
    // CS1 5,4 → 100; CS2 2 → 0; accountability 50.
    expect(indices(r, 'SNV')).toMatchObject({ sipas: 50, 'policies.accountability': 50 });
    expect(r.units[0]!.respondents).toBe(2);
  });
});

describe('officials assess agencies, A/B/C/D scored 100/60/20/0 %', () => {
  const opts = (): SipasOptions => ({
    questionnaire: loadQuestionnaire('officials-illustrative@2025.1'),
    agencyFromFileName: true,
  });

  it('scores one file per agency, the agency from the file name, to the mean score', async () => {
    const r = await runSipas([fx('officials-abcd/SNV.csv'), fx('officials-abcd/STC.csv')], opts());
    expect(r.aggregation.item).toMatch(/^mean score/);
    // SNV: CB1 100,60,100 → 260/3; CB2 60,60,20 → 140/3; CB3 100,0,60 → 160/3; CB4 20,100 → 60.
    // direction = 200/3, services = 170/3, overall = 185/3.
    expect(indices(r, 'SNV')).toEqual({
      sipas: 61.67,
      reform: 61.67,
      'reform.direction': 66.67,
      'reform.services': 56.67,
    });
    // STC: CB1 0,100 → 50; CB2 → 50; CB3 20,100 → 60; CB4 100 → 100: direction 50, services 80, overall 65.
    expect(indices(r, 'STC')).toMatchObject({ sipas: 65, 'reform.direction': 50, 'reform.services': 80 });
    // Pooled: CB1 72, CB2 48, CB3 56, CB4 220/3: direction 60, services 194/3, overall 187/3.
    expect(indices(r, '*')).toMatchObject({ sipas: 62.33, 'reform.direction': 60, 'reform.services': 64.67 });
    const snv = r.units.find((u) => u.code === 'SNV')!;
    // Points as full-score answers: CB1 = 1 + 0.6 + 1.
    expect(snv.items[0]).toMatchObject({ code: 'CB1', valid: 3, satisfied: 2.6 });
    expect(r.counts.SIPAS_ANSWER_OUT_OF_SCALE).toBeUndefined();
  });

  it('a file whose agency cannot be told is a finding', async () => {
    const roster = new Map([['SYT', 'Sở Y tế']]);
    const r = await runSipas([fx('officials-abcd/SNV.csv')], { ...opts(), roster });
    expect(r.findings.map((f) => f.code)).toContain('SIPAS_FILE_AGENCY_UNKNOWN');
    expect(r.units).toEqual([]);
    expect(agencyOfFileName('x/SNV_phieu.csv', new Map([['SNV', undefined]]))).toBe('SNV');
    expect(agencyOfFileName('x/phieu SNV.xlsx', new Map([['SNV', undefined]]))).toBe('SNV');
  });

  it('a constant agency counts every row of a file for it', async () => {
    const r = await runSipas([fx('officials-abcd/STC.csv')], { ...opts(), agency: 'STC' });
    expect(indices(r, 'STC')).toMatchObject({ sipas: 65 });
  });
});

describe('scales as data', () => {
  const base = {
    format: 1,
    kind: 'questionnaire',
    id: 'mixed',
    version: '1',
    title: { vi: 'Hỗn hợp' },
    scale: {
      levels: [1, 2, 3, 4, 5].map((code) => ({ code, label: { vi: `Mức ${code}` } })),
      satisfied: [4, 5],
    },
    scales: {
      yesno: {
        levels: [
          { code: 'C', label: { vi: 'Có' }, score: 100 },
          { code: 'K', label: { vi: 'Không' }, score: 0 },
        ],
      },
    },
  };

  it('a question may name another scale; its column is matched by an alias or its text', async () => {
    const q = Questionnaire.parse({
      ...base,
      domains: [
        {
          id: 'd',
          title: { vi: 'D' },
          elements: [
            {
              id: 'e',
              title: { vi: 'E' },
              questions: [
                { code: 'X1', text: { vi: 'Mức độ hài lòng chung' }, aliases: ['question1'] },
                { code: 'X2', text: { vi: 'Có được hướng dẫn không' }, scale: 'yesno' },
              ],
            },
          ],
        },
      ],
    });
    const qi = indexQuestionnaire(q);
    const dir = mkdtempSync(join(tmpdir(), 'parindex-scales-'));
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'agency,question1,Câu 2. Có được hướng dẫn không?\nA,5,Có\nA,3,Không\nA,4,C\nA,2,K\n');
    const r = await runSipas([{ path: p, display: 'a.csv' }], { questionnaire: qi });
    // X1: 5,3,4,2 → 2 of 4 satisfied = 50; X2: 100,0,100,0 → 50; element = 50.
    expect(r.units[0]!.items.map((x) => x.index?.value)).toEqual([50, 50]);
    expect(r.counts.SIPAS_UNKNOWN_COLUMN).toBeUndefined();
  });

  it('a header matching two questions is a finding at its cell', async () => {
    const q = Questionnaire.parse({
      ...base,
      domains: [
        {
          id: 'd',
          title: { vi: 'D' },
          elements: [
            {
              id: 'e',
              title: { vi: 'E' },
              questions: [
                { code: 'X1', text: { vi: 'Mức độ hài lòng' } },
                { code: 'X2', text: { vi: 'Mức độ hài lòng' } },
              ],
            },
          ],
        },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'parindex-ambig-'));
    const p = join(dir, 'a.csv');
    writeFileSync(p, 'agency,X1,Mức độ hài lòng\nA,5,5\n');
    const r = await runSipas([{ path: p, display: 'a.csv' }], { questionnaire: indexQuestionnaire(q) });
    expect(codes(r, 'SIPAS_COLUMN_AMBIGUOUS')).toEqual(['C1']);
  });
});
