#!/usr/bin/env node
/**
 * Generates the bundled sample round (fixtures/sample-round) from a fixed seed: self-scoring
 * workbooks for the 20 departments, long CSV files for the 30 communes, survey points,
 * two appraisal files with the agencies' explanations between them (explanation workbooks made by
 * parindex and filled in as an agency would) and last year's result.
 * Synthetic data. Run after `npm run build`: `node scripts/make-sample-round.mjs`.
 * Same seed, same bytes.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { rng } from './rng.mjs';
import { parse } from 'csv-parse/sync';
import { loadCriteriaSet, appliesWithAncestors, Rational, textIn } from '../dist/index.js';
import { ruleOutcome } from '../dist/score/rules.js';
import { fixZipTimestamps } from '../dist/core/zip.js';
import { runRound } from '../dist/pipeline/run-round.js';
import { runSipas } from '../dist/pipeline/run-sipas.js';
import { loadQuestionnaire } from '../dist/criteria/questionnaire.js';
import { renderExplanationTemplate } from '../dist/report/explanation-template.js';
import { SCORING_COLUMNS, SHEETS, INFO_FIELDS } from '../dist/intake/columns.js';

const ROOT = new URL('../fixtures/sample-round/', import.meta.url).pathname;
const SET = 'illustrative-internal@2025.1';
const idx = loadCriteriaSet(SET);
const DATE = new Date(Date.UTC(2025, 11, 31));

function readRoster() {
  const records = parse(readFileSync(join(ROOT, 'roster.csv')), { bom: true, from_line: 2 });
  return records.map(([code, name, kind, group, region]) => ({ code, name, kind, group, region }));
}

const stepOf = (item) => (item.rule.kind === 'points' ? (item.rule.step ?? 0.25) : 0.25);

/** Inputs of one item for an agency of quality q (0..1). */
function inputsFor(item, q, rand) {
  const rule = item.rule;
  const good = () => rand() < q + 0.08;
  switch (rule.kind) {
    case 'points': {
      const step = stepOf(item);
      const steps = Math.round(item.max / step);
      const k = Math.max(0, Math.min(steps, Math.round(steps * (q + (rand() - 0.5) * 0.3))));
      return { points: Rational.fromNumber(step).mul(Rational.of(k)) };
    }
    case 'choice': {
      const opts = [...rule.options].sort((a, b) => b.points - a.points);
      const i = good() ? 0 : rand() < 0.7 ? 1 : Math.min(2, opts.length - 1);
      return {
        option: opts[Math.min(i, opts.length - 1)].id,
        optionLabel: opts[Math.min(i, opts.length - 1)].label.vi,
      };
    }
    case 'boolean':
      return { yes: good() };
    case 'bands': {
      const share = Math.min(1, q + (rand() - 0.35) * 0.25);
      if (rule.input === 'percent') return { percent: Rational.of(Math.round(Math.max(0, share) * 10000), 100) };
      const den = 20 + Math.floor(rand() * 280);
      const num = good() ? den : Math.max(0, Math.min(den, Math.round(den * share)));
      return { numerator: Rational.of(num), denominator: Rational.of(den) };
    }
    case 'deduction':
      return { count: good() ? 0 : 1 + Math.floor(rand() * 3) };
    case 'count':
      return { count: rand() < (item.source === 'penalty' ? 0.15 : 0.3) ? 1 + Math.floor(rand() * 2) : 0 };
    default:
      return {};
  }
}

function selfScoring(agency, seed, opts = {}) {
  const rand = rng(seed);
  const q = 0.62 + rand() * 0.36;
  const rows = [];
  for (const e of idx.items) {
    const item = e.item;
    if (item.source === 'survey' || item.rule.kind === 'survey') continue;
    if (!appliesWithAncestors(idx, item.code, agency.kind)) continue;
    if (opts.notApplicable?.includes(item.code)) {
      rows.push({
        code: item.code,
        notApplicable: true,
        cells: {},
        location: {},
        explanation: 'Năm 2025 không phát sinh nhiệm vụ này',
      });
      continue;
    }
    const input = { code: item.code, notApplicable: false, cells: {}, location: {}, ...inputsFor(item, q, rand) };
    const out = ruleOutcome(item, input);
    if (out) input.points = out.points;
    if (out?.points.gt(Rational.ZERO))
      input.evidence =
        `Văn bản số ${10 + Math.floor(rand() * 280)}/${item.source === 'bonus' ? 'QĐ' : 'BC'}-${agency.code} ` +
        `ngày ${1 + Math.floor(rand() * 27)}/${1 + Math.floor(rand() * 11)}/2025`;
    rows.push(input);
  }
  return { q, rows };
}

const sheetCol = new Map(SCORING_COLUMNS.map((c, i) => [c.field, i + 1]));

/** A self-scoring workbook in the template's layout: information sheet and scoring sheet with subtotals. */
async function workbook(agency, rows) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'parindex sample';
  wb.created = DATE;
  wb.modified = DATE;
  const info = wb.addWorksheet(SHEETS.info.vi);
  const values = { agencyCode: agency.code, agencyName: agency.name, year: 2025, criteria: SET };
  INFO_FIELDS.forEach((f, i) => {
    info.getCell(i + 1, 1).value = f.vi;
    info.getCell(i + 1, 2).value = values[f.field];
  });
  info.getColumn(1).width = 18;
  info.getColumn(2).width = 40;
  const ws = wb.addWorksheet(SHEETS.scoring.vi);
  SCORING_COLUMNS.forEach((c, i) => {
    ws.getCell(1, i + 1).value = c.vi;
    ws.getColumn(i + 1).width = c.width;
  });
  const byCode = new Map(rows.map((r) => [r.code, r]));
  let r = 2;
  const pointsCol = sheetCol.get('points');
  const letter = String.fromCharCode(64 + pointsCol);
  const walk = (node) => {
    if (!appliesWithAncestors(idx, node.code, agency.kind)) return undefined;
    if ('children' in node) {
      const row = r++;
      ws.getCell(row, 1).value = node.code;
      ws.getCell(row, 2).value = node.title.vi;
      ws.getCell(row, 3).value = node.max;
      ws.getRow(row).font = { bold: true };
      let sum = Rational.ZERO;
      const cells = [];
      for (const c of node.children) {
        const at = r;
        const got = walk(c);
        if (got === undefined) continue;
        cells.push(`${letter}${at}`);
        sum = sum.add(got);
      }
      ws.getCell(row, pointsCol).value = { formula: `SUM(${cells.join(',')})`, result: sum.toNumber() };
      return sum;
    }
    const input = byCode.get(node.code);
    const row = r++;
    ws.getCell(row, 1).value = node.code;
    ws.getCell(row, 2).value = node.title.vi;
    ws.getCell(row, 3).value = node.max;
    ws.getCell(row, 4).value = textIn(node.guidance, 'vi') || '';
    if (!input) return Rational.ZERO;
    const set = (field, v) => v !== undefined && (ws.getCell(row, sheetCol.get(field)).value = v);
    set('points', input.points?.toRoundedNumber(2));
    set('option', input.optionLabel);
    set('yes', input.yes === undefined ? undefined : input.yes ? 'Có' : 'Không');
    set('numerator', input.numerator?.toNumber());
    set('denominator', input.denominator?.toNumber());
    set('percent', input.percent?.toNumber());
    set('count', input.count);
    set('notApplicable', input.notApplicable ? 'x' : undefined);
    set('evidence', input.evidence);
    set('explanation', input.explanation);
    return input.points ? Rational.fromNumber(input.points.toRoundedNumber(2)) : Rational.ZERO;
  };
  for (const f of idx.set.fields) walk(f);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()), DATE);
}

/** The long CSV form: one row per item, Vietnamese headers, semicolons and decimal commas. */
function csvRows(agency, rows) {
  const cols = [
    'agency',
    'code',
    'points',
    'option',
    'yes',
    'numerator',
    'denominator',
    'percent',
    'count',
    'notApplicable',
    'evidence',
    'explanation',
  ];
  const head = cols.map((c) => (c === 'agency' ? 'Mã cơ quan' : SCORING_COLUMNS.find((x) => x.field === c).vi));
  const vn = (r) =>
    r === undefined
      ? ''
      : r
          .toFixed(2)
          .replace(/\.?0+$/, '')
          .replace('.', ',');
  const q = (s) => (s === undefined ? '' : /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = rows.map((i) =>
    [
      agency.code,
      i.code,
      vn(i.points),
      q(i.optionLabel),
      i.yes === undefined ? '' : i.yes ? 'Có' : 'Không',
      vn(i.numerator),
      vn(i.denominator),
      vn(i.percent),
      i.count ?? '',
      i.notApplicable ? 'x' : '',
      q(i.evidence),
      q(i.explanation),
    ].join(';'),
  );
  return [head.join(';'), ...lines];
}

async function appraisalFile(name, lines) {
  const wb = new ExcelJS.Workbook();
  wb.created = DATE;
  wb.modified = DATE;
  const ws = wb.addWorksheet('Thẩm định');
  ws.addRow(['Mã cơ quan', 'Mã tiêu chí', 'Điểm thẩm định', 'Lý do điều chỉnh']);
  for (const l of lines) ws.addRow(l);
  writeFileSync(join(ROOT, 'appraisal', name), fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()), DATE));
}

async function writeRound(dir, roster, seedBase, { notApplicable, twins }) {
  rmSync(join(dir, 'submissions'), { recursive: true, force: true });
  mkdirSync(join(dir, 'submissions', 'so-nganh'), { recursive: true });
  mkdirSync(join(dir, 'submissions', 'xa-phuong'), { recursive: true });
  const scorings = new Map();
  for (const [i, a] of roster.entries()) {
    const twin = twins?.[a.code];
    const s = selfScoring(
      twin ? roster.find((x) => x.code === twin) : a,
      seedBase + (twin ? roster.findIndex((x) => x.code === twin) : i),
      { notApplicable: notApplicable?.[a.code] },
    );
    scorings.set(a.code, s);
  }
  const communeLines = [];
  for (const a of roster) {
    const { rows } = scorings.get(a.code);
    if (a.kind === 'department')
      writeFileSync(join(dir, 'submissions', 'so-nganh', `${a.code.toLowerCase()}.xlsx`), await workbook(a, rows));
    else communeLines.push(csvRows(a, rows));
  }
  // Communes send CSV, ten per file (as a district office would collect them).
  for (let k = 0; k * 10 < communeLines.length; k++) {
    const chunk = communeLines.slice(k * 10, k * 10 + 10);
    const body = [chunk[0][0], ...chunk.flatMap((c) => c.slice(1))].join('\r\n') + '\r\n';
    writeFileSync(join(dir, 'submissions', 'xa-phuong', `cum-${k + 1}.csv`), '\uFEFF' + body);
  }
  // Survey points: satisfaction share per agency × survey item, for the leaders' survey only;
  // the SIPAS items (measures "services.*", "policies") come from raw answers below.
  const survey = ['Mã cơ quan;Mã tiêu chí;Tỷ lệ hài lòng'];
  for (const [i, a] of roster.entries()) {
    const twin = twins?.[a.code];
    const rand = rng(seedBase * 7 + (twin ? roster.findIndex((x) => x.code === twin) : i));
    const q = scorings.get(a.code).q;
    for (const e of idx.items) {
      if (e.item.source !== 'survey' || !appliesWithAncestors(idx, e.item.code, a.kind)) continue;
      if (SIPAS_MEASURE.test(e.item.rule.measure ?? '')) continue;
      const pct = Math.min(99.9, Math.max(40, (q * 0.6 + 0.35 + (rand() - 0.5) * 0.1) * 100));
      survey.push(`${a.code};${e.item.code};${pct.toFixed(1).replace('.', ',')}%`);
    }
  }
  mkdirSync(join(dir, 'survey'), { recursive: true });
  writeFileSync(join(dir, 'survey', 'diem-dieu-tra.csv'), '\uFEFF' + survey.join('\r\n') + '\r\n');
  writeFileSync(
    join(dir, 'survey', 'phieu-khao-sat.csv'),
    '\uFEFF' + sipasAnswers(roster, seedBase, scorings, twins).join('\r\n') + '\r\n',
  );
  return scorings;
}

const SIPAS_MEASURE = /^(services|policies)(\.|$)/;
const QUESTIONS = [
  ...Array.from({ length: 14 }, (_, i) => `CS${i + 1}`),
  ...Array.from({ length: 19 }, (_, i) => `DV${i + 1}`),
];
const LABELS = {
  1: ['Rất không hài lòng', 'rat khong hai long'],
  2: ['Không hài lòng', 'KHÔNG HÀI LÒNG'],
  3: ['Bình thường', 'binh thuong'],
  4: ['Hài lòng', 'hai long'],
  5: ['Rất hài lòng', 'Rat hai long'],
};

/**
 * Raw SIPAS answers (questionnaire sipas-illustrative@2025.1): 30 to 60 respondents per agency,
 * one commune below the minimum sample of 30, answers mostly as codes 1–5 and some as labels
 * (with and without diacritics), a few blanks and "Không có ý kiến", one answer off the scale and
 * one empty row, so the findings show. Twins answer alike, so their tie holds.
 */
function sipasAnswers(roster, seedBase, scorings, twins) {
  const lines = ['Mã phiếu;Mã cơ quan;Đối tượng;' + QUESTIONS.join(';')];
  for (const [i, a] of roster.entries()) {
    const twin = twins?.[a.code];
    const rand = rng(seedBase * 13 + (twin ? roster.findIndex((x) => x.code === twin) : i));
    const q = scorings.get(twin ?? a.code).q;
    const n = a.code === '25088' ? 24 : 30 + Math.floor(rand() * 31);
    for (let k = 1; k <= n; k++) {
      const cells = QUESTIONS.map((_, j) => {
        const r = rand();
        if (r < 0.03) return '';
        if (r < 0.05) return 'Không có ý kiến';
        const p = Math.min(0.97, q * 0.7 + 0.28 + ((j % 5) - 2) * 0.02);
        const level = rand() < p ? (rand() < 0.4 ? 5 : 4) : 1 + Math.floor(rand() * 3);
        return rand() < 0.1 ? LABELS[level][Math.floor(rand() * 2)] : String(level);
      });
      lines.push(
        [`${a.code}-${String(k).padStart(3, '0')}`, a.code, rand() < 0.7 ? 'Người dân' : 'Doanh nghiệp', ...cells].join(
          ';',
        ),
      );
    }
  }
  // One answer off the scale and one row left blank, as real files have.
  if (lines.length > 12) lines[12] = lines[12].replace(/;(\d)$/, ';6');
  lines.push(`;;;${QUESTIONS.map(() => '').join(';')}`);
  return lines;
}

const roster = readRoster();
// Last year: same agencies but one commune that did not exist yet (merged in 2025), other seed.
const prevDir = mkdtempSync(join(tmpdir(), 'parindex-sample-2024-'));
cpSync(join(ROOT, 'roster.csv'), join(prevDir, 'roster.csv'));
const prevRoster = roster.filter((a) => a.code !== '25088');
writeFileSync(
  join(prevDir, 'roster.csv'),
  '\uFEFFmã,tên cơ quan,loại,nhóm,khu vực\r\n' +
    prevRoster.map((a) => [a.code, a.name, a.kind, a.group, a.region].join(',')).join('\r\n') +
    '\r\n',
);
const ROUND_YAML = readFileSync(join(ROOT, 'round.yaml'), 'utf8');
writeFileSync(
  join(prevDir, 'round.yaml'),
  ROUND_YAML.replace(/^name: .*$/m, 'name: "Chỉ số CCHC năm 2024 (mẫu)"')
    .replace(/^year: .*$/m, 'year: 2024')
    .replace(/^date: .*$/m, 'date: "2024-12-31"')
    .replace(/^stages:[\s\S]*?(?=^\w)/m, 'appraisal: []\n')
    .replace(/^previous: .*\n/m, '')
    .replace(/^ +previous: .*\n/m, ''),
);
await writeRound(prevDir, prevRoster, 2024, {});
const prevRun = await runRound(prevDir, { allowIncomplete: true });
if (!prevRun.result) throw new Error('2024 round did not score: ' + JSON.stringify(prevRun.findings.slice(0, 3)));
mkdirSync(join(ROOT, 'previous'), { recursive: true });
writeFileSync(join(ROOT, 'previous', 'ket-qua-2024.json'), JSON.stringify(prevRun.result, null, 2) + '\n');
// The same year's communes as a province publishes them: a title row, names as printed (old-style
// accents "Hòa" for "Hoà", one in capitals), indices with two decimals, and field indices. A round
// that has only this table names it as `previous:` (see test/round/previous-sample.test.ts).
{
  const comma = (x) => x.toFixed(2).replace('.', ',');
  const printed = (name, i) =>
    i === 0 ? name.toUpperCase() : name.replace(/oà/g, 'òa').replace(/oá/g, 'óa').replace(/uỳ/g, 'ùy');
  const communes = prevRun.result.agencies.filter((a) => a.group === 'xa-phuong' && a.rank !== undefined);
  const fields = communes[0].fields.filter((f) => f.max.value > 0).map((f) => f.code);
  // As Excel saves a sheet with a title row: the title's row padded with separators to the table's width.
  const lines = [
    'KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA UBND CÁC XÃ, PHƯỜNG (dữ liệu mẫu)' + ';'.repeat(4 + fields.length),
    ['STT', 'Tên đơn vị', 'Nhóm', 'Chỉ số (%)', 'Xếp hạng', ...fields.map((f) => `Lĩnh vực ${f}`)].join(';'),
    ...communes.map((a, i) =>
      [
        i + 1,
        printed(a.name, i),
        'UBND xã, phường',
        comma(a.total.index.value),
        a.rank,
        ...fields.map((f) => comma(a.fields.find((x) => x.code === f).index.value)),
      ].join(';'),
    ),
  ];
  writeFileSync(join(ROOT, 'previous', 'xep-hang-xa-phuong-2024.csv'), '\uFEFF' + lines.join('\r\n') + '\r\n');
}
// Last year's SIPAS ranking as published: names as printed, the index and each domain's index with
// two decimals, the rank. `parindex sipas … --previous previous/xep-hang-sipas-2024.csv` compares with it.
{
  const comma = (x) => x.toFixed(2).replace('.', ',');
  const qi = loadQuestionnaire('sipas-illustrative@2025.1');
  const names = new Map(prevRoster.map((a) => [a.code, a.name]));
  // Ranked per block, as this year's round ranks its groups; the "Khối" column names the block by title.
  const titles = { 'so-nganh': 'Sở, ban, ngành', 'xa-phuong': 'UBND xã, phường' };
  const sipas = await runSipas(
    [{ path: join(prevDir, 'survey', 'phieu-khao-sat.csv'), display: 'phieu-khao-sat.csv' }],
    { questionnaire: qi, roster: names, unitGroups: new Map(prevRoster.map((a) => [a.code, a.group])) },
  );
  const units = sipas.units
    .filter((u) => u.rank !== undefined)
    .sort(
      (a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) || a.rank - b.rank || (a.code < b.code ? -1 : 1),
    );
  const domains = qi.q.domains;
  const lines = [
    'CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC (SIPAS) NĂM 2024 (dữ liệu mẫu)' + ';'.repeat(4 + domains.length),
    ['STT', 'Tên đơn vị', 'Khối', 'Chỉ số SIPAS (%)', 'Xếp hạng', ...domains.map((d) => d.title.vi)].join(';'),
    ...units.map((u, i) =>
      [
        i + 1,
        i === 0 ? u.name.toUpperCase() : u.name.replace(/oà/g, 'òa').replace(/oá/g, 'óa').replace(/uỳ/g, 'ùy'),
        titles[u.group],
        comma(u.index.value),
        u.rank,
        ...domains.map((d) => comma(u.domains.find((x) => x.id === d.id).index.value)),
      ].join(';'),
    ),
  ];
  writeFileSync(join(ROOT, 'previous', 'xep-hang-sipas-2024.csv'), '\uFEFF' + lines.join('\r\n') + '\r\n');
}
rmSync(prevDir, { recursive: true, force: true });

// This year: two departments with identical files and survey (a tie), one item not applicable.
const scorings = await writeRound(ROOT, roster, 2025, {
  twins: { SNGV: 'SDTTG' },
  notApplicable: { SXD: ['2.2.2'], 25004: ['3.2.2'] },
});
mkdirSync(join(ROOT, 'appraisal'), { recursive: true });
// First appraisal: points lowered where evidence did not support them.
const lowered = [];
for (const code of ['SNV', 'STC', 'SYT', 'SGDDT', '25001', '25010', '25019', '25031']) {
  const row = scorings
    .get(code)
    .rows.find((r) => r.points?.gt(Rational.ZERO) && idx.byCode.get(r.code).item.rule.kind !== 'count');
  if (!row) continue;
  const item = idx.byCode.get(row.code).item;
  const to = Rational.ZERO.max(row.points.sub(Rational.fromNumber(Math.min(item.max, 0.5))));
  lowered.push([code, row.code, to.toNumber(), 'Tài liệu kiểm chứng không chứng minh được kết quả tự chấm']);
}
await appraisalFile('dot-1.xlsx', lowered);
// Explanations: three agencies answer the first round with the workbook parindex makes from it
// (the round as it stood after round 1), two of them with added evidence.
const afterFirst = mkdtempSync(join(tmpdir(), 'parindex-sample-dot1-'));
cpSync(ROOT, afterFirst, { recursive: true });
writeFileSync(
  join(afterFirst, 'round.yaml'),
  ROUND_YAML.replace(/^stages:[\s\S]*?(?=^\w)/m, 'appraisal:\n  - appraisal/dot-1.xlsx\n'),
);
const firstRun = await runRound(afterFirst, { allowIncomplete: true });
rmSync(afterFirst, { recursive: true, force: true });
if (!firstRun.result) throw new Error('the round after appraisal 1 did not score');
rmSync(join(ROOT, 'giai-trinh'), { recursive: true, force: true });
mkdirSync(join(ROOT, 'giai-trinh'), { recursive: true });
const REPLIES = {
  SNV: [
    'Kế hoạch đã ban hành đúng hạn; gửi kèm văn bản ban hành.',
    'Kế hoạch số 12/KH-SNV ngày 10/01/2025',
    '2026-01-20',
  ],
  STC: [
    'Đề nghị xem xét lại: số liệu đã được cập nhật sau kiểm tra.',
    'Báo cáo số 45/BC-STC ngày 15/12/2025',
    '2026-01-22',
  ],
  SYT: ['Đơn vị đã thực hiện nhưng chưa kịp lưu văn bản.', '', '2026-01-24'],
};
for (const [code, [reply, evidence, day]] of Object.entries(REPLIES)) {
  const agency = firstRun.result.agencies.find((a) => a.code === code);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await renderExplanationTemplate(firstRun.result, agency, 'vi'));
  const ws = wb.getWorksheet('Giải trình');
  const head = ws.getRow(1).values.map(String);
  const col = (h) => head.indexOf(h);
  const row = ws.getRow(2);
  row.getCell(col('Nội dung giải trình')).value = reply;
  if (evidence) row.getCell(col('Tài liệu kiểm chứng bổ sung')).value = evidence;
  row.getCell(col('Ngày giải trình')).value = new Date(`${day}T00:00:00Z`);
  writeFileSync(
    join(ROOT, 'giai-trinh', `giai-trinh-${code}.xlsx`),
    fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()), DATE),
  );
}
// Second appraisal, after the agencies' explanations: two restored, one lowered again.
const second = lowered.slice(0, 2).map(([a, i]) => [
  a,
  i,
  scorings
    .get(a)
    .rows.find((r) => r.code === i)
    .points.toNumber(),
  'Chấp nhận giải trình, bổ sung tài liệu',
]);
await appraisalFile('dot-2.xlsx', second);
console.log(`sample round written to ${ROOT}`);
