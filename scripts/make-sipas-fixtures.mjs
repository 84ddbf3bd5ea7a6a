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
