/**
 * Column maps for a one-off answer export (`parindex sipas --columns map.yaml`): a YAML or JSON file
 * comes in, header → question code or role; a map keyed by the header's loose key goes out.
 *
 *   columns:
 *     "Dấu thời gian": ignore
 *     "Đơn vị được đánh giá": agency
 *     "question91": CS1
 */
import { looseKey } from '../core/text.js';
import { DataFileError, readDataFile } from '../core/yaml.js';
import { InputError } from '../findings/errors.js';
import type { QuestionnaireIndex } from './questionnaire.js';

/** Roles a column map may give a column besides a question code. */
export const COLUMN_ROLES = ['agency', 'group', 'respondent', 'weight', 'ignore'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** Reads a column map; throws `InputError` for a file that is not one or names unknown questions. */
export function loadColumnMap(path: string, display: string, qi: QuestionnaireIndex): Map<string, number | ColumnRole> {
  let data: unknown;
  try {
    data = readDataFile(path, display, 1024 * 1024).data;
  } catch (e) {
    if (e instanceof DataFileError) throw new InputError(e.text);
    throw e;
  }
  const obj = data && typeof data === 'object' && 'columns' in data ? (data as { columns: unknown }).columns : data;
  const bad = (why: { vi: string; en: string }): InputError =>
    new InputError({ vi: `${display}: ${why.vi}`, en: `${display}: ${why.en}` });
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw bad({
      vi: 'bảng cột cần có dạng "tiêu đề cột: mã câu hỏi", ví dụ "question91: CS1".',
      en: 'a column map is "header: question code", e.g. "question91: CS1".',
    });
  const out = new Map<string, number | ColumnRole>();
  const unknown: string[] = [];
  for (const [header, value] of Object.entries(obj as Record<string, unknown>)) {
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
  return out;
}
