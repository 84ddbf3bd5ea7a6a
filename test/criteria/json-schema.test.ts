import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { criteriaJsonSchema, CRITERIA_SCHEMA_PATH } from '../../src/criteria/json-schema.js';

describe('criteria JSON Schema', () => {
  it('matches the zod schema (regenerate with `npm run schema`)', () => {
    const onDisk = JSON.parse(readFileSync(CRITERIA_SCHEMA_PATH, 'utf8'));
    expect(onDisk).toEqual(criteriaJsonSchema());
  });

  it('describes every property', () => {
    const schema = criteriaJsonSchema() as { properties: Record<string, { description?: string }> };
    for (const [key, prop] of Object.entries(schema.properties)) expect(prop.description, key).toBeTruthy();
  });
});
