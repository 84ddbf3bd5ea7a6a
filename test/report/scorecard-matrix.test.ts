/**
 * Issue 20, item 1: a round scored on every bundled criteria set, and on a deeper tree built here
 * (fields → criteria → sub-criteria → items, beside items directly under a field), shows every
 * item with its points and its sentence in result.json, in the Excel workbook read back (a sheet
 * per agency and the long sheet), in the HTML page and in `explain`.
 *
 * Each agency enters the full inputs of every rule (points = the maximum, "Có", the best option,
 * 10/10 or 100%, 0 violations) and the survey gives 50% on every survey item; bonus items score
 * 1 point and penalty items 0,5 where their rule takes points. By the rules (methodology §1.3):
 * an appraisal item then scores its maximum, a survey item half its maximum, and the sentence
 * follows from the input ("tự chấm 7 → 7 điểm", "tỷ lệ hài lòng 50% × 2,5 → 1,25 điểm").
 * Totals worked by hand from the sets' maxima:
 *   bnv-ministry@2022    68,5 + 31,5 / 2             = 84,25 of 100
 *   bnv-province@2017    100 (no survey)             = 100
 *   bnv-province@2024    68 + 32 / 2                 = 84
 *   camau-internal@2013  20 (no survey)              = 20 of 20 = 100%
 *   hn-internal@2024     70 + 30 / 2 + 1 − 0,5       = 85,5
 *   hn-internal@2025     70 + 30 / 2 + 1 − 0,5       = 85,5  (appraisal items 7+9+9+7,5+10,5+7,5+8,5+11 = 70)
 *   illustrative@2025.1  70 + 30 / 2 + 1 (9.1.2 "Có") = 86 (counts 0: no other bonus, no penalty)
 *   deep (below)         3 + 1 + 2 + 4 / 2           = 8 of 10 = 80%
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Chalk } from 'chalk';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import type { Item } from '../../src/criteria/schema.js';
import { appliesWithAncestors, type CriteriaIndex } from '../../src/criteria/tree.js';
import { renderExplainText } from '../../src/report/explain-text.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { renderXlsxReport } from '../../src/report/xlsx-report.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { HEAD } from '../helpers/round.js';

const DEEP = {
  format: 1,
  id: 'deep',
  version: '1',
  title: { vi: 'Bộ nhiều tầng' },
  illustrative: true,
  decision: { number: 'TEST/2' },
  agencyKinds: [{ id: 'department', title: { vi: 'Sở' } }],
  total: 10,
  sourceTotals: { appraisal: 6, survey: 4 },
  bands: [
    { id: 'A', label: { vi: 'Nhóm A' }, min: 90, max: 100 },
    { id: 'B', label: { vi: 'Nhóm B' }, min: 0, max: 90 },
  ],
  fields: [
    {
      code: '1',
      title: { vi: 'Lĩnh vực sâu' },
      max: 4,
      children: [
        {
          code: '1.1',
          title: { vi: 'Tiêu chí 1.1' },
          max: 4,
          children: [
            {
              code: '1.1.1',
              title: { vi: 'Tiêu chí thành phần 1.1.1' },
              max: 3,
              children: [
                { code: '1.1.1.1', title: { vi: 'Mục một' }, max: 2, rule: { kind: 'points', step: 0.5 } },
                { code: '1.1.1.2', title: { vi: 'Mục hai' }, max: 1, rule: { kind: 'boolean' } },
              ],
            },
            { code: '1.1.2', title: { vi: 'Mục ba' }, max: 1, rule: { kind: 'points', step: 0.25 } },
          ],
        },
      ],
    },
    {
      code: '2',
      title: { vi: 'Lĩnh vực phẳng' },
      max: 6,
      children: [
        { code: '2.1', title: { vi: 'Mục bốn' }, max: 2, rule: { kind: 'points', step: 0.5 } },
        {
          code: '2.2',
          title: { vi: 'Khảo sát' },
          max: 4,
          source: 'survey',
          evidence: 'none',
          rule: { kind: 'survey' },
        },
      ],
    },
  ],
};

interface Case {
  ref: string;
  /** Total points and index, worked by hand (see the header). */
  points: string;
  index: string;
}

const CASES: Case[] = [
  { ref: 'bnv-ministry@2022', points: '84.25', index: '84.25' },
  { ref: 'bnv-province@2017', points: '100', index: '100' },
  { ref: 'bnv-province@2024', points: '84', index: '84' },
  { ref: 'camau-internal@2013', points: '20', index: '100' },
  { ref: 'hn-internal@2024', points: '85.5', index: '85.5' },
  { ref: 'hn-internal@2025', points: '85.5', index: '85.5' },
  { ref: 'illustrative-internal@2025.1', points: '86', index: '86' },
  { ref: 'deep.yaml', points: '8', index: '80' },
];

/** "2,5" as the scorecards write numbers in Vietnamese (no trailing zeros). */
const vn = (x: number): string => String(x).replace('.', ',');
/** "2,50" as the tables write them (two decimals). */
const vn2 = (x: number): string => x.toFixed(2).replace('.', ',');

/** What the agency enters for an item (a CSV row after the agency code), and the points and sentence the rule gives. */
function plan(item: Item): { cells: string[]; final: number; detail: string } {
  const blank = (): string[] => ['', '', '', '', '', '', '', '', 'BC 1', ''];
  const c = blank();
  const r = item.rule;
  switch (r.kind) {
    case 'points': {
      const v = item.source === 'bonus' ? 1 : item.source === 'penalty' ? 0.5 : item.max;
      c[0] = vn(v);
      return { cells: c, final: v, detail: `tự chấm ${vn(v)} → ${vn(v)} điểm` };
    }
    case 'boolean':
      c[2] = 'Có';
      return { cells: c, final: item.max, detail: `Đạt → ${vn(item.max)} điểm` };
    case 'choice': {
      const best = [...r.options].sort((a, b) => b.points - a.points)[0]!;
      c[1] = best.label.vi;
      return { cells: c, final: best.points, detail: `${best.label.vi} → ${vn(best.points)} điểm` };
    }
    case 'bands':
      // The long CSV here has no percentage column: a percentage is written as 100 of 100.
      if (r.input === 'percent') {
        c[3] = '100';
        c[4] = '100';
        return { cells: c, final: item.max, detail: `100/100 = 100% → ${vn(item.max)} điểm` };
      }
      c[3] = '10';
      c[4] = '10';
      return { cells: c, final: item.max, detail: `10/10 = 100% → ${vn(item.max)} điểm` };
    case 'deduction':
      c[5] = '0';
      return { cells: c, final: item.max, detail: `0 ${r.unit?.vi ?? 'lần'} → ${vn(item.max)} điểm` };
    case 'count':
      c[5] = '0';
      return { cells: c, final: 0, detail: `0 ${r.unit?.vi ?? 'lần'} → 0 điểm` };
    case 'survey':
      return {
        cells: c,
        final: item.max / 2,
        detail: `tỷ lệ hài lòng 50% × ${vn(item.max)} → ${vn(item.max / 2)} điểm`,
      };
    default:
      throw new Error('rule kind');
  }
}

/**
 * The CSV columns of HEAD after "Mã cơ quan;Mã": points, option, yes, numerator, denominator, count, n/a,
 * evidence, explanation.
 */
function csvRow(agency: string, code: string, cells: string[]): string {
  return [agency, code, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[8], cells[9]].join(
    ';',
  );
}

async function makeMatrixRound(ref: string): Promise<{ dir: string; idx: CriteriaIndex; kind: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-matrix-'));
  if (ref === 'deep.yaml') writeFileSync(join(dir, 'deep.yaml'), stringify(DEEP));
  const idx = loadCriteriaSet(ref === 'deep.yaml' ? join(dir, 'deep.yaml') : ref);
  const kind = idx.set.agencyKinds[0]!.id;
  writeFileSync(
    join(dir, 'roster.csv'),
    ['mã,tên cơ quan,loại,nhóm', `A1,Sở Một,${kind},g`, `A2,Sở Hai,${kind},g`].join('\n'),
  );
  const rows: string[] = [];
  const survey: string[] = ['Mã cơ quan;Mã tiêu chí;Tỷ lệ hài lòng'];
  for (const agency of ['A1', 'A2'])
    for (const e of idx.items) {
      if (!appliesWithAncestors(idx, e.item.code, kind)) continue;
      if (e.item.rule.kind === 'survey') {
        survey.push(`${agency};${e.item.code};50%`);
        continue;
      }
      rows.push(csvRow(agency, e.item.code, plan(e.item).cells));
    }
  mkdirSync(join(dir, 'nop'));
  writeFileSync(join(dir, 'nop', 'so.csv'), [HEAD, ...rows].join('\r\n'));
  writeFileSync(join(dir, 'khao-sat.csv'), survey.join('\n'));
  const round = {
    format: 1,
    name: `Ma trận ${ref}`,
    year: 2025,
    criteria: { [kind]: ref },
    roster: 'roster.csv',
    submissions: 'nop',
    survey: { points: ['khao-sat.csv'] },
    appraisal: [],
  };
  writeFileSync(join(dir, 'round.yaml'), stringify(round));
  return { dir, idx, kind };
}

async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const reEsc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(CASES)('scorecards on $ref', async ({ ref, points, index }) => {
  const { dir, idx, kind } = await makeMatrixRound(ref);
  const run = await runRound(dir);
  const result = run.result!;
  const expected = idx.items
    .filter((e) => appliesWithAncestors(idx, e.item.code, kind))
    .map((e) => ({ code: e.item.code, ...plan(e.item) }));

  it('scores without errors, with the total worked by hand', () => {
    expect(
      run.findings
        .filter((f) => f.severity === 'error')
        .map((f) => [f.code, f.location.cell ?? f.location.file, f.criterion]),
    ).toEqual([]);
    expect(run.findings.map((f) => f.code)).not.toContain('ROUND_SURVEY_MISSING');
    const a = result.agencies.find((x) => x.code === 'A1')!;
    expect([a.total.points.exact, a.total.index.exact]).toEqual([points, index]);
  });

  it('result.json: every item with its points and sentence', () => {
    const a = result.agencies.find((x) => x.code === 'A1')!;
    const got = a.items
      .filter((i) => i.applicable)
      .map((i) => ({ code: i.code, final: i.final.value, detail: i.detail.vi }));
    expect(got).toEqual(expected.map((e) => ({ code: e.code, final: e.final, detail: e.detail })));
  });

  it('Excel, a sheet per agency and the long sheet: every item with its points and sentence', async () => {
    for (const layout of ['sheets', 'long'] as const) {
      const wb = await loadXlsx(await renderXlsxReport(result, { lang: 'vi', scorecards: layout }));
      const ws =
        layout === 'sheets' ? wb.worksheets.find((w) => w.name.startsWith('A1 '))! : wb.getWorksheet('Bảng điểm')!;
      const off = layout === 'sheets' ? 0 : 2;
      const found = new Map<string, [unknown, unknown]>();
      ws.eachRow((r) => {
        if (layout === 'long' && r.getCell(1).value !== 'A1') return;
        const code = r.getCell(1 + off).value;
        if (typeof code === 'string') found.set(code, [r.getCell(6 + off).value, r.getCell(7 + off).value]);
      });
      for (const e of expected) expect([e.code, ...(found.get(e.code) ?? [])]).toEqual([e.code, e.final, e.detail]);
    }
  });

  it('HTML: every item with its points and sentence in the agency card', () => {
    const html = renderHtmlReport(result, { lang: 'vi' });
    const card = html.slice(html.indexOf('id="agency-A1"'), html.indexOf('id="agency-A2"'));
    for (const e of expected) {
      const row = new RegExp(
        `<tr><td>${reEsc(esc(e.code))}</td><td>[^<]*</td>` +
          '<td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">[^<]*</td>' +
          `<td class="num">${reEsc(vn2(e.final))}</td><td>${reEsc(esc(e.detail))}</td></tr>`,
      );
      expect(card, e.code).toMatch(row);
    }
  });

  it('explain: every item with its points and sentence', () => {
    const a = result.agencies.find((x) => x.code === 'A1')!;
    const lines = renderExplainText(result, a, 'vi', new Chalk({ level: 0 }));
    for (const e of expected)
      expect(
        lines.some((l) => l.startsWith(e.code.padEnd(7)) && l.endsWith(` ${vn2(e.final)}  ${e.detail}`)),
        e.code,
      ).toBe(true);
  });
});
