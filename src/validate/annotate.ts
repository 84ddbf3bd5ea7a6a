/**
 * `validate --annotate <dir>`: a copy of each workbook with its findings as cell notes and the
 * cells highlighted, for sending back to the agency. The input file is read, never written; the
 * copy goes to another folder, atomically.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadExcel } from '../core/excel.js';
import { writeFileAtomic } from '../core/fs.js';
import { fixZipTimestamps } from '../core/zip.js';
import { UsageError } from '../findings/errors.js';
import { compareFindings, type Finding } from '../findings/finding.js';
import { renderMessage, severityLabel } from '../messages/index.js';
import type { Lang } from '../messages/types.js';
import type { InputFileRef, ValidationReport } from './types.js';
import { restoreProtections, sheetProtections } from './protection.js';

const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' } as const;

/** Writes annotated copies of the .xlsx files that have findings at cells; returns the paths written. */
export async function annotateFiles(
  report: ValidationReport,
  files: readonly InputFileRef[],
  dir: string,
  opts: { lang: Lang; force: boolean },
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const used = new Set<string>();
  for (const [i, r] of report.files.entries()) {
    const ref = files[i];
    if (!ref || r.format !== 'xlsx') continue;
    const atCells = r.findings.filter((f) => f.location.sheet !== undefined && f.location.cell !== undefined);
    if (atCells.length === 0) continue;
    let name = basename(ref.file);
    for (let n = 2; used.has(name); n++) name = basename(ref.file).replace(/(\.\w+)?$/, `-${n}$1`);
    used.add(name);
    const out = join(dir, name);
    if (resolve(out) === resolve(ref.path))
      throw new UsageError({
        vi: '--annotate không được trỏ vào thư mục chứa tệp gốc.',
        en: '--annotate must not point at the folder of the input files.',
      });
    if (existsSync(out) && !opts.force)
      throw new UsageError({
        vi: `${out} đã có; dùng --force để ghi đè.`,
        en: `${out} exists; use --force to overwrite.`,
      });
    const buf = await annotate(readFileSync(ref.path), atCells, opts.lang);
    await writeFileAtomic(out, buf);
    written.push(out);
  }
  return written;
}

async function annotate(input: Buffer, findings: Finding[], lang: Lang): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  await wb.xlsx.load(input as unknown as ArrayBuffer);
  const byCell = new Map<string, Finding[]>();
  for (const f of [...findings].sort(compareFindings)) {
    const key = `${f.location.sheet}\u0000${f.location.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  for (const [key, list] of byCell) {
    const [sheet, address] = key.split('\u0000') as [string, string];
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const cell = ws.getCell(address);
    const worst = list.some((f) => f.severity === 'error')
      ? 'error'
      : list.some((f) => f.severity === 'warning')
        ? 'warning'
        : 'info';
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[worst] } };
    cell.note = list.map((f) => `[${severityLabel(f.severity, lang)} ${f.code}] ${renderMessage(f, lang)}`).join('\n');
  }
  // The copy keeps the source's sheet protection, also in the forms exceljs does not read (LibreOffice's).
  const out = restoreProtections(Buffer.from(await wb.xlsx.writeBuffer()), sheetProtections(input));
  return fixZipTimestamps(out, new Date(Date.UTC(2000, 0, 1)));
}
