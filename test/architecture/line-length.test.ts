/**
 * No source line over 120 characters (issue 19). Biome formats the tree at width 120 but does not split
 * string or template literals, comments or regular expressions; those are split by hand, and this test
 * keeps them split. Length is counted in characters (code points), as the formatter counts, not bytes:
 * a Vietnamese sentence takes more bytes than characters.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX = 120;
const FOLDERS = ['src', 'test', 'scripts', 'fixtures'];
const SOURCE = /\.(ts|mjs)$/;

/**
 * Lines that cannot be split, by file and exact text (trimmed), so that the list does not go stale
 * when lines move. Only a regular expression literal longer than the room on its line belongs here:
 * building it with `new RegExp('…' + '…')` would need its escapes doubled, a chance to change what it
 * matches, so the literal stays whole. Each one already sits alone on its line.
 */
const ALLOWED: readonly { file: string; text: string }[] = [
  // Header words of a criteria table's columns (source, guidance, maximum), compared without diacritics.
  {
    file: 'src/criteria/import-headers.ts',
    text:
      '/^(phuong phap danh gia|phuong phap xac dinh|hinh thuc danh gia|nguon diem|phuong thuc danh gia|phuong ' +
      'thuc|source)\\b/,',
  },
  {
    file: 'src/criteria/import-headers.ts',
    text:
      '/^(huong dan cham|huong dan|cach cham|cach tinh diem|cach thuc cham|phuong phap cham|phuong phap tinh ' +
      'diem|noi dung cham|yeu cau cham|guidance|scoring guidance)\\b/,',
  },
  {
    file: 'src/criteria/import-headers.ts',
    text:
      '/^(diem toi da|diem chuan|thang diem|so diem toi da|diem so toi da|max|maximum|max points|maximum ' +
      'points)\\b|^diem$|^diem (so|diem)$/,',
  },
  // Scoring guidance read as a rule: "tính theo tỷ lệ" (linear) and a bare "Đạt/Không đạt".
  {
    file: 'src/criteria/import-rules.ts',
    text:
      '/^(?:diem )?(?:duoc )?tinh (?:diem )?theo (?:ty le|ti le)(?: %| phan tram)?(?: (?:dat|dat duoc|hoan ' +
      'thanh|thuc te|tuong ung))?$/,',
  },
  {
    file: 'src/criteria/import-rules.ts',
    text:
      '/^(dat|co|hoan thanh|thuc hien|da ban hanh|ban hanh) ?[/–-] ?(khong dat|chua dat|khong|chua|khong hoan ' +
      'thanh|chua hoan thanh|khong thuc hien|chua ban hanh|khong ban hanh)$/;',
  },
  // Latin-1 characters Unicode Vietnamese never holds: one character class.
  {
    file: 'src/load/legacy-text.ts',
    text:
      '/[\\u00A1-\\u00BF\\u00C4-\\u00C7\\u00CB\\u00CE-\\u00D1\\u00D6-\\u00D8\\u00DB\\u00DC\\u00DE' +
      '\\u00DF\\u00E4-\\u00E7\\u00EB\\u00EE-\\u00F1\\u00F6-\\u00F8\\u00FB\\u00FC\\u00FE\\u00FF]/;',
  },
];

/**
 * The .ts and .mjs files of the folders that git tracks or would track (not ignored), or every such file on
 * disk when there is no git checkout.
 */
function sourceFiles(): string[] {
  try {
    const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...FOLDERS];
    const out = execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return out.split('\0').filter((f) => SOURCE.test(f));
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const p = `${dir}/${e.name}`;
        if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
        return SOURCE.test(e.name) ? [p] : [];
      });
    return FOLDERS.flatMap(walk);
  }
}

const width = (line: string): number => [...line].length;

describe('line length', () => {
  const files = sourceFiles();
  const long = files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split(/\r?\n/)
      .flatMap((line, i) => (width(line) > MAX ? [{ file, line: i + 1, text: line.trim(), width: width(line) }] : [])),
  );
  const allowed = (l: { file: string; text: string }): boolean =>
    ALLOWED.some((a) => a.file === l.file && a.text === l.text);

  it('finds the source files', () => {
    expect(files).toContain('src/index.ts');
    expect(files).toContain('test/architecture/line-length.test.ts');
  });

  it(`has no line over ${MAX} characters outside the allow-list`, () => {
    const over = long.filter((l) => !allowed(l)).map((l) => `${l.file}:${l.line} (${l.width} characters)`);
    expect(over).toEqual([]);
  });

  it('allows only lines that are still there and still too long', () => {
    const stale = ALLOWED.filter((a) => !long.some((l) => l.file === a.file && l.text === a.text)).map(
      (a) => `${a.file}: ${a.text.slice(0, 60)}…`,
    );
    expect(stale).toEqual([]);
  });
});
