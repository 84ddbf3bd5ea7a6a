import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRoundPath, loadRoundConfig } from '../../src/round/config.js';
import { runBin } from '../helpers/cli.js';

function roundDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-round-'));
  mkdirSync(join(dir, 'submissions'));
  writeFileSync(join(dir, 'roster.csv'), 'code,name,kind,group\n');
  writeFileSync(join(dir, 'round.yaml'), yaml);
  return dir;
}

const BASE =
  'format: 1\nname: Thử\nyear: 2025\ncriteria: { department: illustrative-internal@2025.1 }\nroster: ' +
  'roster.csv\nsubmissions: submissions\n';

describe('round.yaml', () => {
  it('loads a valid round with defaults', () => {
    const r = loadRoundConfig(roundDir(BASE));
    expect(r.findings).toEqual([]);
    expect(r.config).toMatchObject({ year: 2025, appraisal: [], missingSubmission: 'report', survey: { points: [] } });
  });

  it('refuses paths that leave the round folder', () => {
    const r = loadRoundConfig(roundDir(BASE + 'previous: ../../etc/passwd\nappraisal: [/etc/hosts]\n'));
    // BASE has 6 lines: "previous" is on line 7, "appraisal" on line 8.
    expect(r.findings.map((f) => [f.code, f.location.path, f.location.line])).toEqual([
      ['ROUND_PATH_ESCAPES', 'appraisal.0', 8],
      ['ROUND_PATH_ESCAPES', 'previous', 7],
    ]);
  });

  it('refuses a symlink that points outside the folder', () => {
    const dir = roundDir(BASE + 'previous: last.json\n');
    const outside = mkdtempSync(join(tmpdir(), 'parindex-outside-'));
    writeFileSync(join(outside, 'secret.json'), '{}');
    symlinkSync(join(outside, 'secret.json'), join(dir, 'last.json'));
    expect(checkRoundPath(dir, 'last.json')).toBe('ROUND_PATH_ESCAPES');
    expect(loadRoundConfig(dir).findings.map((f) => f.code)).toEqual(['ROUND_PATH_ESCAPES']);
  });

  it('reports missing paths and unknown keys with lines', () => {
    const r = loadRoundConfig(roundDir(BASE + 'appraisal: [tham-dinh.xlsx]\nsubmision: x\n'));
    expect(r.findings.map((f) => [f.code, f.location.path, f.location.line])).toEqual([
      ['ROUND_UNKNOWN_KEY', 'submision', 8],
    ]);
    const r2 = loadRoundConfig(roundDir(BASE + 'appraisal: [tham-dinh.xlsx]\n'));
    expect(r2.findings.map((f) => [f.code, f.location.path])).toEqual([['ROUND_PATH_MISSING', 'appraisal.0']]);
  });

  it('gives exit 2 for a folder with no round.yaml', () => {
    const r = runBin(['score', mkdtempSync(join(tmpdir(), 'parindex-empty-'))]);
    expect([2]).toContain(r.code);
  });
});

describe('parindex init', () => {
  it('scaffolds a round that loads cleanly, and refuses to overwrite it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'parindex-init-')), 'round');
    const r = runBin(['init', dir, '--criteria', 'illustrative-internal@2025.1', '--year', '2026']);
    expect(r.code).toBe(0);
    const loaded = loadRoundConfig(dir);
    expect(loaded.findings).toEqual([]);
    expect(loaded.config?.year).toBe(2026);
    expect(Object.keys(loaded.config!.criteria)).toEqual(['department', 'commune']);
    expect(runBin(['init', dir, '--criteria', 'illustrative-internal@2025.1']).code).toBe(2);
  });
});
