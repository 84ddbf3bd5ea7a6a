/** Builds small criteria sets in tests: a valid base to mutate. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CriteriaSet } from '../../src/criteria/schema.js';

/** A small valid set: two fields, every rule kind, a bonus and a penalty. 10 points. */
export function baseSet(): Record<string, unknown> {
  return {
    format: 1,
    id: 'tiny',
    version: '1',
    title: { vi: 'Bộ nhỏ', en: 'Tiny set' },
    illustrative: true,
    decision: { number: 'TEST/1' },
    agencyKinds: [
      { id: 'department', title: { vi: 'Sở' } },
      { id: 'commune', title: { vi: 'Xã' } },
    ],
    total: 10,
    sourceTotals: { appraisal: 8, survey: 2 },
    adjustmentCaps: { bonus: 1, penalty: 2 },
    bands: [
      { id: 'A', label: { vi: 'Nhóm A' }, min: 90, max: 100 },
      { id: 'B', label: { vi: 'Nhóm B' }, min: 80, max: 90 },
      { id: 'C', label: { vi: 'Nhóm C' }, min: 0, max: 80 },
    ],
    fields: [
      {
        code: '1',
        title: { vi: 'Lĩnh vực 1' },
        max: 6,
        children: [
          {
            code: '1.1',
            title: { vi: 'Tiêu chí 1.1' },
            max: 3,
            children: [
              { code: '1.1.1', title: { vi: 'Điểm' }, max: 1, rule: { kind: 'points', step: 0.25 } },
              {
                code: '1.1.2',
                title: { vi: 'Chọn' },
                max: 1,
                rule: {
                  kind: 'choice',
                  options: [
                    { id: 'on-time', label: { vi: 'Đúng hạn' }, points: 1 },
                    { id: 'late', label: { vi: 'Chậm' }, points: 0.5 },
                    { id: 'none', label: { vi: 'Không' }, points: 0 },
                  ],
                },
              },
              { code: '1.1.3', title: { vi: 'Có/không' }, max: 1, notApplicable: true, rule: { kind: 'boolean' } },
            ],
          },
          {
            code: '1.2',
            title: { vi: 'Tiêu chí 1.2' },
            max: 3,
            children: [
              {
                code: '1.2.1',
                title: { vi: 'Tỷ lệ' },
                max: 2,
                rule: {
                  kind: 'bands',
                  input: 'ratio',
                  bands: [
                    { min: 100, max: 100, points: 2 },
                    { min: 80, max: 100, points: 1 },
                    { min: 0, max: 80, points: 0 },
                  ],
                },
              },
              { code: '1.2.2', title: { vi: 'Trừ' }, max: 1, rule: { kind: 'deduction', perUnit: 0.25 } },
            ],
          },
        ],
      },
      {
        code: '2',
        title: { vi: 'Lĩnh vực 2' },
        max: 4,
        children: [
          {
            code: '2.1',
            title: { vi: 'Tiêu chí 2.1' },
            max: 4,
            children: [
              {
                code: '2.1.1',
                title: { vi: 'Sở' },
                max: 2,
                appliesTo: ['department'],
                rule: { kind: 'points', step: 0.5 },
              },
              { code: '2.1.2', title: { vi: 'Xã' }, max: 2, appliesTo: ['commune'], rule: { kind: 'boolean' } },
              {
                code: '2.1.3',
                title: { vi: 'Khảo sát' },
                max: 2,
                source: 'survey',
                evidence: 'none',
                rule: { kind: 'survey' },
              },
              {
                code: '2.1.4',
                title: { vi: 'Thưởng' },
                max: 1,
                source: 'bonus',
                rule: { kind: 'count', perUnit: 0.5 },
              },
              { code: '2.1.5', title: { vi: 'Trừ' }, max: 2, source: 'penalty', rule: { kind: 'count', perUnit: 1 } },
            ],
          },
        ],
      },
    ],
  };
}

/** The base set parsed by the schema (defaults applied). */
export function baseParsed(): CriteriaSet {
  return CriteriaSet.parse(baseSet());
}

/** Writes a set (object or raw text) to a temp YAML file and returns its path. */
export function writeSet(data: unknown, name = 'set.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-criteria-'));
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : stringify(data));
  return path;
}
