/**
 * The help of every command has examples, in Vietnamese by default and in English with --lang en;
 * commander's own words (headings, errors, suggestions) are Vietnamese in Vietnamese mode.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { commandPath, EXAMPLES } from '../../src/cli/examples.js';
import { runBin } from '../helpers/cli.js';

const silent = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };

/** Every command of the program, the program included, by path ("" for the program). */
function commands(lang: 'vi' | 'en'): Command[] {
  const out: Command[] = [];
  const walk = (c: Command): void => {
    out.push(c);
    for (const s of c.commands) walk(s);
  };
  walk(buildProgram(lang, silent, async () => {}));
  return out;
}

const PATHS = commands('vi').map(commandPath);

describe('help', () => {
  it('knows the commands it is checking (the tree as registered)', () => {
    // 1 program + criteria with its 6 subcommands + template, validate, init, score, explain,
    // appraisal-template, explanation-template, publish, verify, report, sipas, survey-template.
    expect(PATHS).toHaveLength(1 + 7 + 12);
    expect(PATHS).toContain('criteria show');
  });

  it.each(PATHS)('"%s --help" ends with examples of that command, in Vietnamese then in English', (path) => {
    expect(EXAMPLES[path]?.length ?? 0).toBeGreaterThan(0);
    const args = [...(path ? path.split(' ') : []), '--help'];
    const vi = runBin(args);
    expect(vi.code).toBe(0);
    const viExamples = vi.stdout.slice(vi.stdout.indexOf('\nVí dụ:\n'));
    expect(viExamples).toMatch(new RegExp(`\\n  # \\S.*\\n  parindex ${path}`));
    expect(vi.stdout).toContain('Cách dùng: parindex');
    expect(vi.stdout).not.toMatch(/^(Usage|Options|Arguments|Commands):/m);
    const en = runBin(['--lang', 'en', ...args]);
    expect(en.code).toBe(0);
    expect(en.stdout.slice(en.stdout.indexOf('\nExamples:\n'))).toMatch(
      new RegExp(`\\n  # \\S.*\\n  parindex ${path}`),
    );
    expect(en.stdout).toContain('Usage: parindex');
  });

  it('every description is written "tiếng Việt / English", so that each language shows one side', () => {
    for (const c of commands('vi')) {
      const texts = [
        c.description(),
        ...c.options.map((o) => o.description),
        ...c.registeredArguments.map((a) => a.description),
      ];
      for (const t of texts) expect(t.split(' / '), `${commandPath(c)}: ${t}`).toHaveLength(2);
    }
  });

  it('shows only the Vietnamese side by default, only the English side with --lang en', () => {
    const vi = runBin(['score', '--help']).stdout;
    expect(vi).toContain('vẫn chấm khi còn lỗi');
    expect(vi).not.toContain('score even with errors');
    const en = runBin(['--lang', 'en', 'score', '--help']).stdout;
    expect(en).toContain('score even with errors');
    expect(en).not.toContain('vẫn chấm khi còn lỗi');
  });
});

describe("commander's errors in Vietnamese", () => {
  const HINT = '(thêm --help để xem cách dùng và ví dụ)';
  it.each([
    [['criteria', 'list', '--bogus'], "lỗi: không có tùy chọn '--bogus'"],
    [['criteria', 'list', '--jsno'], "lỗi: không có tùy chọn '--jsno'\n(Có phải ý bạn là --json?)"],
    [['scor'], "lỗi: không có lệnh 'scor'\n(Có phải ý bạn là score?)"],
    [['score'], "lỗi: thiếu đối số bắt buộc 'round'"],
    [['template', '--criteria', 'x'], "lỗi: thiếu tùy chọn bắt buộc '--out <file>'"],
    [['score', '.', '--out'], "lỗi: tùy chọn '--out <files...>' cần một giá trị"],
    [
      ['--lang', 'fr', 'score', '.'],
      "lỗi: giá trị 'fr' của tùy chọn '--lang <lang>' không hợp lệ; chọn một trong: vi, en.",
    ],
    [['score', 'a', 'b'], "lỗi: thừa đối số cho lệnh 'score': cần 1, nhận được 2."],
  ])('parindex %j', (args, expected) => {
    const r = runBin(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${expected}\n${HINT}\n`);
  });

  it('keeps them English with --lang en', () => {
    const r = runBin(['--lang', 'en', 'criteria', 'list', '--jsno']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: unknown option '--jsno'\n(Did you mean --json?)\n(add --help for usage and examples)\n",
    );
  });
});
