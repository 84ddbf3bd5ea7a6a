/** "Did you mean …" for criteria set ids, agency codes and kinds: the helper, and the commands that use it. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agencySuggestions, closest, editDistance } from '../../src/cli/suggest.js';
import { runBin, ROOT } from '../helpers/cli.js';

const REFS = [
  'bnv-province@2017',
  'bnv-province@2024',
  'hn-internal@2024',
  'hn-internal@2025',
  'illustrative-internal@2025.1',
];

describe('closest', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('SNV', 'SNV')).toBe(0);
    expect(editDistance('SVN', 'SNV')).toBe(1); // N and V swapped
    expect(editDistance('ilustrative', 'illustrative')).toBe(1); // one l missing
    expect(editDistance('kitten', 'sitting')).toBe(3); // k→s, e→i, + g
  });

  it('suggests a set for a typo, a missing version, another case, or the versions of an id typed alone', () => {
    expect(closest('ilustrative-internal@2025.1', REFS)).toEqual(['illustrative-internal@2025.1']);
    // "@2025" vs "@2025.1": two characters missing; the input is 26 long, so up to 3 edits are accepted.
    expect(closest('illustrative-internal@2025', REFS)).toEqual(['illustrative-internal@2025.1']);
    expect(closest('ILLUSTRATIVE-INTERNAL@2025.1', REFS)).toEqual(['illustrative-internal@2025.1']);
    // An id alone: its versions, newest first.
    expect(closest('hn-internal', REFS)).toEqual(['hn-internal@2025', 'hn-internal@2024']);
    // 2026 is one edit from both 2024 and 2025.
    expect(closest('hn-internal@2026', REFS)).toEqual(['hn-internal@2024', 'hn-internal@2025']);
    expect(closest('foo@1', REFS)).toEqual([]);
  });

  it('suggests an agency by code, or by its name typed without diacritics', () => {
    const agencies = [
      { code: 'SNV', name: 'Sở Nội vụ' },
      { code: 'STP', name: 'Sở Tư pháp' },
      { code: 'SYT', name: 'Sở Y tế' },
    ];
    expect(agencySuggestions('SVN', agencies)).toEqual(['SNV (Sở Nội vụ)']);
    expect(agencySuggestions('so tu phap', agencies)).toEqual(['STP (Sở Tư pháp)']);
    // Three letters allow one edit: "XYZ" is two or more from every code.
    expect(agencySuggestions('XYZ', agencies)).toEqual([]);
  });
});

describe('did you mean, on the command line', () => {
  it('a mistyped criteria set id', () => {
    const file = 'fixtures/sample-round/submissions/so-nganh/snv.xlsx';
    const vi = runBin(['validate', file, '--criteria', 'ilustrative-internal@2025.1']);
    expect(vi.code).toBe(2);
    expect(vi.stderr).toMatch(/Có phải ý bạn là illustrative-internal@2025\.1\?\n$/);
    const en = runBin(['--lang', 'en', 'criteria', 'show', 'illustrative-internal@2025']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/Did you mean illustrative-internal@2025\.1\?\n$/);
  });

  it('a mistyped agency code in explain, and an agency kind in template', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-suggest-'));
    cpSync(join(ROOT, 'fixtures/sample-round'), dir, { recursive: true });
    const r = runBin(['explain', dir, 'SVN']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Không có cơ quan SVN trong kỳ đánh giá. Có phải ý bạn là SNV (Sở Nội vụ)?');
    const t = runBin([
      'template',
      '--criteria',
      'illustrative-internal@2025.1',
      '--kind',
      'departmnt',
      '--out',
      join(dir, 't.xlsx'),
    ]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('Có phải ý bạn là department?');
  });
});
