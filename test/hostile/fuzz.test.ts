/**
 * Fuzzing (property-based, seeded): valid workbooks and CSV files are mutated — bytes flipped,
 * rows dropped, cells swapped, strings injected, files cut — and `validate` must always end with
 * exit 0, 1 or 2, within a time bound, with no internal error and no stack trace.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_CSV, BASE_XLSX } from '../../fixtures/hostile/corpus.js';
import { runCli } from '../../src/cli/program.js';
import { rezip } from '../helpers/zip.js';
import { rng } from '../../scripts/rng.mjs';

const JUNK = [
  '',
  'abc',
  '1e999',
  '-0',
  '=1+1',
  '+cmd|calc',
  '@SUM(A1)',
  '"',
  '""',
  ';',
  ',',
  '\t',
  '\u0000',
  '\u202E1',
  '１２',
  'NaN',
  '9'.repeat(400),
  'x'.repeat(40_000),
  '#DIV/0!',
  '1,5',
  '1.234,5',
  'TRUE',
  '<![CDATA[x]]>',
  '&amp;',
  '&x;',
];

const root = mkdtempSync(join(tmpdir(), 'parindex-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function validate(file: string): Promise<{ code: number; out: string; ms: number }> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true), isTTY: false };
  const t0 = Date.now();
  const code = await runCli(['validate', file, '--criteria', 'illustrative-internal@2025.1', '--lang', 'en'], {
    stdout: sink,
    stderr: sink,
    env: { NO_COLOR: '1' },
  });
  return { code, out, ms: Date.now() - t0 };
}

function flipBytes(buf: Buffer, rand: () => number): Buffer {
  const b = Buffer.from(buf);
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
  return b;
}

/** One mutation of the scoring sheet's XML. */
function mutateXml(xml: string, rand: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  switch (Math.floor(rand() * 5)) {
    case 0: {
      // Swap the contents of two cells.
      const cells = [...xml.matchAll(/<c [^>]*>(.*?)<\/c>/g)];
      if (cells.length < 2) return xml;
      const a = pick(cells);
      const b = pick(cells);
      return xml
        .replace(a[0], a[0].replace(a[1]!, '\u0001'))
        .replace(b[0], b[0].replace(b[1]!, a[1]!))
        .replace('\u0001', b[1]!);
    }
    case 1: {
      // Drop a row.
      const rows = [...xml.matchAll(/<row [^>]*>.*?<\/row>/g)];
      return rows.length ? xml.replace(pick(rows)[0], '') : xml;
    }
    case 2: {
      // Inject a string into a value, as inline text or raw.
      const vs = [...xml.matchAll(/<v>[^<]*<\/v>/g)];
      if (!vs.length) return xml;
      const junk = pick(JUNK).replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'));
      return xml.replace(pick(vs)[0], rand() < 0.5 ? `<v>${junk}</v>` : `<is><t>${junk}</t></is>`);
    }
    case 3:
      // Cut the XML anywhere.
      return xml.slice(0, Math.floor(rand() * xml.length));
    default: {
      // Move a cell to a far address.
      const cells = [...xml.matchAll(/<c r="([A-Z]+\d+)"/g)];
      return cells.length
        ? xml.replace(pick(cells)[0], `<c r="${pick(['XFD1048576', 'A1', 'ZZ99999', 'A0', 'AAAA1'])}"`)
        : xml;
    }
  }
}

function mutateCsv(text: string, rand: () => number): string {
  const lines = text.split('\r\n');
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const i = 1 + Math.floor(rand() * (lines.length - 1));
  switch (Math.floor(rand() * 5)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1: {
      const f = lines[i]!.split(';');
      const a = Math.floor(rand() * f.length);
      const b = Math.floor(rand() * f.length);
      [f[a], f[b]] = [f[b]!, f[a]!];
      lines[i] = f.join(';');
      break;
    }
    case 2: {
      const f = lines[i]!.split(';');
      f[Math.floor(rand() * f.length)] = pick(JUNK);
      lines[i] = f.join(';');
      break;
    }
    case 3:
      return text.slice(0, Math.floor(rand() * text.length));
    default:
      return flipBytes(Buffer.from(text), rand).toString('latin1');
  }
  return lines.join('\r\n');
}

const RUNS = 100;
const tally: Record<string, number> = {};
afterAll(() => console.log(`fuzz: exit codes ${JSON.stringify(tally)}`));

describe('fuzzing validate', () => {
  const xlsx = readFileSync(BASE_XLSX);
  const csv = readFileSync(BASE_CSV, 'utf8');

  it(`ends cleanly on ${RUNS} mutated workbooks`, async () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const rand = rng(seed);
      const buf =
        seed % 4 === 0
          ? flipBytes(xlsx, rand)
          : rezip(xlsx, (ps) =>
              ps.map((p) =>
                p.name === 'xl/worksheets/sheet2.xml'
                  ? { ...p, data: Buffer.from(mutateXml(p.data.toString('utf8'), rand)) }
                  : p,
              ),
            );
      const file = join(root, `w${seed}.xlsx`);
      writeFileSync(file, buf);
      const r = await validate(file);
      tally[`${file.endsWith('.csv') ? 'csv' : 'xlsx'} ${r.code}`] =
        (tally[`${file.endsWith('.csv') ? 'csv' : 'xlsx'} ${r.code}`] ?? 0) + 1;
      expect([0, 1, 2], `seed ${seed}: exit ${r.code}\n${r.out.slice(0, 500)}`).toContain(r.code);
      expect(r.out, `seed ${seed}`).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect(r.ms, `seed ${seed}`).toBeLessThan(15_000);
    }
  });

  it(`ends cleanly on ${RUNS} mutated CSV files`, async () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const rand = rng(1000 + seed);
      let text = csv;
      for (let k = 0, n = 1 + Math.floor(rand() * 3); k < n; k++) text = mutateCsv(text, rand);
      const file = join(root, `c${seed}.csv`);
      writeFileSync(file, text);
      const r = await validate(file);
      tally[`${file.endsWith('.csv') ? 'csv' : 'xlsx'} ${r.code}`] =
        (tally[`${file.endsWith('.csv') ? 'csv' : 'xlsx'} ${r.code}`] ?? 0) + 1;
      expect([0, 1, 2], `seed ${seed}: exit ${r.code}\n${r.out.slice(0, 500)}`).toContain(r.code);
      expect(r.out, `seed ${seed}`).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect(r.ms, `seed ${seed}`).toBeLessThan(15_000);
    }
  });
});
