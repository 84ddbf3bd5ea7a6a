/** zod issues → findings, with YAML line numbers and sentences in both languages. */
import { z } from 'zod';
import { finding, type Finding, type FindingLocation } from './finding.js';

/** The finding codes a data file's shape problems are reported with. */
export interface ShapeCodes {
  shape: 'CRITERIA_SHAPE' | 'ROUND_SHAPE';
  unknownKey: 'CRITERIA_UNKNOWN_KEY' | 'ROUND_UNKNOWN_KEY';
}

/**
 * Validates `data` against `schema`. On failure, returns findings: one per unknown key, one per
 * other issue at its path (with the union branch that matches the input followed), in English
 * and Vietnamese (zod's own locale).
 */
export function parseWithFindings<T extends z.ZodType>(
  schema: T,
  data: unknown,
  file: string,
  lineOf: (path: string) => number | undefined,
  codes: ShapeCodes,
): { value?: z.output<T>; findings: Finding[] } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { value: parsed.data, findings: [] };
  const vi = schema.safeParse(data, { error: z.locales.vi().localeError });
  const viIssues = vi.success ? [] : vi.error.issues;
  const out: Finding[] = [];
  const loc = (path: string): FindingLocation => {
    const l: FindingLocation = { file, path };
    const line = lineOf(path);
    if (line !== undefined) l.line = line;
    return l;
  };
  const visit = (
    list: readonly z.core.$ZodIssue[],
    viList: readonly z.core.$ZodIssue[] | undefined,
    prefix: PropertyKey[],
  ): void => {
    for (const [n, issue] of list.entries()) {
      const viIssue = viList?.[n];
      const full = [...prefix, ...issue.path];
      const path = full.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          out.push(finding(codes.unknownKey, loc(path ? `${path}.${key}` : key), { path: path || '(root)', key }));
        continue;
      }
      if (issue.code === 'invalid_union' && issue.errors.length === 2) {
        const value = valueAt(data, full);
        if (isObject(value)) {
          const branch = 'children' in value ? 1 : 0;
          visit(
            issue.errors[branch] ?? [],
            viIssue?.code === 'invalid_union' ? viIssue.errors[branch] : undefined,
            full,
          );
          continue;
        }
      }
      out.push(
        finding(codes.shape, loc(path), {
          path: path || '(root)',
          message: issue.message,
          messageVi: viTypeWords(viIssue?.message ?? issue.message),
        }),
      );
    }
  };
  visit(parsed.error.issues, viIssues, []);
  return { findings: out };
}

export function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** zod's Vietnamese messages keep JavaScript type names ("nhận được string"); users read Vietnamese words. */
const VI_TYPES: Record<string, string> = {
  string: 'chuỗi',
  number: 'số',
  boolean: 'đúng/sai',
  object: 'đối tượng',
  array: 'danh sách',
  undefined: 'không có giá trị',
  null: 'giá trị rỗng',
  bigint: 'số',
  date: 'ngày',
  nan: 'không phải số',
};

export function viTypeWords(message: string): string {
  return message.replace(
    /\b(string|number|boolean|object|array|undefined|null|bigint|date|nan)\b/gi,
    (w) => VI_TYPES[w.toLowerCase()] ?? w,
  );
}
