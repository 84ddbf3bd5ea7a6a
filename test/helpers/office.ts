/**
 * LibreOffice and Chromium for the print and recalculation tests: whether they are installed,
 * and conversions through a private LibreOffice profile that recalculates every formula on load
 * (LibreOffice's default for .xlsx is to show the cached values).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

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

/** A word of a PDF page with its box, in points from the top left. */
export interface PdfWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every page of a PDF with its size and words (pdftotext -bbox). */
export function pdfWords(pdf: string): { w: number; h: number; words: PdfWord[] }[] {
  const xml = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 }).stdout;
  const fromXml = (s: string): string =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
      const words = [
        ...page.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)<\/word>/g),
      ].map((m) => ({
        text: fromXml(m[5]!).normalize('NFKC'),
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
      }));
      return { w: Number(size?.[1] ?? 0), h: Number(size?.[2] ?? 0), words };
    });
}

/**
 * Words drawn over other words: a wrapped cell in a row too short for it runs into the row
 * below, text wider than its column runs into the next one. Two words overlap when their boxes
 * share more than a third of the smaller box's area (letters of neighbouring words touch; a word
 * drawn over another covers it). Returns "page N: word / word" for each pair.
 */
export function overlappingWords(pages: ReturnType<typeof pdfWords>): string[] {
  const found: string[] = [];
  pages.forEach((p, i) => {
    const ws = [...p.words].sort((a, b) => a.y0 - b.y0);
    for (let a = 0; a < ws.length; a++)
      for (let b = a + 1; b < ws.length && ws[b]!.y0 < ws[a]!.y1; b++) {
        const [u, v] = [ws[a]!, ws[b]!];
        const w = Math.min(u.x1, v.x1) - Math.max(u.x0, v.x0);
        const h = Math.min(u.y1, v.y1) - Math.max(u.y0, v.y0);
        if (w <= 0 || h <= 0) continue;
        // The same word drawn twice in one place: Chromium draws an outlined SVG label as outline,
        // then fill, whose boxes share x and differ a little in height.
        if (u.text === v.text && Math.abs(u.x0 - v.x0) < 0.5 && Math.abs(u.x1 - v.x1) < 0.5) continue;
        const smaller = Math.min((u.x1 - u.x0) * (u.y1 - u.y0), (v.x1 - v.x0) * (v.y1 - v.y0));
        if (w * h > smaller / 3) found.push(`page ${i + 1}: ${u.text} / ${v.text}`);
      }
  });
  return found;
}

/** Words that reach past the page's edge (cut off the paper). */
export function wordsOffPage(pages: ReturnType<typeof pdfWords>): string[] {
  return pages.flatMap((p, i) =>
    p.words
      .filter((w) => w.x0 < 0 || w.y0 < 0 || w.x1 > p.w + 0.5 || w.y1 > p.h + 0.5)
      .map((w) => `page ${i + 1}: ${w.text}`),
  );
}

/**
 * Words of `texts` that the PDF does not hold as often as the texts do: a cell cut at its border
 * loses its last words or ends mid-word ("Supercalifrag"), and a word broken over two lines
 * becomes two other words. Compared as whole words (split at spaces and slashes, NFKC), so
 * reading order does not matter.
 */
export function missingWords(texts: Iterable<string>, pages: ReturnType<typeof pdfWords>): string[] {
  // A line may break at a "/" ("Có/" above "Không", "22" above "/6/2025"), as a reader expects: that
  // is not a cut word, so words are compared without their slashes.
  const split = (t: string): string[] => t.split(/[\s/]+/).filter((x) => x);
  const have = new Map<string, number>();
  for (const p of pages) for (const x of p.words) for (const w of split(x.text)) have.set(w, (have.get(w) ?? 0) + 1);
  const want = new Map<string, number>();
  for (const t of texts) for (const w of split(t.normalize('NFKC'))) want.set(w, (want.get(w) ?? 0) + 1);
  return [...want].filter(([w, n]) => (have.get(w) ?? 0) < n).map(([w, n]) => `${w} (${have.get(w) ?? 0}/${n})`);
}

/** The text of every cell a workbook prints: visible sheets, rows and columns, text values only. */
export async function printedTexts(xlsx: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    ws.eachRow((row) => {
      if (row.hidden) return;
      row.eachCell((c) => {
        if (ws.getColumn(c.col).hidden) return;
        if (c.type === ExcelJS.ValueType.String || c.type === ExcelJS.ValueType.RichText) out.push(c.text);
      });
    });
  }
  return out;
}
