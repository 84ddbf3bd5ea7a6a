/**
 * The intake fixtures (fixtures/intake, made by scripts/make-intake-fixtures.mjs from a clean
 * sample workbook, one mistake per cell): every file gives exactly the findings its mistakes
 * should, at their cells.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { compareFindings, type Finding } from '../../src/findings/finding.js';
import { readRoster } from '../../src/round/roster.js';
import type { RosterEntry } from '../../src/validate/check.js';
import { validateFiles } from '../../src/pipeline/check-files.js';

const DIR = join(import.meta.dirname, '../../fixtures/intake');
const expected = loadCriteriaSet('illustrative-internal@2025.1');

async function findingsOf(...names: string[]): Promise<[string, string][]> {
  const r = await readRoster(join(import.meta.dirname, '../../fixtures/sample-round/roster.csv'), 'roster.csv');
  const roster = new Map<string, RosterEntry>(r.agencies.map((a) => [a.code, a]));
  const report = await validateFiles(
    names.map((n) => ({ path: join(DIR, n), file: n })),
    { expected, roster, year: 2025 },
  );
  return pairs(report.findings);
}

function pairs(fs: readonly Finding[]): [string, string][] {
  return [...fs]
    .filter((f) => f.severity !== 'info')
    .sort(compareFindings)
    .map((f) => [f.code, f.location.cell ?? f.criterion ?? '']);
}

describe('intake fixtures: exact findings at their cells', () => {
  it('a clean department workbook has none', async () => {
    expect(await findingsOf('sach-stc.xlsx')).toEqual([]);
  });

  it('values: one finding per wrong cell', async () => {
    expect(await findingsOf('gia-tri.xlsx')).toEqual([
      ['INTAKE_UNKNOWN_OPTION', 'F4'], // 1.1.1 "Hoàn thành"
      ['INTAKE_NOT_A_NUMBER', 'E11'], // 1.3.2 "hai điểm"
      ['INTAKE_NUMERATOR_ABOVE_DENOMINATOR', 'H16'], // 2.1.1 48/45
      ['INTAKE_NEGATIVE', 'E21'], // 2.2.3 −1
      ['INTAKE_ABOVE_MAX', 'E27'], // 3.1.2 2 > 1.5
      ['INTAKE_ZERO_DENOMINATOR', 'I29'], // 3.2.1 0/0
      ['INTAKE_NOT_WHOLE', 'K41'], // 4.1.2 count 2.5
      ['INTAKE_BAD_YES_NO', 'G43'], // 4.2.1 "có lẽ"
      ['INTAKE_OFF_STEP', 'E50'], // 5.1.2 0.3, step 0.25
      ['INTAKE_HIDDEN_VALUE', 'E56'], // 5.3.2 in a hidden row
      ['INTAKE_ERROR_VALUE', 'J61'], // 6.1.1 #DIV/0!
      ['INTAKE_AMBIGUOUS_NUMBER', 'H69'], // 7.1.1 "1.234"
      ['INTAKE_PERCENT_RANGE', 'J73'], // 7.2.1 105%
      ['INTAKE_FORMULA_NO_RESULT', 'E74'], // 7.2.2 =E30*2 never computed
      ['INTAKE_DATE_NOT_NUMBER', 'E86'], // 8.3.1 a date
      ['INTAKE_MERGED_INPUT', 'M87'], // 8.3.2 evidence merged over two rows
    ]);
  });

  it('item rows: unknown, duplicate, not for this kind, not applicable where not allowed, blank, missing', async () => {
    expect(await findingsOf('tieu-chi.xlsx')).toEqual([
      ['INTAKE_MISSING_ITEM', '5.3.2'],
      ['INTAKE_MISSING_ITEM', '6.1.2'],
      ['INTAKE_MISSING_ITEM', '7.1.3'],
      ['INTAKE_NA_NOT_ALLOWED', 'L8'],
      ['INTAKE_ITEM_BLANK', 'E34'],
      ['INTAKE_UNKNOWN_ITEM', 'A56'],
      ['INTAKE_DUPLICATE_ITEM', 'A62'],
      // Issue 20, item 8: rows 62 and 71 had their locked code cell retyped (6.1.2 → 6.1.1, 7.1.3 → 1.3.3):
      // the title cells now show it. Before, nothing compared the locked cells with the set.
      ['INTAKE_LOCKED_CELL_CHANGED', 'B62'],
      ['INTAKE_LOCKED_CELL_CHANGED', 'B71'],
      ['INTAKE_ITEM_NOT_FOR_KIND', 'E71'],
    ]);
  });

  it('evidence and consistency: missing, explained, points against the rule, a typed-over subtotal', async () => {
    expect(await findingsOf('kiem-chung.xlsx')).toEqual([
      ['INTAKE_SUBTOTAL_MISMATCH', 'E6'],
      ['INTAKE_POINTS_CONTRADICT_RULE', 'E17'],
      ['INTAKE_EVIDENCE_MISSING', 'M26'],
      ['INTAKE_EVIDENCE_EXPLAINED', 'M40'],
    ]);
  });

  it(
    'the information sheet: agency code missing, another ' + 'year, another criteria set; hidden scoring sheet',
    async () => {
      expect(await findingsOf('thong-tin.xlsx')).toEqual([
        ['INTAKE_AGENCY_MISSING', 'B1'],
        ['INTAKE_YEAR_MISMATCH', 'B3'],
        ['INTAKE_CRITERIA_MISMATCH', 'B4'],
        ['INTAKE_HIDDEN_SHEET', ''],
      ]);
    },
  );

  it('agencies: not in the roster, and the same agency in two files', async () => {
    expect(await findingsOf('ngoai-danh-sach.xlsx')).toEqual([['INTAKE_AGENCY_NOT_IN_ROSTER', 'B1']]);
    expect(await findingsOf('sach-stc.xlsx', 'trung-stc.xlsx')).toEqual([['INTAKE_AGENCY_DUPLICATE', 'B1']]);
  });

  it('files that are not readable workbooks: each one finding, no crash', async () => {
    expect(await findingsOf('cu.xls')).toEqual([['INTAKE_LEGACY_FORMAT', '']]);
    expect(await findingsOf('libreoffice.ods')).toEqual([['INTAKE_LEGACY_FORMAT', '']]);
    expect(await findingsOf('mat-khau.xlsx')).toEqual([['INTAKE_ENCRYPTED', '']]);
    expect(await findingsOf('bao-cao.xlsx')).toEqual([['INTAKE_NOT_SPREADSHEET', '']]);
    expect(await findingsOf('rong.xlsx')).toEqual([['INTAKE_EMPTY_FILE', '']]);
    expect(await findingsOf('cat-ngang.xlsx')).toEqual([['INTAKE_CORRUPT', '']]);
    expect(await findingsOf('khong-tieu-de.xlsx')).toEqual([['INTAKE_HEADER_NOT_FOUND', '']]);
  });

  it('a workbook rebuilt by hand is read from its English header in row 3', async () => {
    const got = await findingsOf('tu-lam.xlsx');
    // It holds one row (1.2.2, correct); every other department item is missing.
    expect(got.filter(([c]) => c !== 'INTAKE_MISSING_ITEM')).toEqual([['INTAKE_CRITERIA_MISSING', '']]);
    expect(got.filter(([c]) => c === 'INTAKE_MISSING_ITEM').map(([, i]) => i)).not.toContain('1.2.2');
    expect(got.filter(([c]) => c === 'INTAKE_MISSING_ITEM')).toHaveLength(44);
  });

  it('CSV: BOM with semicolons and decimal commas, windows-1258 bytes, NFD text with tabs are all clean', async () => {
    for (const f of ['xa-bom-champhay.csv', 'xa-windows-1258.csv', 'xa-nfd-tab.csv'])
      expect(await findingsOf(f), f).toEqual([]);
  });

  it('CSV: a ragged row and an unterminated quote', async () => {
    expect(await findingsOf('xa-le-cot.csv')).toEqual([
      ['INTAKE_RAGGED_ROW', ''],
      ['INTAKE_EVIDENCE_MISSING', 'K4'],
    ]);
    expect(await findingsOf('xa-ngoac-kep.csv')).toEqual([['INTAKE_CSV_MALFORMED', '']]);
  });

  it('says which delimiter and encoding a CSV file was read with', async () => {
    const report = await validateFiles([{ path: join(DIR, 'xa-windows-1258.csv'), file: 'x.csv' }], { expected });
    const dialect = report.findings.find((f) => f.code === 'INTAKE_CSV_DIALECT');
    expect(dialect?.args).toEqual({ delimiter: ';', encoding: 'windows-1258' });
  });
});
