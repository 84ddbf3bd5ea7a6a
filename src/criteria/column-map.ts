/**
 * Column maps for a one-off answer export (`parindex sipas --columns map.yaml`): a YAML or JSON file
 * comes in, header → question code or role; a map keyed by the header's loose key goes out.
 *
 *   columns:
 *     "Dấu thời gian": ignore
 *     "Đơn vị được đánh giá": agency
 *     "question91": CS1
 *     "q1_stp": { question: CB1, agency: STP }   # a column of one assessed agency's group
 *   agencies:                                   # names that stand for agency codes in headers and cells
 *     "Sở Tư pháp": STP
 */
import { codeKey, looseKey } from '../core/text.js';
import { DataFileError, readDataFile } from '../core/yaml.js';
import { InputError } from '../findings/errors.js';
import type { QuestionnaireIndex } from './questionnaire.js';

/** Roles a column map may give a column besides a question code. */
export const COLUMN_ROLES = ['agency', 'group', 'respondent', 'weight', 'question', 'answer', 'ignore'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** What a column map says of a header: a question, a role, or a question of one assessed agency (code or name). */
export type ColumnTarget = number | ColumnRole | { q: number; agency: string };

/** A column map read from its file: header keys → targets, and agency names → codes (loose keys). */
export interface ColumnDeclarations {
  columns: Map<string, ColumnTarget>;
  agencies: Map<string, string>;
}

/** Reads a column map's headers only (see `loadColumnDeclarations`). */
export function loadColumnMap(path: string, display: string, qi: QuestionnaireIndex): Map<string, ColumnTarget> {
  return loadColumnDeclarations(path, display, qi).columns;
}

/**
 * Reads a column map: `columns` (or the whole file) header → question code, role or
 * `{ question, agency }`, and optional `agencies` name → code. Throws `InputError` for a file that is not
 * one or names unknown questions.
 */
export function loadColumnDeclarations(path: string, display: string, qi: QuestionnaireIndex): ColumnDeclarations {
  let data: unknown;
  try {
    data = readDataFile(path, display, 1024 * 1024).data;
  } catch (e) {
    if (e instanceof DataFileError) throw new InputError(e.text);
    throw e;
  }
  const hasColumns = data && typeof data === 'object' && ('columns' in data || 'agencies' in data);
  const obj = hasColumns ? ((data as { columns?: unknown }).columns ?? {}) : data;
  const names = hasColumns ? (data as { agencies?: unknown }).agencies : undefined;
  const bad = (why: { vi: string; en: string }): InputError =>
    new InputError({ vi: `${display}: ${why.vi}`, en: `${display}: ${why.en}` });
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw bad({
      vi: 'bảng cột cần có dạng "tiêu đề cột: mã câu hỏi", ví dụ "question91: CS1".',
      en: 'a column map is "header: question code", e.g. "question91: CS1".',
    });
  if (names !== undefined && (!names || typeof names !== 'object' || Array.isArray(names)))
    throw bad({
      vi: '"agencies" cần có dạng "tên cơ quan: mã", ví dụ "Sở Tư pháp: STP".',
      en: '"agencies" is "agency name: code", e.g. "Sở Tư pháp: STP".',
    });
  const agencies = new Map<string, string>();
  for (const [name, code] of Object.entries((names ?? {}) as Record<string, unknown>))
    if (looseKey(name) !== '' && String(code ?? '').trim() !== '') agencies.set(looseKey(name), codeKey(String(code)));
  const out = new Map<string, ColumnTarget>();
  const unknown: string[] = [];
  for (const [header, value] of Object.entries(obj as Record<string, unknown>)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      // A column of one assessed agency's group: { question: CB1, agency: STP }.
      const o = value as { question?: unknown; agency?: unknown };
      const q = qi.byKey.get(looseKey(String(o.question ?? '')));
      const agency = String(o.agency ?? '').trim();
      if (q !== undefined && agency !== '') out.set(looseKey(header), { q, agency });
      else unknown.push(`${header}: ${JSON.stringify(value)}`);
      continue;
    }
    const v = String(value ?? '').trim();
    const role = COLUMN_ROLES.find((r) => r === v.toLowerCase());
    const q = role ? undefined : qi.byKey.get(looseKey(v));
    if (role) out.set(looseKey(header), role);
    else if (q !== undefined) out.set(looseKey(header), q);
    else unknown.push(`${header}: ${v}`);
  }
  if (unknown.length > 0)
    throw bad({
      vi:
        `không có câu hỏi hoặc vai trò này trong ${qi.ref}: ${unknown.join('; ')} ` +
        `(vai trò: ${COLUMN_ROLES.join(', ')}).`,
      en: `no such question or role in ${qi.ref}: ${unknown.join('; ')} (roles: ${COLUMN_ROLES.join(', ')}).`,
    });
  return { columns: out, agencies };
}
