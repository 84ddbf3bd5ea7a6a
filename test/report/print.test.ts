/**
 * What people print: each kind of workbook parindex writes (template, appraisal workbook, Excel
 * report, SIPAS report) converted to PDF by LibreOffice, and the HTML report printed by Chromium.
 * Every page must be A4, the page count within a stated bound for the sample round, and the
 * labels and names that must be read found whole in the PDF's text (a clipped or overflowing cell
 * loses its words). Skipped, with a warning, where LibreOffice, Chromium or poppler is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { textIn } from '../../src/criteria/tree.js';
import { runBin } from '../helpers/cli.js';
import {
  HAS_CHROMIUM,
  HAS_POPPLER,
  HAS_SOFFICE,
  isA4,
  pdfPages,
  sofficeConvert,
  warnMissing,
} from '../helpers/office.js';

const R = 'fixtures/sample-round';
const dir = mkdtempSync(join(tmpdir(), 'parindex-print-'));
/** Text with every space and line break removed: a wrapped cell reads as one run. */
const squeeze = (s: string): string => s.normalize('NFC').replace(/\s+/g, '');
const pdfRaw = (pdf: string): string =>
  squeeze(spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout);

describe.skipIf(!HAS_SOFFICE || !HAS_POPPLER)('workbooks print on A4 (LibreOffice)', () => {
  const out = (f: string): string => join(dir, f);
  beforeAll(() => {
    expect(runBin(['template', '--criteria', 'hn-internal@2024', '--out', out('template.xlsx')]).code).toBe(0);
    expect(runBin(['appraisal-template', R, '--out', out('appraisal.xlsx')]).code).toBe(0);
    expect(runBin(['score', R, '--out', out('report.xlsx'), out('report.html')]).code).toBeLessThan(2);
    runBin([
      'sipas',
      `${R}/survey/phieu-khao-sat.csv`,
      '--questionnaire',
      'sipas-illustrative@2025.1',
      '--out',
      out('sipas.xlsx'),
    ]);
    sofficeConvert(['template.xlsx', 'appraisal.xlsx', 'report.xlsx', 'sipas.xlsx'].map(out), 'pdf', dir);
  }, 600_000);

  // Bounds for the sample round (40 agencies): stated here, checked below.
  const cases: [string, number, () => string[]][] = [
    [
      'template',
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
    ['appraisal', 80, () => ['Điểm thẩm định', 'Lý do điều chỉnh']],
    [
      'report',
      4 * 40 + 10,
      () => [
        'KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025',
        'Kèm theo Quyết định số',
        'THỦ TRƯỞNG CƠ QUAN',
        'Sở Văn hoá, Thể thao và Du lịch',
        'Trung tâm Phục vụ hành chính công tỉnh',
      ],
    ],
    ['sipas', 60, () => ['SIPAS']],
  ];
  for (const [name, bound, labels] of cases) {
    it(`${name}.xlsx: every page A4, at most ${bound} pages, every label whole`, () => {
      const pdf = out(`${name}.pdf`);
      const { pages, sizes } = pdfPages(pdf);
      expect(pages).toBeGreaterThan(0);
      expect(pages).toBeLessThanOrEqual(bound);
      expect(sizes.filter((s) => !isA4(s))).toEqual([]);
      const text = pdfRaw(pdf);
      expect(labels().filter((l) => !text.includes(squeeze(l)))).toEqual([]);
    });
  }
});

describe.skipIf(!HAS_CHROMIUM || !HAS_POPPLER)('the HTML report prints on A4 (Chromium)', () => {
  it('report.html: every page A4, at most 60 pages for the sample round, agency names whole', {
    timeout: 300_000,
  }, () => {
    const html = join(dir, 'report.html');
    if (!existsSync(html)) expect(runBin(['score', R, '--out', html]).code).toBeLessThan(2);
    const pdf = join(dir, 'report-html.pdf');
    const bin = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).stdout.trim();
    spawnSync(
      bin,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, html],
      {
        timeout: 120_000,
      },
    );
    const { pages, sizes } = pdfPages(pdf);
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(60);
    expect(sizes.filter((s) => !isA4(s))).toEqual([]);
    const text = pdfRaw(pdf);
    for (const name of ['Sở Văn hoá, Thể thao và Du lịch', 'Trung tâm Phục vụ hành chính công tỉnh'])
      expect(text).toContain(squeeze(name));
  });
});

describe.skipIf(HAS_SOFFICE && HAS_CHROMIUM && HAS_POPPLER)('print tests without their programs', () => {
  it('are skipped, visibly', () => {
    if (!HAS_SOFFICE) warnMissing('soffice (LibreOffice)', 'the workbook print test');
    if (!HAS_CHROMIUM) warnMissing('chromium', 'the HTML print test');
    if (!HAS_POPPLER) warnMissing('pdftotext/pdfinfo (poppler)', 'the print tests');
  });
});
