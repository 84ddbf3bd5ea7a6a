/**
 * The sample round's reports opened by real programs: the workbook converted to PDF by
 * LibreOffice, the HTML page rendered by headless Chromium (no console errors, one bar per
 * ranked agency, a screenshot under test-output/ for people to look at). Each test runs when its
 * program is installed (`.ci/run` installs both) and is skipped, with a warning, when it is not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { renderXlsxReport } from '../../src/report/xlsx-report.js';
import { runRound } from '../../src/pipeline/run-round.js';
import { ROOT } from '../helpers/cli.js';

const OUT = join(ROOT, 'test-output');
const CHROMIUM = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].find((p): p is string => !!p && existsSync(p));
const SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

if (!SOFFICE)
  process.stderr.write(
    '⚠ LibreOffice (soffice) is not installed: the PDF conversion test of the Excel report is skipped.\n',
  );
if (!CHROMIUM) process.stderr.write('⚠ Chromium is not installed: the browser test of the HTML report is skipped.\n');

describe('the sample round’s reports in real programs', async () => {
  const run = await runRound(join(ROOT, 'fixtures/sample-round'));
  const result = run.result!;
  const ranked = result.agencies.filter((a) => a.rank !== undefined).length;
  mkdirSync(OUT, { recursive: true });

  it.skipIf(!SOFFICE)(
    'LibreOffice converts the Excel report to PDF without errors (needs soffice)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parindex-soffice-'));
      const xlsx = join(dir, 'bao-cao.xlsx');
      writeFileSync(xlsx, await renderXlsxReport(result, { lang: 'vi' }));
      const r = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          xlsx,
        ],
        {
          encoding: 'utf8',
          timeout: 180_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const pdf = join(dir, 'bao-cao.pdf');
      expect(existsSync(pdf)).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      // One page or more per sheet: summary, fields, 50 scorecards, appraisal, findings, about.
      const pages = (
        readFileSync(pdf)
          .toString('latin1')
          .match(/\/Type\s*\/Page[^s]/g) ?? []
      ).length;
      expect(pages).toBeGreaterThanOrEqual(result.agencies.length + 5);
    },
    240_000,
  );

  it.skipIf(!CHROMIUM)(
    'Chromium renders the HTML report: no console errors, one bar per ranked agency, a screenshot (needs chromium)',
    async () => {
      const { chromium } = await import('playwright-core');
      const file = join(OUT, 'bao-cao.html');
      writeFileSync(file, renderHtmlReport(result, { lang: 'vi' }));
      const browser = await chromium.launch({
        executablePath: CHROMIUM!,
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
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`file://${file}`, { waitUntil: 'load' });
        expect(errors).toEqual([]);
        expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
        expect(await page.locator('svg.rank-chart g.bar').count()).toBe(ranked);
        expect(ranked).toBe(50);
        expect(await page.locator('svg.rank-chart line.threshold').count()).toBe(result.groups.length * 3);
        expect(await page.locator('article.card').count()).toBe(ranked);
        expect(await page.title()).toBe(`${result.round.name} (${result.round.year})`);
        const shot = join(OUT, 'bao-cao-html.png');
        await page.screenshot({ path: shot, fullPage: false });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
