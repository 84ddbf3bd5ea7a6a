import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';

describe('parindex binary', () => {
  it('prints help and exits 0', () => {
    const r = runBin(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('criteria');
  });

  it('exits 2 on an unknown flag', () => {
    const r = runBin(['criteria', 'list', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bogus');
  });

  it('exits 2 on an unknown command', () => {
    expect(runBin(['frobnicate']).code).toBe(2);
  });

  it('prints one JSON document with --json and nothing on stderr', () => {
    const r = runBin(['criteria', 'list', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.sets.map((s: { ref: string }) => s.ref)).toContain('illustrative-internal@2025.1');
    expect(r.stderr).toBe('');
  });

  it('speaks English with --lang en and Vietnamese by default', () => {
    expect(runBin(['criteria', 'check']).stdout).toMatch(/Đã kiểm tra/);
    expect(runBin(['criteria', 'check', '--lang', 'en']).stdout).toMatch(
      /Checked \d+ file\(s\): \d+ passed; 0 errors, \d+ warnings \(\d+ values not confirmed by a source\)/,
    );
  });

  it('prints no colour codes when piped', () => {
    const r = runBin(['criteria', 'show', 'illustrative-internal@2025.1'], { env: { NO_COLOR: '', FORCE_COLOR: '' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
});
