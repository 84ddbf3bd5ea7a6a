#!/usr/bin/env node
/**
 * Writes fixtures/sipas/: answer files shaped as surveys are exported (a forms export with question
 * texts and a timestamp, a web form's field names, a sheet keyed in under a title row, an officials'
 * survey scored A/B/C/D, one file per agency). Run after `npm run build` (the zip timestamps are
 * fixed as the tool's own workbooks are); test/sipas/exports.test.ts scores them to indices worked out by hand.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fixZipTimestamps } from '../dist/core/zip.js';

const ROOT = new URL('../fixtures/sipas/', import.meta.url).pathname;
rmSync(ROOT, { recursive: true, force: true });

const csv = (rows) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
function write(dir, name, text) {
  mkdirSync(join(ROOT, dir), { recursive: true });
  writeFileSync(join(ROOT, dir, name), text);
}

// A Google/Microsoft Forms export: a timestamp, the agency, questions headed with their numbered
// text, one as a grid row ("… [row]"); answers as the labels the form showed.
write(
  'forms-export',
  'answers.csv',
  csv([
    [
      'Dấu thời gian',
      'Đơn vị',
      'Câu 1.1. Thông tin về chính sách được cung cấp bằng nhiều hình thức, dễ tìm',
      'Câu 1.2. Thông tin về chính sách đầy đủ, dễ hiểu',
      'Mức độ hài lòng [Công chức có thái độ lịch sự, tôn trọng]',
    ],
    ['2025/10/01 8:01:12 SA GMT+7', 'SNV', 'Hài lòng', 'Rất hài lòng', 'Rất hài lòng'],
    ['2025/10/01 8:15:40 SA GMT+7', 'SNV', 'Bình thường', 'Hài lòng', 'Không hài lòng'],
    ['2025/10/01 9:02:03 SA GMT+7', 'SNV', 'Không có ý kiến', 'Rất không hài lòng', 'Hài lòng'],
    ['2025/10/02 14:20:55 CH GMT+7', 'STP', 'Hài lòng', 'Hài lòng', 'Hài lòng'],
    ['2025/10/02 15:33:09 CH GMT+7', 'STP', 'Không hài lòng', '', 'Rất hài lòng'],
  ]),
);

// A web form of the province's own: field names, read with a column map.
write(
  'web-form',
  'answers.csv',
  csv([
    ['id', 'submitted_at', 'agency_code', 'question11', 'question12', 'question91'],
    ['r1', '2025-10-03T08:00:00Z', 'UBND-Q1', '5', '5', '5'],
    ['r2', '2025-10-03T08:05:00Z', 'UBND-Q1', '3', '4', '2'],
    ['r3', '2025-10-03T08:09:00Z', 'UBND-Q1', '1', '', '4'],
  ]),
);
write(
  'web-form',
  'columns.yaml',
  `# Columns of the web form's export → questions of sipas-illustrative@2025.1
columns:
  submitted_at: ignore
  agency_code: agency
  question11: CS1
  question12: CS2
  question91: DV9
`,
);

// Officials assess agencies, A/B/C/D; one file per agency, named by its code.
const officials = [
  'Dấu thời gian',
  'Câu 1. Công tác chỉ đạo, điều hành cải cách hành chính',
  'Câu 2. Việc thực hiện kế hoạch cải cách hành chính',
  'Câu 3. Giải quyết thủ tục hành chính đúng hạn',
  'Câu 4. Thái độ phục vụ của cán bộ, công chức',
];
write(
  'officials-abcd',
  'SNV.csv',
  csv([
    officials,
    ['01/11/2025 08:00', 'A. Tốt', 'B. Khá', 'A', 'C'],
    ['01/11/2025 08:10', 'B', 'Khá', 'D. Yếu', 'Không đánh giá'],
    ['01/11/2025 08:20', 'A', 'C. Trung bình', 'B', 'A'],
  ]),
);
write(
  'officials-abcd',
  'STC.csv',
  csv([officials, ['02/11/2025 09:00', 'D', 'D', 'C', ''], ['02/11/2025 09:30', 'A', 'A', 'A', 'A']]),
);

// Officials assess several agencies in one form: one column group per agency ("Sở Tư pháp - Câu 1"),
// the agencies named as the roster (officials-roster.csv) names them; one group names an agency the roster lacks.
const roster = csv([
  ['mã', 'tên cơ quan', 'loại', 'nhóm'],
  ['SNV', 'Sở Nội vụ', 'department', 'so-nganh'],
  ['STP', 'Sở Tư pháp', 'department', 'so-nganh'],
  ['STC', 'Sở Tài chính', 'department', 'so-nganh'],
]);
mkdirSync(ROOT, { recursive: true });
writeFileSync(join(ROOT, 'officials-roster.csv'), roster);
const group = (agency) => [1, 2, 3, 4].map((n) => `${agency} - Câu ${n}`);
write(
  'officials-groups',
  'dai-bieu.csv',
  csv([
    ['Dấu thời gian', 'Mã phiếu', ...group('Sở Tư pháp'), ...group('Sở Nội vụ'), 'Sở Ngoại vụ - Câu 1'],
    ['03/11/2025 08:00', 'P1', 'A', 'B', 'A', 'B', 'C', 'C', 'D', 'Không đánh giá', 'A'],
    ['03/11/2025 08:05', 'P2', 'A', 'A', 'B', 'C', '', '', '', '', ''],
    ['03/11/2025 08:10', 'P3', '', '', '', '', 'A', 'B', 'B', 'A', ''],
    ['03/11/2025 08:15', 'P4', '', '', '', '', '', '', '', '', ''],
  ]),
);
// A forms grid: one question, one row per assessed agency ("Câu 1. … [Sở Tài chính]").
const q1 = 'Câu 1. Công tác chỉ đạo, điều hành cải cách hành chính';
const q3 = 'Câu 3. Giải quyết thủ tục hành chính đúng hạn';
write(
  'officials-groups',
  'lanh-dao.csv',
  csv([
    [
      'Dấu thời gian',
      'Mã phiếu',
      `${q1} [Sở Tài chính]`,
      `${q1} [Sở Tư pháp]`,
      `${q3} [Sở Tài chính]`,
      `${q3} [Sở Tư pháp]`,
    ],
    ['04/11/2025 10:00', 'L1', 'A', 'C', 'B', 'A'],
    ['04/11/2025 10:20', 'L2', 'B', '', 'D', ''],
    ['04/11/2025 10:40', 'L3', '', 'E', '', ''],
  ]),
);
// The same kind of survey in the long layout: one answer a row.
write(
  'officials-long',
  'phieu.csv',
  csv([
    ['Mã phiếu', 'Cơ quan được đánh giá', 'Câu hỏi', 'Trả lời'],
    ['R1', 'STP', 'CB1', 'A'],
    ['R1', 'STP', 'CB2', 'B'],
    ['R1', 'SNV', 'CB1', 'C'],
    ['R2', 'Sở Tư pháp', 'Câu 1', 'B'],
    ['R2', 'STP', 'CB3', 'D'],
    ['R2', 'SXX', 'CB1', 'A'],
    ['R1', 'STP', 'CB1', 'C'],
    ['R3', 'SNV', 'CB9', 'A'],
    ['R3', 'SNV', 'CB4', 'Không đánh giá'],
    ['R3', 'SNV', 'CB2', 'A'],
  ]),
);

// Answers keyed in from paper under a merged title row.
const wb = new ExcelJS.Workbook();
wb.creator = 'parindex fixtures';
wb.created = new Date(Date.UTC(2025, 0, 1));
wb.modified = wb.created;
const ws = wb.addWorksheet('Nhập phiếu');
ws.getCell('A1').value = 'KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG NĂM 2025 (nhập từ phiếu giấy)';
ws.mergeCells('A1:E1');
ws.getRow(3).values = ['STT', 'Mã cơ quan', 'CS1', 'CS2', 'DV9'];
ws.getRow(4).values = [1, 'SYT', 4, 4, 4];
ws.getRow(5).values = [2, 'SYT', 2, 5, 3];
ws.getRow(6).values = [3, 'SYT', 5, 'KYK', 5];
ws.getRow(7).values = [4, 'SYT', 7, 4, null];
mkdirSync(join(ROOT, 'keyed-in'), { recursive: true });
const buf = Buffer.from(await wb.xlsx.writeBuffer());
writeFileSync(join(ROOT, 'keyed-in', 'answers.xlsx'), fixZipTimestamps(buf, wb.created));
console.log(`Wrote ${ROOT}`);
