/**
 * The report registry: a result goes out as JSON, CSV, Excel or HTML, chosen by the output
 * file's extension. Every renderer is a pure function of the result; writing is atomic (a
 * temporary file renamed into place), so a failed run never leaves a half-written report.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { writeFileAtomic, writeViaTemp } from '../core/fs.js';
import { UsageError } from '../findings/errors.js';
import type { Lang } from '../messages/types.js';
import type { RoundResult } from '../result/schema.js';
import type { SipasResult } from '../result/sipas.js';
import { renderCsvReport } from './csv-report.js';
import { renderHtmlReport } from './html-report.js';
import { renderSipasXlsx } from './sipas-report.js';
import { renderSipasCsv } from './sipas-csv.js';
import { renderSipasHtml } from './sipas-html.js';
import { renderXlsxReport, writeXlsxReportFile, type XlsxReportOptions } from './xlsx-report.js';

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'html';

export interface ReportOptions {
  lang: Lang;
  scorecards?: XlsxReportOptions['scorecards'];
}

const RENDERERS: Record<ReportFormat, (r: RoundResult, o: ReportOptions) => Promise<string | Buffer> | string> = {
  json: (r) => [...jsonChunks(r)].join(''),
  csv: (r, o) => renderCsvReport(r, o.lang),
  xlsx: (r, o) => renderXlsxReport(r, xlsxOptions(o)),
  html: (r, o) => renderHtmlReport(r, { lang: o.lang }),
};

function xlsxOptions(o: ReportOptions): XlsxReportOptions {
  return { lang: o.lang, ...(o.scorecards ? { scorecards: o.scorecards } : {}) };
}

const EXTENSIONS: Record<string, ReportFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.html': 'html',
  '.htm': 'html',
};

/** The format a path asks for, or a usage error naming the formats there are. */
export function reportFormatOf(path: string): ReportFormat {
  const f = EXTENSIONS[extname(path).toLowerCase()];
  if (!f)
    throw new UsageError({
      vi: `Không biết ghi báo cáo dạng "${extname(path) || path}"; dùng .json, .csv, .xlsx hoặc .html.`,
      en: `Cannot write a report as "${extname(path) || path}"; use .json, .csv, .xlsx or .html.`,
    });
  return f;
}

/**
 * `JSON.stringify(value, null, 2) + "\n"` in pieces: the top-level object key by key and its
 * arrays element by element (each element stringified alone and indented to its depth), so the
 * bytes are the same and the whole document is never one string.
 */
export function* jsonChunks(value: object): Generator<string> {
  const skip = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  const entries = Object.entries(value).filter(([, v]) => !skip(v));
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    yield `  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield '[\n';
      for (let j = 0; j < v.length; j++) {
        const el: unknown = v[j];
        // Stringified two arrays deep, the element comes out indented as it stands in the
        // document: what is between the arrays' brackets ("[\n  [\n" and "\n  ]\n]") is it.
        const nested = JSON.stringify([[skip(el) ? null : el]], null, 2);
        yield nested.slice(6, nested.length - 6) + (j < v.length - 1 ? ',\n' : '\n');
      }
      yield '  ]';
    } else yield JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}

export async function renderReport(
  result: RoundResult,
  format: ReportFormat,
  opts: ReportOptions,
): Promise<string | Buffer> {
  return RENDERERS[format](result, opts);
}

export interface WriteReportsOptions extends ReportOptions, OutputChecks {}

/** What `planOutputs` checks targets against. */
export interface OutputChecks {
  /** Files that must never be written (the inputs). */
  protect?: Iterable<string>;
  /** Overwrite existing files; without it an existing file other than `replaceable` is a usage error. */
  force?: boolean;
  /** Files that may be replaced without --force (the round's own result.json). */
  replaceable?: Iterable<string>;
  /** Folders nothing is written into without --force (the round's submissions). */
  forbidDirs?: Iterable<string>;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The path `p` reaches once every link on the way is followed: the real path of its longest part
 * that exists, then the rest of it as written.
 */
export function realTarget(p: string): string {
  const abs = resolve(p);
  let head = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      rest.push(basename(head));
      head = up;
    }
  }
}

/**
 * Checks every target before anything is written: format known (`formatOf` throws otherwise),
 * not an input, not given twice, not existing unless allowed. Returns each target with its format.
 */
export function planOutputs<F>(
  outs: readonly string[],
  formatOf: (out: string) => F,
  opts: OutputChecks,
): { out: string; format: F }[] {
  // Real paths: a target through a link ("alias/roster.csv" with alias -> round) is the file it reaches.
  const protect = new Set([...(opts.protect ?? [])].map((p) => realTarget(p)));
  const replaceable = new Set([...(opts.replaceable ?? [])].map((p) => realTarget(p)));
  const seen = new Set<string>();
  const forbid = [...(opts.forbidDirs ?? [])].map((d) => ({ real: realTarget(d), shown: resolve(d) }));
  return outs.map((out) => {
    const format = formatOf(out);
    const abs = realTarget(out);
    if (protect.has(abs))
      throw new UsageError({
        vi: `${out} là một tệp đầu vào; chọn tên khác.`,
        en: `${out} is an input file; choose another name.`,
      });
    if (seen.has(abs)) throw new UsageError({ vi: `${out} được nêu hai lần.`, en: `${out} is given twice.` });
    const inside = forbid.find((d) => abs.startsWith(d.real + sep))?.shown;
    if (inside && !opts.force)
      throw new UsageError({
        vi:
          `${out} nằm trong thư mục hồ sơ ${inside}; ghi vào đó sẽ trộn báo cáo với hồ sơ của cơ quan. Chọn ` +
          `chỗ khác, hoặc dùng --force.`,
        en:
          `${out} is inside the submissions folder ${inside}; writing there mixes reports with agencies' ` +
          `files. Choose another place, or use --force.`,
      });
    seen.add(abs);
    if (isFolder(abs))
      throw new UsageError({
        vi: `${out} là một thư mục; cho tên tệp, ví dụ ${join(out, `ket-qua${extname(out)}`)}.`,
        en: `${out} is a folder; give a file name, for example ${join(out, `result${extname(out)}`)}.`,
      });
    if (!opts.force && !replaceable.has(abs) && existsSync(abs))
      throw new UsageError({
        vi: `${out} đã có; dùng --force để ghi đè.`,
        en: `${out} exists; use --force to overwrite.`,
      });
    return { out, format };
  });
}

/**
 * Checks every target before writing any (see `planOutputs`), then renders and writes each atomically. Returns the
 * paths written.
 */
export async function writeReports(result: RoundResult, outs: string[], opts: WriteReportsOptions): Promise<string[]> {
  const plan = planOutputs(outs, reportFormatOf, opts);
  // result.json is written piece by piece (for thousands of agencies it is hundreds of megabytes),
  // and the workbook into its file as it is made.
  for (const { out, format } of plan) {
    if (format === 'xlsx') await writeViaTemp(out, (tmp) => writeXlsxReportFile(result, xlsxOptions(opts), tmp));
    else await writeFileAtomic(out, format === 'json' ? jsonChunks(result) : await renderReport(result, format, opts));
  }
  return plan.map((p) => p.out);
}

/** The formats a SIPAS result is written in. */
export type SipasFormat = 'json' | 'xlsx' | 'csv' | 'html';

/** The SIPAS format a path asks for, or a usage error naming the formats there are. */
export function sipasFormatOf(out: string): SipasFormat {
  const ext = extname(out).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new UsageError({
    vi: `Không ghi được "${out}": kết quả SIPAS ghi ra .xlsx, .html, .csv hoặc .json.`,
    en: `Cannot write "${out}": the SIPAS result is written as .xlsx, .html, .csv or .json.`,
  });
}

/** Writes a SIPAS result to targets already checked by `planOutputs(outs, sipasFormatOf, …)`. */
export async function writeSipasReports(
  result: SipasResult,
  plan: readonly { out: string; format: SipasFormat }[],
  lang: Lang,
): Promise<string[]> {
  for (const { out, format } of plan)
    await writeFileAtomic(
      out,
      format === 'json'
        ? jsonChunks(result)
        : format === 'csv'
          ? renderSipasCsv(result, lang)
          : format === 'html'
            ? renderSipasHtml(result, lang)
            : await renderSipasXlsx(result, lang),
    );
  return plan.map((p) => p.out);
}

/**
 * One document to fill in (a self-scoring template, an appraisal workbook): its target is checked
 * as reports' are (not an input, not existing without `force`) before any work; the function it
 * returns writes the rendered document atomically.
 */
export function planDocument(out: string, checks: OutputChecks): (content: string | Buffer) => Promise<void> {
  planOutputs([out], () => 'document', checks);
  return (content) => writeFileAtomic(out, content);
}
