#!/usr/bin/env node
// Pictures for the README, from the sample round: the HTML report in headless Chromium and the
// Excel report's summary sheet printed by LibreOffice. Run after `npm run build`; needs chromium,
// soffice and pdftoppm (Debian packages chromium, libreoffice-calc-nogui, poppler-utils).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { renderHtmlReport } from '../dist/report/html-report.js';
import { renderXlsxReport } from '../dist/report/xlsx-report.js';
import { runRound } from '../dist/pipeline/run-round.js';

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

// The summary sheet is the first page of the PDF LibreOffice prints (A4 landscape, as set in the
// workbook); pdftoppm (Debian poppler-utils) turns that page into a picture.
const xlsx = join(work, 'tong-hop.xlsx');
writeFileSync(xlsx, await renderXlsxReport(result, { lang: 'vi', scorecards: 'long' }));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
};
run('soffice', [
  `-env:UserInstallation=file://${join(work, 'profile')}`,
  '--headless',
  '--convert-to',
  'pdf',
  '--outdir',
  work,
  xlsx,
]);
run('pdftoppm', [
  '-png',
  '-r',
  '110',
  '-f',
  '1',
  '-l',
  '1',
  '-singlefile',
  join(work, 'tong-hop.pdf'),
  join(work, 'tong-hop'),
]);
renameSync(join(work, 'tong-hop.png'), join(out, 'bao-cao-excel-tong-hop.png'));
console.log(`wrote ${out}/bao-cao-html.png, bao-cao-html-the.png, bao-cao-excel-tong-hop.png`);
