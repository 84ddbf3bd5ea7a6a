#!/usr/bin/env node
/**
 * SIPAS benchmark (not a test): generates, with a fixed seed and into a temporary folder, raw
 * answers of N respondents × 25 questions (default 1,000,000; `--small` 100,000; `--rows N`), then
 * times `parindex sipas` on them as a whole process, with wall time, CPU time and peak memory
 * (maxRSS), beside two floors: reading every byte of the file, and reading it through csv-parse
 * alone. Run after `npm run build`: `npm run bench:sipas [-- --small]`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { rng } from './rng.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/parindex.js');
const RUSAGE = join(ROOT, 'scripts/bench-rusage.mjs');
const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const ROWS = rowsArg >= 0 ? Number(args[rowsArg + 1]) : args.includes('--small') ? 100_000 : 1_000_000;
const AGENCIES = 3_321;
const QUESTIONS = Array.from({ length: 25 }, (_, i) => `Q${i + 1}`);

/** 25 questions in 2 domains: services (5 elements × 4) and policies (1 element × 5). */
export function questionnaireYaml() {
  const q = (n) => `{ code: Q${n}, text: { vi: "Câu ${n}" } }`;
  const el = (id, from, count) =>
    `      - { id: ${id}, title: { vi: ${id} }, questions: ` +
    `[${Array.from({ length: count }, (_, i) => q(from + i)).join(', ')}] }`;
  return `format: 1
kind: questionnaire
id: bench
version: "1"
title: { vi: "Benchmark 25 câu" }
illustrative: true
scale:
  levels:
    - { code: 1, label: { vi: Rất không hài lòng } }
    - { code: 2, label: { vi: Không hài lòng } }
    - { code: 3, label: { vi: Bình thường } }
    - { code: 4, label: { vi: Hài lòng } }
    - { code: 5, label: { vi: Rất hài lòng } }
  satisfied: [4, 5]
  noAnswer: [Không có ý kiến]
minSample: 30
domains:
  - id: services
    title: { vi: Dịch vụ }
    elements:
${el('access', 1, 4)}
${el('procedures', 5, 4)}
${el('civil-servants', 9, 4)}
${el('results', 13, 4)}
${el('feedback', 17, 4)}
  - id: policies
    title: { vi: Chính sách }
    elements:
${el('policy', 21, 5)}
`;
}

export async function generateAnswers(file, ROWS) {
  const rand = rng(20251);
  const out = createWriteStream(file);
  let buf = '\uFEFFMã phiếu,Mã cơ quan,' + QUESTIONS.join(',') + '\r\n';
  for (let i = 1; i <= ROWS; i++) {
    const agency = `CQ${String(1 + Math.floor(rand() * AGENCIES)).padStart(4, '0')}`;
    const p = 0.6 + (Number(agency.slice(2)) % 37) / 100;
    let line = `P${i},${agency}`;
    for (let j = 0; j < 25; j++) {
      const r = rand();
      line +=
        r < 0.03
          ? ','
          : r < 0.04
            ? ',Không có ý kiến'
            : `,${rand() < p ? (rand() < 0.4 ? 5 : 4) : 1 + Math.floor(rand() * 3)}`;
    }
    buf += line + '\r\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** Runs node with the rusage hook; returns wall ms, CPU ms, peak RSS MB and the exit code. */
export function timed(nodeArgs, rusageFile, cwd = process.cwd()) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RUSAGE, ...nodeArgs], {
    cwd,
    env: { ...process.env, BENCH_RUSAGE_OUT: rusageFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const u = JSON.parse(readFileSync(rusageFile, 'utf8'));
  return {
    wall,
    cpu: (u.userCPUTime + u.systemCPUTime) / 1000,
    rss: u.maxRSS / 1024,
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-sipas-'));
  try {
    const csv = join(dir, 'answers.csv');
    const qfile = join(dir, 'bench.yaml');
    writeFileSync(qfile, questionnaireYaml());
    const g0 = Date.now();
    await generateAnswers(csv, ROWS);
    const size = statSync(csv).size;
    console.log(
      `generated ${ROWS.toLocaleString('en-US')} respondents × 25 questions, ${AGENCIES} agencies: ` +
        `${(size / 1e6).toFixed(1)} MB in ${((Date.now() - g0) / 1000).toFixed(1)} s`,
    );

    const floorRead = join(dir, 'floor-read.mjs');
    writeFileSync(
      floorRead,
      `import { createReadStream } from 'node:fs'; let n = 0; for await (const c of ` +
        `createReadStream(${JSON.stringify(csv)})) n += c.length; console.log(n);`,
    );
    const floorParse = join(dir, 'floor-parse.mjs');
    writeFileSync(
      floorParse,
      `import { createReadStream } from 'node:fs'; ` +
        `import { parse } from ${JSON.stringify(join(ROOT, 'node_modules/csv-parse/lib/index.js'))};\n` +
        `       let n = 0; for await (const r of createReadStream(${JSON.stringify(csv)})` +
        `.pipe(parse({ relax_column_count: true, info: true, bom: true }))) n += r.record.length; console.log(n);`,
    );
    const rows = [
      ['floor: read every byte', timed([floorRead], join(dir, 'u1.json'))],
      ['floor: csv-parse only', timed([floorParse], join(dir, 'u2.json'))],
      ['parindex sipas', timed([BIN, 'sipas', csv, '--questionnaire', qfile, '--json'], join(dir, 'u3.json'))],
    ];
    const run = rows[2][1];
    if (run.code !== 0) {
      console.error(run.stderr.slice(0, 2000));
      throw new Error(`parindex sipas exited ${run.code}`);
    }
    const result = JSON.parse(run.stdout);
    console.log('');
    console.log('step                        wall s   CPU s  peak MB   rows/s');
    for (const [name, r] of rows)
      console.log(
        `${name.padEnd(26)} ${(r.wall / 1000).toFixed(2).padStart(7)} ${(r.cpu / 1000).toFixed(2).padStart(7)} ` +
          `${r.rss.toFixed(0).padStart(8)} ${Math.round(ROWS / (r.wall / 1000))
            .toLocaleString('en-US')
            .padStart(9)}`,
      );
    console.log('');
    console.log(
      `sipas: ${result.units.length} agencies, ${result.overall.respondents.toLocaleString('en-US')} ` +
        `respondents, overall ${result.overall.index.value}; distance to csv-parse floor ` +
        `${(run.wall / rows[1][1].wall).toFixed(2)}×`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
