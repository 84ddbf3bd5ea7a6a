/**
 * What people print: each kind of workbook parindex writes (template, appraisal and explanation
 * workbooks, Excel report, the split report's index and a group's workbook, SIPAS report) converted to PDF by
 * LibreOffice, and the HTML report printed by Chromium. For each: every page A4, the page count
 * within a bound stated for the sample round, and nothing clipped, checked on the PDF's words
 * (pdftotext -bbox): every word of every printed text cell is in the PDF as often as in the
 * workbook (a cell cut at its border loses words or ends mid-word), no word is drawn over another
 * (wrapped text in a row too short for it runs into the next row), no word runs off the paper.
 * Skipped, with a warning, where LibreOffice, Chromium or poppler is missing (.ci/run installs them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { textIn } from '../../src/criteria/tree.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import type { RoundResult } from '../../src/result/schema.js';
import { runBin } from '../helpers/cli.js';
import {
  HAS_CHROMIUM,
  HAS_POPPLER,
  HAS_SOFFICE,
  isA4,
  missingWords,
  overlappingWords,
  pdfPages,
  pdfWords,
  printedTexts,
  sofficeConvert,
  warnMissing,
  wordsOffPage,
} from '../helpers/office.js';
import { makeRound } from '../helpers/round.js';

const R = 'fixtures/sample-round';
const dir = mkdtempSync(join(tmpdir(), 'parindex-print-'));
const out = (f: string): string => join(dir, f);
/** Text with every space and line break removed: a wrapped cell reads as one run. */
const squeeze = (s: string): string => s.normalize('NFC').replace(/\s+/g, '');
const pdfRaw = (pdf: string): string =>
  squeeze(spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout);

/** Page size, page count and the three clipping checks, for one PDF. */
function expectPrinted(pdf: string, bound: number, texts: readonly string[]): void {
  const { pages, sizes } = pdfPages(pdf);
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThanOrEqual(bound);
  expect(sizes.filter((s) => !isA4(s))).toEqual([]);
  const words = pdfWords(pdf);
  expect(missingWords(texts, words)).toEqual([]);
  expect(overlappingWords(words)).toEqual([]);
  expect(wordsOffPage(words)).toEqual([]);
}

describe.skipIf(!HAS_SOFFICE || !HAS_POPPLER)('workbooks print on A4 (LibreOffice)', () => {
  beforeAll(() => {
    expect(runBin(['template', '--criteria', 'hn-internal@2024', '--out', out('template.xlsx')]).code).toBe(0);
    expect(runBin(['appraisal-template', R, '--out', out('appraisal.xlsx')]).code).toBe(0);
    expect(runBin(['score', R, '--out', out('report.xlsx'), out('report.html')]).code).toBeLessThan(2);
    expect(runBin(['score', R, '--split-by', 'group', '--out', out('split.xlsx')]).code).toBeLessThan(2);
    const explain = ['explanation-template', R, '--out', out('giai-trinh'), '--agency', 'SYT'];
    expect(runBin(explain).code).toBe(0);
    runBin([
      'sipas',
      `${R}/survey/phieu-khao-sat.csv`,
      '--questionnaire',
      'sipas-illustrative@2025.1',
      '--out',
      out('sipas.xlsx'),
    ]);
    sofficeConvert(
      [
        'template.xlsx',
        'appraisal.xlsx',
        'giai-trinh/giai-trinh-SYT.xlsx',
        'report.xlsx',
        'split.xlsx',
        'split/so-ban-nganh.xlsx',
        'sipas.xlsx',
      ].map(out),
      'pdf',
      dir,
    );
  }, 600_000);

  // Bounds for the sample round (20 departments, 30 communes, 2,275 survey answers), each a little
  // above what it prints: the template's six sheets of hn-internal@2024 (measured 3 pages); the
  // appraisal workbook's ~95 rows an agency, about 28 a page (66); SYT's explanation workbook, the
  // instructions and one adjusted item (2); the report's ranking, summary,
  // fields and certainty sheets (~12) and about 3 pages a scorecard (159); the split index without
  // scorecards (10); the departments' workbook, 20 scorecards (67); SIPAS's rankings and one row per
  // unit and question (54).
  const cases: [string, string, number, () => string[]][] = [
    [
      'template',
      'template.xlsx',
      6,
      () => {
        const idx = loadCriteriaSet('hn-internal@2024');
        return [
          'BIỂU MẪU TỰ CHẤM ĐIỂM',
          'Điểm tính theo cách chấm',
          'Tài liệu kiểm chứng',
          'Tổng điểm dự kiến',
          'Chỉ số dự kiến (%)',
          ...idx.items.map((e) => textIn(e.item.title, 'vi')),
        ];
      },
    ],
    ['appraisal', 'appraisal.xlsx', 80, () => ['Điểm thẩm định', 'Lý do điều chỉnh']],
    ['giai-trinh-SYT', 'giai-trinh/giai-trinh-SYT.xlsx', 4, () => ['Nội dung giải trình', 'Sở Y tế']],
    [
      'report',
      'report.xlsx',
      4 * 50 + 12,
      () => [
        'KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025',
        'Kèm theo Quyết định số',
        'THỦ TRƯỞNG CƠ QUAN',
        'Sở Văn hoá, Thể thao và Du lịch',
        'Trung tâm Phục vụ hành chính công tỉnh',
      ],
    ],
    ['split', 'split.xlsx', 15, () => ['Tệp theo nhóm', 'split/so-ban-nganh.xlsx', 'split/ubnd-xa-phuong.xlsx']],
    ['so-ban-nganh', 'split/so-ban-nganh.xlsx', 4 * 20 + 12, () => ['Sở Văn hoá, Thể thao và Du lịch']],
    ['sipas', 'sipas.xlsx', 60, () => ['SIPAS']],
  ];
  for (const [name, file, bound, labels] of cases) {
    it(`${file}: every page A4, at most ${bound} pages, no text cell clipped`, async () => {
      const pdf = out(`${name}.pdf`);
      expectPrinted(pdf, bound, await printedTexts(out(file)));
      const text = pdfRaw(pdf);
      expect(labels().filter((l) => !text.includes(squeeze(l)))).toEqual([]);
    });
  }
});

/** Prints an HTML file to PDF with Chromium, as a reader would. */
function chromiumPdf(html: string, pdf: string): void {
  const bin = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  }).stdout.trim();
  spawnSync(
    bin,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, html],
    { timeout: 120_000 },
  );
}

describe.skipIf(!HAS_CHROMIUM || !HAS_POPPLER)('the HTML report prints on A4 (Chromium)', () => {
  // The sample round printed 55 Letter pages before the print stylesheet; now: the title and
  // summary, a page of chart for each of the two groups, the field legend and two heatmap pages
  // (5 pages, bound 8), then the 50 agency cards about two to a page (26 measured).
  const BOUND = 8 + Math.ceil(50 / 2);
  it(`report.html: every page A4, at most ${BOUND} pages, names and field labels whole`, {
    timeout: 300_000,
  }, () => {
    const html = out('report.html');
    if (!existsSync(html)) expect(runBin(['score', R, '--out', html]).code).toBeLessThan(2);
    const pdf = out('report-html.pdf');
    chromiumPdf(html, pdf);
    const set = loadCriteriaSet('illustrative-internal@2025.1');
    const names = ['Sở Văn hoá, Thể thao và Du lịch', 'Trung tâm Phục vụ hành chính công tỉnh'];
    // Every field with points is named in the legend ("1 Công tác …") and, as "1. Công tác …", on
    // each of the 50 cards.
    const fields = set.set.fields.filter((f) => f.max > 0);
    const onCards = fields.map((f) => `${f.code}. ${textIn(f.title, 'vi')}`);
    expectPrinted(pdf, BOUND, [
      ...names,
      ...fields.map((f) => textIn(f.title, 'vi')),
      ...Array.from({ length: 50 }, () => onCards).flat(),
    ]);
  });

  it('a set of 12 fields: the heatmap printed as tables of 6 fields, none off the page', {
    timeout: 120_000,
  }, async () => {
    // The tiny round (test/helpers/round.ts) with its set widened to 12 fields (no agency has
    // points in the new ones: their cells show "—").
    const result = (await runRound(await makeRound({ year: 2025, appraisal: false }))).result!;
    const wide: RoundResult = structuredClone(result);
    wide.criteria[0]!.fields = Array.from({ length: 12 }, (_, i) => ({
      code: String(i + 1),
      title: { vi: `Lĩnh vực số ${i + 1}` },
      max: 1,
    })) as RoundResult['criteria'][number]['fields'];
    const html = out('wide.html');
    writeFileSync(html, renderHtmlReport(wide, { lang: 'vi' }));
    const pdf = out('wide.pdf');
    chromiumPdf(html, pdf);
    const headers = Array.from({ length: 12 }, (_, i) => `LV${i + 1}`);
    // Each group's heatmap prints LV1…LV6 then LV7…LV12: every header once a group (2 groups).
    expectPrinted(pdf, 12, [...headers, ...headers]);
    const text = pdfRaw(pdf);
    expect(text).toContain(squeeze('(LV1–LV6)'));
    expect(text).toContain(squeeze('(LV7–LV12)'));
  });
});

describe.skipIf(HAS_SOFFICE && HAS_CHROMIUM && HAS_POPPLER)('print tests without their programs', () => {
  it('are skipped, visibly', () => {
    if (!HAS_SOFFICE) warnMissing('soffice (LibreOffice)', 'the workbook print test');
    if (!HAS_CHROMIUM) warnMissing('chromium', 'the HTML print test');
    if (!HAS_POPPLER) warnMissing('pdftotext/pdfinfo (poppler)', 'the print tests');
  });
});
