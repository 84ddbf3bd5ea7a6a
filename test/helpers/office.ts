/**
 * LibreOffice and Chromium for the print and recalculation tests: whether they are installed,
 * and conversions through a private LibreOffice profile that recalculates every formula on load
 * (LibreOffice's default for .xlsx is to show the cached values).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

export const HAS_SOFFICE = which('soffice');
export const HAS_CHROMIUM = which('chromium') || which('chromium-browser');
export const HAS_POPPLER = which('pdftotext') && which('pdfinfo');

/** Says once, on the test output, that a test is skipped for a missing program. */
export function warnMissing(program: string, what: string): void {
  console.warn(`\n⚠ ${program} is not installed: ${what} skipped (.ci/run installs it).\n`);
}

let profile: string | undefined;
function loProfile(): string {
  if (profile) return profile;
  profile = mkdtempSync(join(tmpdir(), 'parindex-lo-'));
  const user = join(profile, 'user');
  mkdirSync(user, { recursive: true });
  const item = (name: string): string =>
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">' +
    `<prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(
    join(user, 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" ' +
      'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `${item('OOXMLRecalcMode')}${item('ODFRecalcMode')}</oor:items>\n`,
  );
  return profile;
}

/** Converts files with LibreOffice headless (`to`: "xlsx", "pdf", …) into `outDir`, recalculating formulas. */
export function sofficeConvert(files: readonly string[], to: string, outDir: string): void {
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${loProfile()}`, '--headless', '--convert-to', to, '--outdir', outDir, ...files],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
}

/** The text of a PDF (pdftotext, layout kept). */
export function pdfText(pdf: string): string {
  return spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
}

/** Page count and the size of every page in points. */
export function pdfPages(pdf: string): { pages: number; sizes: { w: number; h: number }[] } {
  const out = spawnSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' }).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1] ?? 0);
  const sizes = [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => ({
    w: Number(m[1]),
    h: Number(m[2]),
  }));
  return { pages, sizes };
}

/** Whether a page size is A4 (595 × 842 points), either way round. */
export function isA4(s: { w: number; h: number }): boolean {
  const [a, b] = [Math.min(s.w, s.h), Math.max(s.w, s.h)];
  return Math.abs(a - 595.3) < 2 && Math.abs(b - 841.9) < 2;
}
