/**
 * The messages module: every finding code rendered in Vietnamese (default) and English.
 * Each stage keeps its catalogue in its own file; `Catalogue<FindingArgs>` below makes the
 * compiler refuse a code without both sentences (the exhaustiveness check).
 */
import { criteriaMessages, type CriteriaArgs } from './criteria.js';
import { intakeMessages, type IntakeArgs } from './intake.js';
import { roundMessages, type RoundArgs } from './round.js';
import { sipasMessages, type SipasArgs } from './sipas.js';
import { reportMessages, type ReportArgs } from './report.js';
import { loopMessages, type LoopArgs } from './loop.js';
import type { Catalogue, FindingLocation, Lang, MessageEntry, Severity } from './types.js';

export type { FindingLocation, Lang, Severity } from './types.js';
export { num } from './types.js';

/**
 * Every code and the arguments its message needs. A stage adds its own map to this
 * intersection; the messages module renders each code in Vietnamese and English.
 */
export interface FindingArgs extends CriteriaArgs, IntakeArgs, RoundArgs, SipasArgs, ReportArgs, LoopArgs {}

/** Stable UPPER_SNAKE finding code. */
export type FindingCode = keyof FindingArgs;

/** What a sentence is made from: a code and its arguments (a `Finding` is one). */
export type CodedArgs = { [C in FindingCode]: { code: C; args: FindingArgs[C] } }[FindingCode];

/** Every code's entry. A missing code is a compile error here. */
export const messages: Catalogue<FindingArgs> = {
  ...criteriaMessages,
  ...intakeMessages,
  ...roundMessages,
  ...sipasMessages,
  ...reportMessages,
  ...loopMessages,
};

/** All finding codes, sorted. */
export const findingCodes = Object.keys(messages).sort() as FindingCode[];

/** Default severity of a code. */
export function defaultSeverity(code: FindingCode): Severity {
  return messages[code].severity;
}

/** The sentence for a finding, without its location. */
export function renderMessage(f: CodedArgs, lang: Lang): string {
  const entry = messages[f.code] as MessageEntry<unknown>;
  return entry[lang](f.args);
}

/** "Ô E14, trang 'Tự chấm điểm'" / "Cell E14, sheet 'Self-score'", plus file; empty if unknown. */
export function renderLocation(loc: FindingLocation, lang: Lang, withFile = true): string {
  const parts: string[] = [];
  if (withFile && loc.file) parts.push(loc.file);
  if (loc.sheet !== undefined) parts.push(lang === 'vi' ? `trang '${loc.sheet}'` : `sheet '${loc.sheet}'`);
  if (loc.table !== undefined) parts.push(lang === 'vi' ? `bảng ${loc.table}` : `table ${loc.table}`);
  if (loc.table !== undefined && loc.row !== undefined && loc.column !== undefined && !loc.cell)
    parts.push(lang === 'vi' ? `dòng ${loc.row}, cột ${loc.column}` : `row ${loc.row}, column ${loc.column}`);
  else if (loc.cell) parts.push(lang === 'vi' ? `ô ${loc.cell}` : `cell ${loc.cell}`);
  else if (loc.row !== undefined) parts.push(lang === 'vi' ? `dòng ${loc.row}` : `row ${loc.row}`);
  else if (loc.line !== undefined) parts.push(lang === 'vi' ? `dòng ${loc.line}` : `line ${loc.line}`);
  if (!loc.cell && loc.column !== undefined && loc.row === undefined)
    parts.push(lang === 'vi' ? `cột ${loc.column}` : `column ${loc.column}`);
  return parts.join(', ');
}

/** Location and sentence: "hoso.xlsx, trang 'Tự chấm điểm', ô E14: …". */
export function renderFinding(f: CodedArgs & { location: FindingLocation }, lang: Lang, withFile = true): string {
  const where = renderLocation(f.location, lang, withFile);
  const text = renderMessage(f, lang);
  return where ? `${capitalise(where)}: ${text}` : text;
}

/** Words for severities. */
export function severityLabel(s: Severity, lang: Lang): string {
  const vi = { error: 'lỗi', warning: 'cảnh báo', info: 'thông tin' } as const;
  const en = { error: 'error', warning: 'warning', info: 'info' } as const;
  return (lang === 'vi' ? vi : en)[s];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
