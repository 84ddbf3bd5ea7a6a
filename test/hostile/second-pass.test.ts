/**
 * The pieces behind the second pass of hostile inputs (issue 25), each on its own: CSV counted
 * before parsing, nesting read before YAML, write failures told as such, outputs compared by
 * real path, links in a submissions folder, tampered result numbers. The corpus runs them end to end.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { WriteError } from '../../src/core/fs.js';
import { bracketDepth, parseDataText } from '../../src/core/yaml.js';
import { writeFailureText } from '../../src/cli/write-failure.js';
import { overLimits } from '../../src/load/csv.js';
import { planOutputs, realTarget } from '../../src/report/write-report.js';
import { Num } from '../../src/result/schema.js';
import { collectFiles } from '../../src/pipeline/check-files.js';

describe('CSV limits counted before parsing', () => {
  it('counts records and fields as csv-parse makes them', () => {
    const field = fc.constantFrom('a', '', 'Sở', '"x;y"', '"line\nbreak"', '"q""q"');
    const line = fc.array(field, { minLength: 1, maxLength: 5 }).map((f) => f.join(';'));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 20 }), fc.boolean(), (lines, final) => {
        const text = lines.map(([l, e], i) => l + (i < lines.length - 1 || final ? e : '')).join('');
        const records = parse(text, {
          delimiter: ';',
          relax_column_count: true,
          skip_empty_lines: false,
          record_delimiter: ['\r\n', '\n', '\r'],
        }) as string[][];
        const cells = records.reduce((n, r) => n + r.length, 0);
        // Limits one under the true counts: exceeded, and by exactly the true numbers.
        expect(overLimits(text, ';', { rows: records.length - 1, cells: Infinity })).toEqual({
          limit: 'rows',
          found: records.length,
        });
        expect(overLimits(text, ';', { rows: Infinity, cells: cells - 1 })).toEqual({ limit: 'cells', found: cells });
        expect(overLimits(text, ';', { rows: records.length, cells })).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('does not scan a text too short to break a limit', () => {
    expect(overLimits('a;b\n', ';', { rows: 10, cells: 10 })).toBeUndefined();
    expect(overLimits('\n'.repeat(20), ';', { rows: 10, cells: 1000 })).toEqual({ limit: 'rows', found: 20 });
  });
});

describe('nesting read before parsing', () => {
  it('counts brackets outside strings and comments', () => {
    expect(bracketDepth('a: [[1, [2]], {b: [3]}]', true)).toBe(3);
    expect(bracketDepth('a: "[[[[" # [[[[\nb: \'[[\'', true)).toBe(0);
    expect(bracketDepth('{"a": "[[\\"[["}', false)).toBe(1);
    // A stray bracket in one entry's prose does not deepen the next entry.
    expect(bracketDepth('a: note [see\nb: more [text\nc: [1]', true)).toBe(1);
  });

  it('refuses deep nesting with a message, before the parser sees it', () => {
    expect(() => parseDataText(`a: ${'['.repeat(100_000)}`, 'set.yaml')).toThrow(/nested too deeply/);
    expect(() => parseDataText('['.repeat(1000), 'x.json', true)).toThrow(/nested too deeply/);
    expect(parseDataText('a: [[[1]]]', 'ok.yaml').data).toEqual({ a: [[[1]]] });
  });
});

describe('write failures', () => {
  it('say what happened and what to do, in both languages', () => {
    for (const code of ['ENOSPC', 'EACCES', 'EROFS', 'EISDIR', 'ENOTDIR', 'EMFILE']) {
      const text = writeFailureText(new WriteError('out/r.xlsx', code));
      expect(text.en).toContain('out/r.xlsx');
      expect(text.en).toContain(code);
      expect(text.vi).toContain('out/r.xlsx');
      expect(text.en).not.toMatch(/bug|internal/);
    }
    expect(writeFailureText(new WriteError('r.json', 'ENOSPC')).en).toMatch(/disk is full/);
    expect(writeFailureText(new WriteError('r.json', 'EACCES')).en).toMatch(/permission/);
  });
});

describe('outputs compared by real path', () => {
  it('sees through a link to an input and into the submissions folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-real-'));
    mkdirSync(join(dir, 'round/submissions'), { recursive: true });
    writeFileSync(join(dir, 'round/roster.csv'), 'x');
    symlinkSync(join(dir, 'round'), join(dir, 'alias'));
    expect(realTarget(join(dir, 'alias/roster.csv'))).toBe(realTarget(join(dir, 'round/roster.csv')));
    expect(realTarget(join(dir, 'alias/new/deeper.csv'))).toBe(join(realTarget(join(dir, 'round')), 'new/deeper.csv'));
    const checks = {
      protect: [join(dir, 'round/roster.csv')],
      forbidDirs: [join(dir, 'round/submissions')],
      force: true,
    };
    expect(() => planOutputs([join(dir, 'alias/roster.csv')], () => 'csv', checks)).toThrow(/input file/);
    expect(() => planOutputs([join(dir, 'alias/submissions/x.csv')], () => 'csv', { ...checks, force: false })).toThrow(
      /submissions folder/,
    );
    expect(() => planOutputs([join(dir, 'round')], () => 'csv', checks)).toThrow(/is a folder/);
  });
});

describe('links in a folder of submissions', () => {
  it('lists a dangling or looping link as a file to read, and walks a folder once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-links-'));
    writeFileSync(join(dir, 'good.csv'), 'a');
    symlinkSync('gone.xlsx', join(dir, 'dangling.xlsx'));
    symlinkSync('loop.csv', join(dir, 'loop.csv'));
    symlinkSync('gone.pdf', join(dir, 'evidence.pdf'));
    symlinkSync('.', join(dir, 'again'));
    const files = collectFiles([dir], dir).map((f) => f.file);
    expect(files).toEqual(['dangling.xlsx', 'good.csv', 'loop.csv']);
  });
});

describe('numbers of a result.json', () => {
  it('are exact decimals or fractions of bounded size, and finite', () => {
    const ok = (exact: string, value = 1): boolean => Num.safeParse({ exact, value }).success;
    expect(['2.5', '-0.25', '640/7', '100', '1/007'].every((x) => ok(x))).toBe(true);
    expect(['1/0', '1/00', 'abc', '', '1e3', `${'7'.repeat(61)}/3`, '2.5.1'].some((x) => ok(x))).toBe(false);
    expect(ok('2.5', 1e308)).toBe(false);
  });
});
