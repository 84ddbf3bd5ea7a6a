#!/usr/bin/env node
// Pictures for the README, from the sample round: the HTML report in headless Chromium, and
// printed by LibreOffice the Excel report's summary sheet, its official ranking sheet and a
// self-scoring template's scoring sheet (these two at 60 dpi: small files, the page's layout).
// Run after `npm run build`; needs chromium, soffice and pdftoppm (Debian packages chromium,
// libreoffice-calc-nogui, poppler-utils).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { renderHtmlReport } from '../dist/report/html-report.js';
import { renderXlsxReport } from '../dist/report/xlsx-report.js';
import { runRound } from '../dist/pipeline/run-round.js';
import { loadCriteriaSet } from '../dist/criteria/load.js';
import { renderTemplateXlsx } from '../dist/intake/template.js';

const out = 'docs/images';
mkdirSync(out, { recursive: true });
const { result } = await runRound('fixtures/sample-round');
if (!result) throw new Error('the sample round did not score');
const work = mkdtempSync(join(tmpdir(), 'parindex-images-'));

const html = join(work, 'bao-cao.html');
writeFileSync(html, renderHtmlReport(result, { lang: 'vi' }));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 1250 } });
await page.goto(`file://${html}`);
await page.screenshot({ path: join(out, 'bao-cao-html.png') });
await page
  .locator('#cards article.card')
  .first()
  .screenshot({ path: join(out, 'bao-cao-html-the.png') });
await browser.close();

// Printed pages: LibreOffice prints each workbook to PDF (A4, as set in the workbook) and pdftoppm
// (Debian poppler-utils) turns a page into a picture. The report's first page is the official
// ranking sheet; its summary sheet is the first page whose footer names it ("Tổng hợp").
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return r.stdout;
};
const toPdf = (file) =>
  run('soffice', [
    `-env:UserInstallation=file://${join(work, 'profile')}`,
    '--headless',
    '--convert-to',
    'pdf',
    '--outdir',
    work,
    file,
  ]);
/** The first page of `pdf` whose text includes `text`. */
const pageWith = (pdf, text) => {
  const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
  const i = pages.findIndex((p) => p.includes(text));
  if (i < 0) throw new Error(`no page of ${pdf} shows "${text}"`);
  return i + 1;
};
const picture = (pdf, page, dpi, target) => {
  const base = join(work, 'page');
  run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  renameSync(`${base}.png`, join(out, target));
};

const xlsx = join(work, 'bao-cao.xlsx');
writeFileSync(xlsx, await renderXlsxReport(result, { lang: 'vi', scorecards: 'long' }));
toPdf(xlsx);
const reportPdf = join(work, 'bao-cao.pdf');
picture(reportPdf, pageWith(reportPdf, 'Tổng hợp'), 110, 'bao-cao-excel-tong-hop.png');
picture(reportPdf, 1, 60, 'ranking-print.png');

// The template of the Hanoi set: its scoring sheet is the page with the projected total.
const template = join(work, 'bieu-mau.xlsx');
writeFileSync(template, await renderTemplateXlsx(loadCriteriaSet('hn-internal@2024'), { lang: 'vi' }));
toPdf(template);
const templatePdf = join(work, 'bieu-mau.pdf');
picture(templatePdf, pageWith(templatePdf, 'Tổng điểm dự kiến'), 60, 'template-print.png');
console.log(
  `wrote ${out}/bao-cao-html.png, bao-cao-html-the.png, bao-cao-excel-tong-hop.png, ranking-print.png, ` +
    'template-print.png',
);
