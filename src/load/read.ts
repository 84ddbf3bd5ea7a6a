/**
 * One entry point for every spreadsheet file: bytes → kind → neutral grid, with findings for
 * what cannot be read. Files are opened read-only and never written.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { finding, type Finding } from '../findings/finding.js';
import type { Grid } from './grid.js';
import { readCsvText } from './csv.js';
import { sniffFile } from './sniff.js';
import { readXlsxSheets } from './xlsx.js';

export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 50 * 1024 * 1024 };

export interface GridRead {
  grid?: Grid;
  findings: Finding[];
  sha256?: string;
}

/** Reads `path` (shown to users as `file`). Never throws on user input. */
export async function readGrid(path: string, file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<GridRead> {
  const at = { file };
  let buf: Buffer;
  try {
    const st = statSync(path);
    if (st.size > limits.maxFileBytes)
      return { findings: [finding('INTAKE_FILE_UNREADABLE', at, { reason: `${st.size} bytes > limit ${limits.maxFileBytes} (--max-file-size)` })] };
    buf = readFileSync(path);
  } catch (e) {
    return { findings: [finding('INTAKE_FILE_UNREADABLE', at, { reason: (e as NodeJS.ErrnoException).code ?? String(e) })] };
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  if (buf.length === 0) return { sha256, findings: [finding('INTAKE_EMPTY_FILE', at, {})] };
  const kind = sniffFile(buf, file);
  switch (kind.kind) {
    case 'legacy':
      return { sha256, findings: [finding('INTAKE_LEGACY_FORMAT', at, { format: kind.format })] };
    case 'encrypted':
      return { sha256, findings: [finding('INTAKE_ENCRYPTED', at, {})] };
    case 'corrupt':
      return { sha256, findings: [finding('INTAKE_CORRUPT', at, { detail: kind.detail })] };
    case 'not-spreadsheet':
      return { sha256, findings: [finding('INTAKE_NOT_SPREADSHEET', at, { detected: kind.detected })] };
    case 'xlsx':
      try {
        const sheets = await readXlsxSheets(buf);
        return { sha256, grid: { file, format: 'xlsx', sha256, sheets }, findings: [] };
      } catch (e) {
        return { sha256, findings: [finding('INTAKE_CORRUPT', at, { detail: shortError(e) })] };
      }
    case 'csv': {
      const r = readCsvText(buf);
      const findings: Finding[] = [finding('INTAKE_CSV_DIALECT', at, { delimiter: r.delimiter, encoding: r.encoding })];
      const width = r.width;
      for (const [row, found] of r.ragged) findings.push(finding('INTAKE_RAGGED_ROW', { file, row }, { found, expected: width }));
      if (r.error) findings.push(finding('INTAKE_CSV_MALFORMED', { file, row: r.error.row }, { detail: r.error.detail }));
      return { sha256, grid: { file, format: 'csv', sha256, sheets: [r.sheet], csv: { delimiter: r.delimiter, encoding: r.encoding } }, findings };
    }
  }
}

function shortError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').slice(0, 160);
}
