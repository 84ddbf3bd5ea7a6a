/**
 * Examples at the end of every command's --help, in Vietnamese and English. Keyed by the command's path
 * ("" for the program, "criteria show"); a test checks that every command has at least one. The
 * examples use the bundled criteria sets and the sample round, so they run as written from the
 * project folder.
 */
import type { Command } from 'commander';
import type { Lang } from '../messages/types.js';

/** One example: what it does (in both languages), and the command line. */
interface Example {
  vi: string;
  en: string;
  line: string;
}

const SAMPLE = 'fixtures/sample-round';
const SET = 'illustrative-internal@2025.1';

export const EXAMPLES: Record<string, Example[]> = {
  '': [
    {
      vi: 'Chấm điểm, xếp hạng kỳ đánh giá mẫu và in bảng xếp hạng',
      en: 'Score and rank the sample round and print the ranked tables',
      line: `parindex score ${SAMPLE}`,
    },
    { vi: 'Hướng dẫn và ví dụ của một lệnh', en: 'Help and examples of one command', line: 'parindex score --help' },
    { vi: 'Hiển thị bằng tiếng Anh', en: 'Output in English', line: 'parindex --lang en criteria list' },
  ],
  criteria: [
    { vi: 'Các bộ tiêu chí có sẵn', en: 'The bundled criteria sets', line: 'parindex criteria list' },
    {
      vi: 'Cây tiêu chí và cách chấm',
      en: 'The tree of a set and its rules',
      line: `parindex criteria show ${SET} --rules`,
    },
  ],
  'criteria list': [
    { vi: 'Các bộ tiêu chí có sẵn', en: 'The bundled criteria sets', line: 'parindex criteria list' },
    {
      vi: 'Dạng JSON, cho chương trình khác',
      en: 'As JSON, for other programs',
      line: 'parindex criteria list --json',
    },
  ],
  'criteria check': [
    { vi: 'Kiểm tra mọi bộ có sẵn', en: 'Check every bundled set', line: 'parindex criteria check' },
    {
      vi: 'Kiểm tra một tệp bộ tiêu chí đang soạn',
      en: 'Check a criteria file being written',
      line: 'parindex criteria check criteria/hn-internal/2025.yaml',
    },
  ],
  'criteria show': [
    {
      vi: 'Cây tiêu chí với điểm tối đa và cách chấm từng tiêu chí',
      en: 'The tree with maxima and how each item is scored',
      line: `parindex criteria show ${SET} --rules`,
    },
  ],
  'criteria import': [
    {
      vi: 'Chuyển bảng tiêu chí của một quyết định thành bộ tiêu chí',
      en: "Turn a decision's criteria table into a criteria set",
      line:
        'parindex criteria import fixtures/criteria-import/bang-tieu-chi.xlsx --id tinh-x --version 2026 ' +
        '--out criteria/tinh-x/2026.yaml',
    },
  ],
  'criteria diff': [
    {
      vi: 'Những gì thay đổi giữa hai phiên bản, và bảng đối chiếu mã',
      en: 'What changed between two versions, and the code crosswalk',
      line: 'parindex criteria diff bnv-province@2017 bnv-province@2024 --crosswalk doi-chieu.yaml',
    },
  ],
  'criteria schema': [
    {
      vi: 'In JSON Schema của định dạng bộ tiêu chí',
      en: 'Print the JSON Schema of the criteria format',
      line: 'parindex criteria schema',
    },
  ],
  template: [
    {
      vi: 'Biểu mẫu tự chấm điểm của Sở Nội vụ',
      en: 'The self-scoring workbook of the Department of Home Affairs',
      line: `parindex template --criteria ${SET} --kind department --agency SNV --out snv-2025.xlsx`,
    },
    {
      vi: 'Dạng CSV dài (mỗi tiêu chí một dòng) cho UBND xã',
      en: 'The long CSV form (one row per item) for communes',
      line: `parindex template --criteria ${SET} --kind commune --csv --out xa-2025.csv`,
    },
  ],
  validate: [
    {
      vi: 'Kiểm tra mọi hồ sơ trong một thư mục: in tệp có vấn đề và danh sách tệp cần sửa',
      en: 'Check every file in a folder: the files with problems and the list of files to fix',
      line: `parindex validate ${SAMPLE}/submissions --criteria ${SET}`,
    },
    {
      vi: 'Liệt kê cả tệp đạt, và ghi bản sao có chú thích lỗi',
      en: 'List the clean files too, and write annotated copies',
      line: `parindex validate ${SAMPLE}/submissions --criteria ${SET} --verbose --annotate chu-thich/`,
    },
  ],
  init: [
    {
      vi: 'Tạo thư mục kỳ đánh giá năm 2025',
      en: 'Scaffold the round folder of 2025',
      line: `parindex init vong-2025 --criteria ${SET} --year 2025`,
    },
  ],
  score: [
    { vi: 'Chấm và xếp hạng kỳ đánh giá mẫu', en: 'Score and rank the sample round', line: `parindex score ${SAMPLE}` },
    {
      vi: 'Ghi báo cáo Excel và HTML',
      en: 'Write the Excel and HTML reports',
      line: `parindex score ${SAMPLE} --out bao-cao.xlsx bao-cao.html`,
    },
  ],
  explain: [
    {
      vi: 'Bảng điểm chi tiết và các tiêu chí mất điểm của Sở Nội vụ',
      en: 'The scorecard and the points lost by the Department of Home Affairs',
      line: `parindex explain ${SAMPLE} SNV`,
    },
    {
      vi: 'Điểm dự kiến của một tệp tự chấm',
      en: 'The expected score of one self-scoring file',
      line: `parindex explain ${SAMPLE}/submissions/so-nganh/snv.xlsx --criteria ${SET}`,
    },
  ],
  'appraisal-template': [
    {
      vi: 'Bảng tính thẩm định có sẵn điểm tự chấm',
      en: 'The appraisal workbook with the self-scores filled in',
      line: `parindex appraisal-template ${SAMPLE} --out tham-dinh.xlsx`,
    },
  ],
  'explanation-template': [
    {
      vi: 'Phiếu giải trình cho mọi cơ quan có tiêu chí bị điều chỉnh khi thẩm định',
      en: 'Explanation workbooks for every agency with items adjusted by appraisal',
      line: `parindex explanation-template ${SAMPLE} --out giai-trinh/`,
    },
    {
      vi: 'Chỉ cho Sở Y tế và Sở Giáo dục và Đào tạo',
      en: 'Only for two departments',
      line: `parindex explanation-template ${SAMPLE} --out giai-trinh/ --agency SYT SGDDT`,
    },
  ],
  publish: [
    {
      vi: 'Công khai kết quả: báo cáo và manifest SHA-256',
      en: 'Publish the results: reports and a SHA-256 manifest',
      line: `parindex publish ${SAMPLE} --out cong-khai-2025 --date 2026-01-15`,
    },
  ],
  verify: [
    {
      vi: 'Kiểm tra bản công khai, chấm lại kỳ đánh giá để so sánh',
      en: 'Check a publication, and rescore the round to compare',
      line: `parindex verify cong-khai-2025 --round ${SAMPLE}`,
    },
  ],
  'survey-template': [
    {
      vi: 'Bảng tính để nhập điểm điều tra xã hội học theo cơ quan × tiêu chí',
      en: 'The workbook to enter survey points per agency × survey item',
      line: `parindex survey-template ${SAMPLE} --out diem-dieu-tra.xlsx`,
    },
  ],
  report: [
    {
      vi: 'Dựng lại báo cáo từ kết quả đã chấm',
      en: 'Render the reports again from a scored result',
      line: `parindex report ${SAMPLE}/result.json --out bao-cao.xlsx bao-cao.html ket-qua.csv`,
    },
  ],
  sipas: [
    {
      vi: 'Chỉ số hài lòng theo cơ quan từ phiếu khảo sát của kỳ mẫu',
      en: 'Satisfaction indices per agency from the sample round’s answers',
      line:
        `parindex sipas ${SAMPLE}/survey/phieu-khao-sat.csv --questionnaire sipas-illustrative@2025.1 ` +
        '--out sipas.xlsx',
    },
  ],
};

/** The path of a command below the program: "criteria show"; "" for the program. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The "Ví dụ:" block of a command, or "" without examples. */
export function examplesText(path: string, lang: Lang): string {
  const list = EXAMPLES[path];
  if (!list || list.length === 0) return '';
  const lines = [lang === 'vi' ? 'Ví dụ:' : 'Examples:'];
  for (const e of list) lines.push(`  # ${lang === 'vi' ? e.vi : e.en}`, `  ${e.line}`);
  return `\n${lines.join('\n')}\n`;
}

/** Adds its examples to the help of `cmd` and of every command below it. */
export function addExamples(cmd: Command, lang: Lang): void {
  const text = examplesText(commandPath(cmd), lang);
  if (text) cmd.addHelpText('after', text);
  for (const sub of cmd.commands) addExamples(sub, lang);
}
