#!/usr/bin/env node
/**
 * Generates fixtures/intake: filled submissions with known mistakes, made from a clean sample
 * workbook by changing one cell per mistake, plus broken files of every structural kind and CSV
 * variants. test/validate/fixtures.test.ts asserts the exact {code, cell} list of each file.
 * Run after `npm run build`: `node scripts/make-intake-fixtures.mjs`. Deterministic.
 */
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fixZipTimestamps } from '../dist/core/zip.js';

const ROOT = new URL('../fixtures/', import.meta.url).pathname;
const OUT = join(ROOT, 'intake');
const BASE = join(ROOT, 'sample-round', 'submissions', 'so-nganh', 'stc.xlsx');
const DATE = new Date(Date.UTC(2025, 11, 31));
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const COL = {
  points: 5,
  option: 6,
  yes: 7,
  numerator: 8,
  denominator: 9,
  percent: 10,
  count: 11,
  na: 12,
  evidence: 13,
  explanation: 14,
};

async function load() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(BASE));
  return wb;
}
function rowOf(ws, code) {
  for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value) === code) return r;
  throw new Error(`no row ${code}`);
}
async function save(wb, name) {
  writeFileSync(join(OUT, name), fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()), DATE));
}
async function variant(name, change) {
  const wb = await load();
  const ws = wb.getWorksheet('Tự chấm điểm');
  const set = (code, field, value) => {
    ws.getCell(rowOf(ws, code), COL[field]).value = value;
  };
  await change({ wb, ws, set, row: (code) => rowOf(ws, code) });
  await save(wb, name);
}

// A clean department file.
await variant('sach-stc.xlsx', () => {});

// Values: one mistake per cell.
await variant('gia-tri.xlsx', ({ ws, set, row }) => {
  set('1.3.2', 'points', 'hai điểm'); //            INTAKE_NOT_A_NUMBER
  set('2.2.3', 'points', -1); //                    INTAKE_NEGATIVE
  set('3.1.2', 'points', 2); //                     INTAKE_ABOVE_MAX (max 1.5)
  set('5.1.2', 'points', 0.3); //                   INTAKE_OFF_STEP (step 0.25)
  set('1.1.1', 'option', 'Hoàn thành'); //          INTAKE_UNKNOWN_OPTION
  set('1.1.1', 'points', null);
  set('2.1.1', 'numerator', 48); //                 INTAKE_NUMERATOR_ABOVE_DENOMINATOR
  set('2.1.1', 'denominator', 45);
  set('2.1.1', 'points', null);
  set('3.2.1', 'denominator', 0); //                INTAKE_ZERO_DENOMINATOR
  set('3.2.1', 'numerator', 0);
  set('3.2.1', 'points', null);
  set('7.2.2', 'points', { formula: 'E30*2' }); //  INTAKE_FORMULA_NO_RESULT
  set('8.3.1', 'points', new Date(Date.UTC(2025, 2, 2))); // INTAKE_DATE_NOT_NUMBER
  set('6.1.1', 'percent', { error: '#DIV/0!' }); // INTAKE_ERROR_VALUE
  set('6.1.1', 'points', null);
  set('7.1.1', 'numerator', '1.234'); //            INTAKE_AMBIGUOUS_NUMBER
  set('7.1.1', 'points', null);
  set('4.1.2', 'count', 2.5); //                    INTAKE_NOT_WHOLE
  set('4.1.2', 'points', null);
  set('4.2.1', 'yes', 'có lẽ'); //                  INTAKE_BAD_YES_NO
  set('4.2.1', 'points', null);
  set('7.2.1', 'percent', 105); //                  INTAKE_PERCENT_RANGE
  set('7.2.1', 'points', null);
  // Merged input cells over two item rows: INTAKE_MERGED_INPUT.
  ws.mergeCells(row('8.3.2'), COL.evidence, row('8.3.2') + 1, COL.evidence);
  // A value in a hidden row: INTAKE_HIDDEN_VALUE.
  ws.getRow(row('5.3.2')).hidden = true;
});

// Item rows: unknown, duplicate, missing, not for this kind, not applicable where not allowed, blank.
await variant('tieu-chi.xlsx', ({ ws, set, row }) => {
  ws.getCell(row('5.3.2'), 1).value = '5.3.9'; //   INTAKE_UNKNOWN_ITEM + INTAKE_MISSING_ITEM 5.3.2
  ws.getCell(row('6.1.2'), 1).value = '6.1.1'; //   INTAKE_DUPLICATE_ITEM + INTAKE_MISSING_ITEM 6.1.2
  const r = row('7.1.3');
  ws.getCell(r, 1).value = '1.3.3'; //              INTAKE_ITEM_NOT_FOR_KIND (commune item in a department file)
  //                                                + missing 7.1.3
  set('1.2.2', 'na', 'x'); //                       INTAKE_NA_NOT_ALLOWED
  for (const f of ['points', 'yes', 'evidence']) set('3.3.2', f, null); // INTAKE_ITEM_BLANK
});

// Evidence and consistency.
await variant('kiem-chung.xlsx', ({ set }) => {
  set('3.1.1', 'evidence', null); //                INTAKE_EVIDENCE_MISSING
  set('4.1.1', 'evidence', null); //                INTAKE_EVIDENCE_EXPLAINED
  set('4.1.1', 'explanation', 'Văn bản đang trình ký, sẽ bổ sung');
  set('2.1.2', 'yes', 'Không'); //                  INTAKE_POINTS_CONTRADICT_RULE (no gives 0, points say 1)
  set('2.1.2', 'points', 1);
  // A subtotal cell typed over by hand: INTAKE_SUBTOTAL_MISMATCH (warning) on criterion 1.2.
});
{
  const wb = await load();
  const ws = wb.getWorksheet('Tự chấm điểm');
  const r = rowOf(ws, '1.2');
  ws.getCell(r, COL.points).value = 5;
  const ev = join(OUT, 'kiem-chung.xlsx');
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.load(readFileSync(ev));
  wb2.getWorksheet('Tự chấm điểm').getCell(r, COL.points).value = 5;
  await save(wb2, 'kiem-chung.xlsx');
}

// Structure: the information sheet says another set, another year, no agency code; a hidden scoring sheet.
await variant('thong-tin.xlsx', ({ wb }) => {
  const info = wb.getWorksheet('Thông tin');
  info.getCell('B1').value = null; //               INTAKE_AGENCY_MISSING
  info.getCell('B3').value = 2024; //               INTAKE_YEAR_MISMATCH (with --year 2025)
  info.getCell('B4').value = 'illustrative-internal@2024.1'; // INTAKE_CRITERIA_MISMATCH
  wb.getWorksheet('Tự chấm điểm').state = 'hidden'; // INTAKE_HIDDEN_SHEET
});
// Not in the roster, and the same agency as sach-stc.xlsx.
await variant('ngoai-danh-sach.xlsx', ({ wb }) => {
  wb.getWorksheet('Thông tin').getCell('B1').value = 'SXD2'; // INTAKE_AGENCY_NOT_IN_ROSTER
});
await variant('trung-stc.xlsx', () => {}); //         INTAKE_AGENCY_DUPLICATE
// A workbook rebuilt by hand: no information sheet, English headers in row 3, one agency column.
{
  const wb = new ExcelJS.Workbook();
  wb.created = DATE;
  wb.modified = DATE;
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['Self-assessment 2025']);
  ws.addRow([]);
  ws.addRow(['Agency code', 'Item code', 'Points', 'Yes/No', 'Evidence']);
  ws.addRow(['STP', '1.2.2', 1, 'Yes', 'Report 12/BC-STP']);
  await save(wb, 'tu-lam.xlsx'); // INTAKE_MISSING_ITEM for every other item
}
// No header row at all.
{
  const wb = new ExcelJS.Workbook();
  wb.created = DATE;
  wb.modified = DATE;
  wb.addWorksheet('Trang 1').addRow(['Báo cáo tự đánh giá', 'xem văn bản kèm theo']);
  await save(wb, 'khong-tieu-de.xlsx'); // INTAKE_INFO_MISSING + INTAKE_HEADER_NOT_FOUND
}

// Files that are not readable workbooks.
const ole = Buffer.alloc(1536);
Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
const legacy = Buffer.from(ole);
Buffer.from('Workbook', 'utf16le').copy(legacy, 1024);
writeFileSync(join(OUT, 'cu.xls'), legacy); //                  INTAKE_LEGACY_FORMAT xls
const enc = Buffer.from(ole);
Buffer.from('EncryptionInfo', 'utf16le').copy(enc, 1024);
writeFileSync(join(OUT, 'mat-khau.xlsx'), enc); //              INTAKE_ENCRYPTED
const ods = Buffer.alloc(120);
Buffer.from([0x50, 0x4b, 0x03, 0x04]).copy(ods);
Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet', 'latin1').copy(ods, 30);
writeFileSync(join(OUT, 'libreoffice.ods'), ods); //            INTAKE_LEGACY_FORMAT ods
// INTAKE_NOT_SPREADSHEET
writeFileSync(join(OUT, 'bao-cao.xlsx'), Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
writeFileSync(join(OUT, 'rong.xlsx'), Buffer.alloc(0)); //      INTAKE_EMPTY_FILE
const whole = readFileSync(join(OUT, 'sach-stc.xlsx'));
writeFileSync(join(OUT, 'cat-ngang.xlsx'), whole.subarray(0, Math.floor(whole.length / 2))); // INTAKE_CORRUPT

// CSV variants of one commune's complete, clean rows (taken from the sample round).
const sample = readFileSync(join(ROOT, 'sample-round', 'submissions', 'xa-phuong', 'cum-1.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split('\r\n');
const head = sample[0];
const rows = sample.filter((l) => l.startsWith('25001;'));
const csv = (lines, sep = ';') => lines.map((l) => (sep === ';' ? l : l.split(';').join(sep))).join('\r\n') + '\r\n';
// clean: BOM, semicolons, decimal commas
writeFileSync(join(OUT, 'xa-bom-champhay.csv'), '\uFEFF' + csv([head, ...rows]));
writeFileSync(join(OUT, 'xa-windows-1258.csv'), encode1258(csv([head, ...rows]))); // clean, windows-1258 bytes
// clean, NFD text, tabs
writeFileSync(join(OUT, 'xa-nfd-tab.csv'), csv([head.normalize('NFD'), ...rows.map((r) => r.normalize('NFD'))], '\t'));
// Ragged: the third item row lost its last five fields (evidence among them).
const ragged = [...rows];
ragged[2] = ragged[2].split(';').slice(0, 7).join(';');
writeFileSync(join(OUT, 'xa-le-cot.csv'), csv([head, ...ragged]));
// An unterminated quote in the evidence of the tenth item row: rows from there on are lost.
const quoted = [...rows];
quoted[9] = quoted[9].replace(/;([^;]*);([^;]*)$/, ';"$1;$2');
writeFileSync(join(OUT, 'xa-ngoac-kep.csv'), csv([head, ...quoted]));
console.log(`intake fixtures written to ${OUT}`);

/** windows-1258 encoding of the characters these fixtures use (Node has only the decoder). */
function encode1258(text) {
  const dec = new TextDecoder('windows-1258');
  const table = new Map();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  const combining = new Map([
    ['\u0300', 0xcc],
    ['\u0309', 0xd2],
    ['\u0303', 0xde],
    ['\u0301', 0xec],
    ['\u0323', 0xf2],
  ]);
  const out = [];
  for (const ch of text.normalize('NFC')) {
    if (table.has(ch)) {
      out.push(table.get(ch));
      continue;
    }
    const [base, ...marks] = ch.normalize('NFD');
    // Windows-1258 has precomposed vowels with circumflex/breve/horn but tones as combining marks.
    const b = [...marks].reduce(
      (acc, m) => (table.has((acc + m).normalize('NFC')) && !combining.has(m) ? (acc + m).normalize('NFC') : acc),
      base,
    );
    const rest = [...marks].filter((m) => !(b.normalize('NFD').includes(m) && m !== base));
    if (!table.has(b)) throw new Error(`cannot encode ${ch}`);
    out.push(table.get(b));
    for (const m of rest) {
      if (!combining.has(m)) throw new Error(`cannot encode mark in ${ch}`);
      out.push(combining.get(m));
    }
  }
  return Buffer.from(out);
}
