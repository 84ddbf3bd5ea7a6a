/** The documented JSON shape of `parindex validate --json`, and its text rendering. */
import type { ChalkInstance } from 'chalk';
import { z } from 'zod';
import { compareFindings, type FindingCounts } from '../findings/finding.js';
import type { Lang } from '../messages/types.js';
import { findingToJson, renderCounts, renderFindingsText, type FindingJson } from './findings-text.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { ValidationReport } from '../validate/types.js';

const Counts = z.strictObject({ error: z.number().int(), warning: z.number().int(), info: z.number().int() });
const FindingJsonSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().min(1),
  location: z.strictObject({
    file: z.string().optional(),
    sheet: z.string().optional(),
    row: z.number().int().optional(),
    column: z.number().int().optional(),
    cell: z.string().optional(),
    line: z.number().int().optional(),
    path: z.string().optional(),
  }),
  criterion: z.string().optional(),
  agency: z.string().optional(),
  args: z.unknown(),
});

/** The documented shape of `validate --json`, as a schema consumers can check against. */
export const ValidateJsonSchema = z.strictObject({
  tool: z.string(),
  version: z.string(),
  command: z.literal('validate'),
  files: z.array(
    z.strictObject({
      file: z.string(),
      format: z.enum(['xlsx', 'csv']).optional(),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      agencies: z.array(z.string()),
      criteria: z.array(z.string()),
      counts: Counts,
      findings: z.array(FindingJsonSchema),
    }),
  ),
  counts: Counts,
  ok: z.boolean(),
});

/** `validate --json`: one document, files in the order given, findings in stable order. */
export interface ValidateJson {
  tool: string;
  version: string;
  command: 'validate';
  files: {
    file: string;
    format?: 'xlsx' | 'csv';
    sha256?: string;
    agencies: string[];
    criteria: string[];
    counts: FindingCounts;
    findings: FindingJson[];
  }[];
  counts: FindingCounts;
  /** true when no finding is an error. */
  ok: boolean;
}

export function validateJson(r: ValidationReport, lang: Lang): ValidateJson {
  return {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    command: 'validate',
    files: r.files.map((f) => {
      const j: ValidateJson['files'][number] = {
        file: f.file,
        agencies: f.agencies,
        criteria: f.criteria,
        counts: f.counts,
        findings: [...f.findings].sort(compareFindings).map((x) => findingToJson(x, lang)),
      };
      if (f.format) j.format = f.format;
      if (f.sha256) j.sha256 = f.sha256;
      return j;
    }),
    counts: r.counts,
    ok: r.counts.error === 0,
  };
}

/** How `validate` prints: every file, or (the default) the files with problems and a recap. */
export interface ValidateTextOptions {
  /** Every file with its line, the clean ones too. */
  verbose?: boolean;
}

/** How many files a recap list names before "… and N more". */
const RECAP_LIST = 50;

/**
 * The files with findings (every file with `verbose`), each with its findings; then a recap: one
 * line for the clean files, the files with warnings only, the files to fix with their counts, and
 * the totals. A clean file is one without errors or warnings (information does not count). A single
 * file is always shown whole.
 */
export function renderValidateText(
  r: ValidationReport,
  lang: Lang,
  c: ChalkInstance,
  options: ValidateTextOptions = {},
): string[] {
  const vi = lang === 'vi';
  const lines: string[] = [];
  // One file is shown whole, notes included ("đọc theo mã utf-16le"): the recap is for many files.
  options = { ...options, verbose: options.verbose === true || r.files.length === 1 };
  const withErrors = r.files.filter((f) => f.counts.error > 0);
  const withWarnings = r.files.filter((f) => f.counts.error === 0 && f.counts.warning > 0);
  const clean = r.files.length - withErrors.length - withWarnings.length;
  for (const f of r.files) {
    const problem = f.counts.error > 0 || f.counts.warning > 0;
    if (!problem && !options.verbose) continue;
    const mark = f.counts.error > 0 ? c.red('✗') : f.counts.warning > 0 ? c.yellow('!') : c.green('✓');
    const who = [f.agencies.join(', '), f.criteria.join(', ')].filter(Boolean).join(' · ');
    lines.push(`${mark} ${c.bold(f.file)}${who ? c.dim(` (${who})`) : ''}: ${renderCounts(f.counts, lang)}`);
    for (const l of renderFindingsText(f.findings, lang, c))
      if (!l.startsWith(c.bold(f.file)) || l.startsWith('  ')) lines.push(l);
  }
  if (lines.length > 0) lines.push('');
  const list = (files: typeof r.files): string[] => {
    const out = files.slice(0, RECAP_LIST).map((f) => `    ${f.file}: ${renderCounts(f.counts, lang)}`);
    const more = files.length - RECAP_LIST;
    if (more > 0)
      out.push(
        vi ? `    … và ${more} tệp khác (--json để có danh sách đầy đủ)` : `    … and ${more} more (--json for all)`,
      );
    return out;
  };
  if (clean > 0) {
    const hint = options.verbose ? '' : vi ? '; thêm --verbose để liệt kê' : '; add --verbose to list them';
    lines.push(
      c.green('✓') +
        (vi
          ? ` ${clean} tệp đạt (không có lỗi, không có cảnh báo)${hint}.`
          : ` ${clean} ${clean === 1 ? 'file' : 'files'} clean (no errors, no warnings)${hint}.`),
    );
  }
  if (withWarnings.length > 0) {
    const n = withWarnings.length;
    lines.push(
      c.yellow('!') +
        (vi
          ? ` ${n} tệp chỉ có cảnh báo, nên xem lại:`
          : ` ${n} ${n === 1 ? 'file' : 'files'} with warnings only, worth a look:`),
    );
    lines.push(...list(withWarnings));
  }
  if (withErrors.length > 0) {
    const n = withErrors.length;
    lines.push(c.red('✗') + (vi ? ` ${n} tệp cần sửa:` : ` ${n} ${n === 1 ? 'file' : 'files'} to fix:`));
    lines.push(...list(withErrors));
  }
  lines.push(
    vi
      ? `Tổng cộng ${r.files.length} tệp: ${clean} đạt, ${withWarnings.length} chỉ có cảnh báo, ` +
          `${withErrors.length} có lỗi; ${renderCounts(r.counts, lang)}.`
      : `${r.files.length} files: ${clean} clean, ${withWarnings.length} with warnings only, ` +
          `${withErrors.length} with errors; ${renderCounts(r.counts, lang)}.`,
  );
  return lines;
}
