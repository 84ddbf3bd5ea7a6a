#!/usr/bin/env node
/**
 * The scale benchmark (not a test). With a fixed seed, into a temporary folder, it generates
 * (a) a round of 3,321 agency workbooks (2% with a realistic mistake), (b) the same round as long
 * CSV files, (c) 1,000,000 survey respondents × 25 questions; then times as whole processes
 * `validate`, `score` with the Excel report (one workbook, then one per group), `score` from the CSV
 * form and `sipas`, and prints wall time, CPU time, peak memory and files or rows per second
 * (medians of --runs, default 3), beside the floors: unzipping and scanning every workbook's XML,
 * and reading every CSV byte.
 * `npm run bench -- --small`: 300 workbooks and 100,000 answers, one run. Run after `npm run build`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '../dist/core/zip.js';
import { writeZip } from '../test/helpers/zip-write.mjs';
import { generateAnswers, questionnaireYaml, timed } from './bench-sipas.mjs';
import { rng } from './rng.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/parindex.js');
const args = process.argv.slice(2);
const small = args.includes('--small');
const num = (flag, dflt) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt);
const AGENCIES = num('--agencies', small ? 300 : 3_321);
const ROWS = num('--rows', small ? 100_000 : 1_000_000);
const RUNS = num('--runs', small ? 1 : 3);
const SET = 'illustrative-internal@2025.1';
const BASE_XLSX = join(ROOT, 'fixtures/sample-round/submissions/so-nganh/snv.xlsx');
const BASE_CSV = join(ROOT, 'fixtures/sample-round/submissions/xa-phuong/cum-1.csv');

function roundYaml(kind) {
  return (
    `format: 1\nname: "Benchmark ${AGENCIES}"\nyear: 2025\ndate: "2026-02-15"\ncriteria:\n  ${kind}: ` +
    `${SET}\nroster: roster.csv\nsubmissions: submissions\nmissingSubmission: report\n`
  );
}

function roster(kind, prefix) {
  const lines = ['mã,tên cơ quan,loại,nhóm'];
  for (let i = 1; i <= AGENCIES; i++)
    lines.push(`${prefix}${String(i).padStart(4, '0')},Đơn vị ${i},${kind},tinh-${1 + (i % 34)}`);
  return lines.join('\n') + '\n';
}

/** 3,321 workbooks from the sample's SNV workbook: code, name and document numbers swapped, 2% with a mistake. */
function writeWorkbooks(dir) {
  const parts = readZip(readFileSync(BASE_XLSX));
  const strings = parts.find((p) => p.name === 'xl/sharedStrings.xml').data.toString('utf8');
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet2.xml').data.toString('utf8');
  const rand = rng(3321);
  mkdirSync(join(dir, 'submissions'), { recursive: true });
  for (let i = 1; i <= AGENCIES; i++) {
    const code = `D${String(i).padStart(4, '0')}`;
    // Each agency cites its own documents ("Văn bản số 67/BC-D0001 …"), as real files do.
    const s = strings
      .replace('<t>SNV</t>', `<t>${code}</t>`)
      .replace('<t>Sở Nội vụ</t>', `<t>Đơn vị ${i}</t>`)
      .replaceAll('/BC-SNV', `/BC-${code}`);
    // Same answers as the prototype; 2% get a mistake (points above the item's maximum).
    const sh = rand() < 0.02 ? sheet.replace('<c r="E5"><v>2</v></c>', '<c r="E5"><v>9</v></c>') : sheet;
    const out = parts.map((p) =>
      p.name === 'xl/sharedStrings.xml'
        ? { ...p, data: Buffer.from(s) }
        : p.name === 'xl/worksheets/sheet2.xml'
          ? { ...p, data: Buffer.from(sh) }
          : p,
    );
    writeFileSync(join(dir, 'submissions', `${code.toLowerCase()}.xlsx`), writeZip(out));
  }
  writeFileSync(join(dir, 'roster.csv'), roster('department', 'D'));
  writeFileSync(join(dir, 'round.yaml'), roundYaml('department'));
}

/** The same size of round as long CSV files (one per province), from the sample's commune rows. */
function writeCsvRound(dir) {
  const lines = readFileSync(BASE_CSV, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const head = lines[0];
  const proto = lines.slice(1).filter((l) => l.startsWith('25001;'));
  mkdirSync(join(dir, 'submissions'), { recursive: true });
  const files = new Map();
  for (let i = 1; i <= AGENCIES; i++) {
    const code = `X${String(i).padStart(4, '0')}`;
    const f = `tinh-${1 + (i % 34)}.csv`;
    if (!files.has(f)) files.set(f, [head]);
    for (const l of proto) files.get(f).push(code + l.slice(5));
  }
  for (const [f, rows] of files) writeFileSync(join(dir, 'submissions', f), '\uFEFF' + rows.join('\r\n') + '\r\n');
  writeFileSync(join(dir, 'roster.csv'), roster('commune', 'X'));
  writeFileSync(join(dir, 'round.yaml'), roundYaml('commune'));
}

/** The floor for workbooks: read, unzip and scan every part of every workbook, in this process. */
function floorWorkbooks(dir) {
  let cells = 0;
  for (const n of readdirSync(dir)) {
    for (const { data } of readZip(readFileSync(join(dir, n))))
      for (let i = data.indexOf('<c '); i >= 0; i = data.indexOf('<c ', i + 3)) cells++;
  }
  return cells;
}

/** Reads CSV files and finds every line end: the least any reader of them must do. */
function floorCsv(paths) {
  let lines = 0;
  let bytes = 0;
  for (const p of paths) {
    const data = readFileSync(p);
    bytes += data.length;
    for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, i + 1)) lines++;
  }
  return { lines, bytes };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-'));
try {
  const t0 = Date.now();
  writeWorkbooks(join(dir, 'round-xlsx'));
  writeCsvRound(join(dir, 'round-csv'));
  writeFileSync(join(dir, 'bench.yaml'), questionnaireYaml());
  await generateAnswers(join(dir, 'answers.csv'), ROWS);
  const wbBytes = readdirSync(join(dir, 'round-xlsx/submissions')).reduce(
    (s, n) => s + statSync(join(dir, 'round-xlsx/submissions', n)).size,
    0,
  );
  console.log(
    `generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${AGENCIES} workbooks ` +
      `(${(wbBytes / 1e6).toFixed(1)} MB), ${AGENCIES} agencies as long CSV, ${ROWS.toLocaleString('en-US')} ` +
      `respondents × 25 questions (${(statSync(join(dir, 'answers.csv')).size / 1e6).toFixed(1)} MB)`,
  );
  if (args.includes('--generate-only')) {
    console.log(`generated into ${dir}`);
    process.exit(0);
  }
  console.log(
    `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; medians ` +
      `of ${RUNS} run(s)`,
  );

  const steps = [
    {
      name: 'validate (workbooks)',
      unit: 'files',
      n: AGENCIES,
      args: [BIN, '--quiet', 'validate', 'round-xlsx/submissions', '--roster', 'round-xlsx/roster.csv'],
      ok: [0, 1],
    },
    {
      name: 'score + Excel report',
      unit: 'files',
      n: AGENCIES,
      args: [
        BIN,
        '--quiet',
        'score',
        'round-xlsx',
        '--allow-incomplete',
        '--force',
        '--split-by',
        'none',
        '--out',
        'report.xlsx',
      ],
      ok: [0, 1],
    },
    {
      // The same report as one workbook per group (34 provinces) and the national index.
      name: 'score + Excel per group',
      unit: 'files',
      n: AGENCIES,
      args: [
        BIN,
        '--quiet',
        'score',
        'round-xlsx',
        '--allow-incomplete',
        '--force',
        '--split-by',
        'group',
        '--out',
        'split.xlsx',
      ],
      ok: [0, 1],
    },
    {
      name: 'score (long CSV)',
      unit: 'agencies',
      n: AGENCIES,
      args: [BIN, '--quiet', 'score', 'round-csv', '--allow-incomplete'],
      ok: [0, 1],
    },
    {
      name: 'sipas',
      unit: 'rows',
      n: ROWS,
      args: [BIN, '--quiet', 'sipas', 'answers.csv', '--questionnaire', 'bench.yaml', '--out', 'sipas.json', '--force'],
      ok: [0],
    },
  ];
  const rows = [];
  for (const step of steps) {
    const runs = [];
    for (let k = 0; k < RUNS; k++) {
      const r = timed(step.args, join(dir, 'rusage.json'), dir);
      if (!step.ok.includes(r.code)) {
        console.error(r.stderr.slice(0, 3000));
        throw new Error(`${step.name} exited ${r.code}`);
      }
      runs.push(r);
    }
    rows.push({
      ...step,
      wall: median(runs.map((r) => r.wall)),
      cpu: median(runs.map((r) => r.cpu)),
      rss: median(runs.map((r) => r.rss)),
    });
  }
  // Floors, in this process.
  let t = performance.now();
  const cells = floorWorkbooks(join(dir, 'round-xlsx/submissions'));
  const floorWb = performance.now() - t;
  t = performance.now();
  const roundCsv = floorCsv(
    readdirSync(join(dir, 'round-csv/submissions')).map((f) => join(dir, 'round-csv/submissions', f)),
  );
  const floorRoundCsv = performance.now() - t;
  t = performance.now();
  const answers = floorCsv([join(dir, 'answers.csv')]);
  const floorAnswers = performance.now() - t;

  console.log('');
  console.log('step                       wall s   CPU s  peak MB        per s    floor s   × floor');
  const floorOf = {
    'validate (workbooks)': floorWb,
    'score + Excel report': floorWb,
    'score + Excel per group': floorWb,
    'score (long CSV)': floorRoundCsv,
    sipas: floorAnswers,
  };
  for (const r of rows) {
    const f = floorOf[r.name] / 1000;
    console.log(
      `${r.name.padEnd(24)} ${(r.wall / 1000).toFixed(2).padStart(8)} ` +
        `${(r.cpu / 1000).toFixed(2).padStart(7)} ${r.rss.toFixed(0).padStart(8)} ` +
        `${`${Math.round(r.n / (r.wall / 1000)).toLocaleString('en-US')} ${r.unit}`.padStart(16)} ` +
        `${f.toFixed(3).padStart(9)} ${(r.wall / 1000 / f).toFixed(1).padStart(9)}`,
    );
  }
  console.log('');
  console.log(
    `floors: unzip + scan ${AGENCIES} workbooks (${cells.toLocaleString('en-US')} cells) ` +
      `${(floorWb / 1000).toFixed(2)} s; read the round's CSV (${(roundCsv.bytes / 1e6).toFixed(1)} MB, ` +
      `${roundCsv.lines.toLocaleString('en-US')} lines) and find every line ` +
      `${(floorRoundCsv / 1000).toFixed(3)} s; the same for the answers (${(answers.bytes / 1e6).toFixed(1)} ` +
      `MB) ${(floorAnswers / 1000).toFixed(3)} s`,
  );
  const bytes = (p) => statSync(join(dir, p)).size;
  const groupFiles = readdirSync(join(dir, 'split'));
  const groupBytes = groupFiles.reduce((s, n) => s + bytes(join('split', n)), 0);
  console.log(
    `Excel: one workbook ${(bytes('report.xlsx') / 1e6).toFixed(1)} MB; per group ${groupFiles.length} workbooks ` +
      `${(groupBytes / 1e6).toFixed(1)} MB (largest ` +
      `${(Math.max(...groupFiles.map((n) => bytes(join('split', n)))) / 1e6).toFixed(2)} MB) + index ` +
      `${(bytes('split.xlsx') / 1e6).toFixed(1)} MB`,
  );
  console.log(
    'targets (2-core reference): validate ≤ 8 s, score + Excel ≤ 12 s, ≤ 600 MB; sipas ≤ 5 s, ≤ 200 MB; each ' +
      'within 3× its floor',
  );
} finally {
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
