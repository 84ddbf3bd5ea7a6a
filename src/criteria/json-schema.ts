/** The JSON Schema of the criteria format, generated from the zod schema. */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CriteriaSet } from './schema.js';

/** Where the generated schema lives, beside the bundled sets. */
export const CRITERIA_SCHEMA_PATH = fileURLToPath(new URL('../../criteria/criteria.schema.json', import.meta.url));

/** JSON Schema (draft 2020-12) of criteria format version 1, for editors' autocompletion. */
export function criteriaJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CriteriaSet, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return { ...schema, $id: 'https://parindex.local/criteria.schema.json', title: 'parindex criteria set, format 1' };
}
