/** Finding codes of the sipas stage: questionnaire files, raw answer files, and SIPAS in the round. */
import { list, quote, type Catalogue } from './types.js';

export interface SipasArgs {
  /** Two domains, elements of one domain, or questions with the same id or code. */
  SIPAS_DUPLICATE_ID: { what: 'domain' | 'element' | 'question' | 'level'; id: string };
  /** A "satisfied" code that is not a level of the scale. */
  SIPAS_SATISFIED_NOT_IN_SCALE: { code: number | string; levels: (number | string)[] };
  /** A scale with neither "satisfied" levels nor a score on every level. */
  SIPAS_SCALE_NO_RULE: { scale: string };
  /** A domain, element or question names a scale that is not declared. */
  SIPAS_SCALE_UNKNOWN: { scale: string; scales: string[] };
  /** A column whose header matches more than one question. */
  SIPAS_COLUMN_AMBIGUOUS: { column: string; questions: string[] };
  /** A file with no agency column, for which no agency was given (--agency, a column map). */
  SIPAS_FILE_AGENCY_UNKNOWN: { file: string };
  /** An answer file without a column for the agency code. */
  SIPAS_AGENCY_COLUMN_MISSING: { expected: string[] };
  /** The weight column named by --weights is not in the file. */
  SIPAS_WEIGHT_COLUMN_MISSING: { column: string };
  /** A column that is neither a question of the questionnaire nor a known column. */
  SIPAS_UNKNOWN_COLUMN: { column: string };
  /** A question of the questionnaire with no column in the file. */
  SIPAS_QUESTION_MISSING: { question: string; agency?: string };
  /** An answer file with no question column at all. */
  SIPAS_NO_QUESTIONS: { questionnaire: string };
  /** A row without agency code. */
  SIPAS_AGENCY_BLANK: Record<string, never>;
  /** A row for an agency that is not in the roster. */
  SIPAS_UNKNOWN_AGENCY: { agency: string };
  /** An answer that is not a level of the scale nor a "no answer". */
  SIPAS_ANSWER_OUT_OF_SCALE: { question: string; value: string; levels: (number | string)[] };
  /** A row whose answers are all blank or "no answer". */
  SIPAS_EMPTY_ROW: Record<string, never>;
  /** A respondent id seen before in the same answers. */
  SIPAS_DUPLICATE_RESPONDENT: { respondent: string; firstFile: string; firstRow: number };
  /** A respondent weight that is not a positive number. */
  SIPAS_BAD_WEIGHT: { value: string };
  /** An agency with fewer respondents than the questionnaire's minimum sample. */
  SIPAS_SMALL_SAMPLE: { agency: string; respondents: number; min: number; name?: string };
  /** More findings of one code than are listed. */
  SIPAS_MORE: { code: string; shown: number; total: number };
  /** A header read as a column of one assessed agency's group whose agency part names no known agency (or several). */
  SIPAS_GROUP_AGENCY_UNKNOWN: { column: string; agency: string; candidates: string[] };
  /** A header that reads as columns of different agencies or questions. */
  SIPAS_GROUP_AMBIGUOUS: { column: string; readings: string[] };
  /** A question column in a file of agency column groups, with no agency column for the row's own agency. */
  SIPAS_COLUMN_NO_AGENCY: { column: string };
  /** Several agencies per row (column groups, long layout) read with --by group. */
  SIPAS_LAYOUT_NEEDS_AGENCY: Record<string, never>;
  /** A long layout (respondent, agency, question, answer) without a respondent column. */
  SIPAS_RESPONDENT_COLUMN_MISSING: Record<string, never>;
  /** A long layout row whose question cell names no question of the questionnaire. */
  SIPAS_UNKNOWN_QUESTION: { question: string };
  /** A long layout row without a respondent id. */
  SIPAS_RESPONDENT_BLANK: Record<string, never>;
  /** A long layout row answering again what the respondent answered for the agency before. */
  SIPAS_DUPLICATE_ANSWER: { respondent: string; question: string; firstFile: string; firstRow: number };
  /** A survey item of the criteria set names a measure the questionnaire does not have. */
  SIPAS_MEASURE_UNKNOWN: { measure: string; item: string; measures: string[] };
  /** An agency with no valid answer for the measure a survey item needs. */
  SIPAS_NO_ANSWERS: { measure: string; item: string };
}

const WHAT = {
  vi: { domain: 'khối', element: 'yếu tố', question: 'câu hỏi', level: 'mức trả lời' },
  en: { domain: 'domain', element: 'element', question: 'question', level: 'answer level' },
} as const;

export const sipasMessages: Catalogue<SipasArgs> = {
  SIPAS_DUPLICATE_ID: {
    severity: 'error',
    example: { what: 'question', id: 'DV1' },
    vi: (a) => `Mã ${WHAT.vi[a.what]} ${quote(a.id)} lặp lại. Mỗi mã chỉ dùng một lần.`,
    en: (a) => `The ${WHAT.en[a.what]} id ${quote(a.id)} appears twice. Each id is used once.`,
  },
  SIPAS_SATISFIED_NOT_IN_SCALE: {
    severity: 'error',
    example: { code: 6, levels: [1, 2, 3, 4, 5] },
    vi: (a) => `Mức "hài lòng" ${a.code} không có trong thang trả lời (${list(a.levels, 'vi')}).`,
    en: (a) => `The "satisfied" level ${a.code} is not on the answer scale (${list(a.levels, 'en')}).`,
  },
  SIPAS_SCALE_NO_RULE: {
    severity: 'error',
    example: { scale: 'abcd' },
    vi: (a) =>
      `Thang ${quote(a.scale)} không có mức "hài lòng" (satisfied) và không phải mức nào cũng có điểm (score). ` +
      'Khai báo một trong hai.',
    en: (a) =>
      `The scale ${quote(a.scale)} has no "satisfied" levels and not every level has a score. Declare one of them.`,
  },
  SIPAS_SCALE_UNKNOWN: {
    severity: 'error',
    example: { scale: 'abc', scales: ['abcd'] },
    vi: (a) =>
      `Thang ${quote(a.scale)} chưa được khai báo trong "scales"` +
      (a.scales.length > 0 ? ` (có: ${list(a.scales, 'vi')}).` : '.'),
    en: (a) =>
      `The scale ${quote(a.scale)} is not declared under "scales"` +
      (a.scales.length > 0 ? ` (declared: ${list(a.scales, 'en')}).` : '.'),
  },
  SIPAS_COLUMN_AMBIGUOUS: {
    severity: 'warning',
    example: { column: 'Mức độ hài lòng', questions: ['DV1', 'DV2'] },
    vi: (a) =>
      `Cột ${quote(a.column)} khớp với nhiều câu hỏi (${list(a.questions, 'vi')}); cột này bị bỏ qua. ` +
      'Ghi mã câu hỏi vào tiêu đề hoặc dùng --columns.',
    en: (a) =>
      `Column ${quote(a.column)} matches several questions (${list(a.questions, 'en')}); it is ignored. ` +
      'Put the question code in the header or use --columns.',
  },
  SIPAS_FILE_AGENCY_UNKNOWN: {
    severity: 'error',
    example: { file: 'phieu.xlsx' },
    vi: (a) =>
      `Không xác định được cơ quan của tệp ${quote(a.file)}: không có cột mã cơ quan, tên tệp không phải mã cơ quan ` +
      'nào. Thêm cột mã cơ quan, đặt tên tệp theo mã, hoặc dùng --agency.',
    en: (a) =>
      `The agency of ${quote(a.file)} cannot be told: no agency column, and its name is no agency code. ` +
      'Add an agency column, name the file by the code, or use --agency.',
  },
  SIPAS_AGENCY_COLUMN_MISSING: {
    severity: 'error',
    example: { expected: ['Mã cơ quan', 'agency'] },
    vi: (a) =>
      `Tệp phiếu khảo sát không có cột mã cơ quan (tiêu đề cần là một trong: ${list(a.expected, 'vi')}); ` +
      `không đọc được tệp này.`,
    en: (a) =>
      `The answer file has no agency code column (header one of: ${list(a.expected, 'en')}); the file cannot be used.`,
  },
  SIPAS_WEIGHT_COLUMN_MISSING: {
    severity: 'error',
    example: { column: 'trọng số' },
    vi: (a) => `Không có cột trọng số ${quote(a.column)} trong tệp.`,
    en: (a) => `The file has no weight column ${quote(a.column)}.`,
  },
  SIPAS_UNKNOWN_COLUMN: {
    severity: 'warning',
    example: { column: 'DV99' },
    vi: (a) => `Cột ${quote(a.column)} không phải câu hỏi của bộ câu hỏi; cột này bị bỏ qua.`,
    en: (a) => `Column ${quote(a.column)} is not a question of the questionnaire; it is ignored.`,
  },
  SIPAS_QUESTION_MISSING: {
    severity: 'warning',
    example: { question: 'DV3' },
    vi: (a) =>
      `Tệp không có cột cho câu hỏi ${quote(a.question)}${a.agency ? ` của cơ quan ${a.agency}` : ''}; câu này ` +
      'không có câu trả lời từ tệp.',
    en: (a) =>
      `The file has no column for question ${quote(a.question)}${a.agency ? ` of agency ${a.agency}` : ''}; it ` +
      'gets no answers from this file.',
  },
  SIPAS_NO_QUESTIONS: {
    severity: 'error',
    example: { questionnaire: 'sipas-illustrative@2025.1' },
    vi: (a) => `Tệp không có cột nào là mã câu hỏi của ${a.questionnaire}; kiểm tra dòng tiêu đề.`,
    en: (a) => `No column of the file is a question code of ${a.questionnaire}; check the header row.`,
  },
  SIPAS_AGENCY_BLANK: {
    severity: 'warning',
    example: {},
    vi: () => `Phiếu không có mã cơ quan; phiếu bị bỏ qua.`,
    en: () => `The row has no agency code; it is left out.`,
  },
  SIPAS_UNKNOWN_AGENCY: {
    severity: 'warning',
    example: { agency: 'SXYZ' },
    vi: (a) => `Mã cơ quan ${quote(a.agency)} không có trong danh sách cơ quan; phiếu bị bỏ qua.`,
    en: (a) => `Agency code ${quote(a.agency)} is not in the roster; the row is left out.`,
  },
  SIPAS_ANSWER_OUT_OF_SCALE: {
    severity: 'warning',
    example: { question: 'DV2', value: '7', levels: [1, 2, 3, 4, 5] },
    vi: (a) =>
      `Câu ${a.question}: câu trả lời ${quote(a.value)} không thuộc thang (${list(a.levels, 'vi')} hoặc nhãn ` +
      `của các mức); không tính câu trả lời này.`,
    en: (a) =>
      `Question ${a.question}: answer ${quote(a.value)} is not on the scale (${list(a.levels, 'en')} or ` +
      `their labels); it is not counted.`,
  },
  SIPAS_EMPTY_ROW: {
    severity: 'warning',
    example: {},
    vi: () => `Phiếu không trả lời câu nào; không tính phiếu này.`,
    en: () => `The row answers no question; it is not counted.`,
  },
  SIPAS_DUPLICATE_RESPONDENT: {
    severity: 'warning',
    example: { respondent: 'P-00017', firstFile: 'phieu.csv', firstRow: 18 },
    vi: (a) => `Mã phiếu ${quote(a.respondent)} đã có (${a.firstFile}, dòng ${a.firstRow}); phiếu lặp không được tính.`,
    en: (a) =>
      `Respondent id ${quote(a.respondent)} was seen before (${a.firstFile}, row ${a.firstRow}); the repeat ` +
      `is not counted.`,
  },
  SIPAS_BAD_WEIGHT: {
    severity: 'warning',
    example: { value: '-1' },
    vi: (a) => `Trọng số ${quote(a.value)} không phải số dương; phiếu bị bỏ qua.`,
    en: (a) => `Weight ${quote(a.value)} is not a positive number; the row is left out.`,
  },
  SIPAS_SMALL_SAMPLE: {
    severity: 'warning',
    example: { agency: 'SNV', respondents: 12, min: 30 },
    vi: (a) =>
      `Cơ quan ${who(a)} chỉ có ${a.respondents} phiếu hợp lệ, ít hơn cỡ mẫu tối thiểu ${a.min}; chỉ số ` +
      `vẫn được tính nhưng kém tin cậy.`,
    en: (a) =>
      `Agency ${who(a)} has only ${a.respondents} valid respondents, fewer than the minimum sample ` +
      `${a.min}; its index is computed but less reliable.`,
  },
  SIPAS_MORE: {
    severity: 'info',
    example: { code: 'SIPAS_ANSWER_OUT_OF_SCALE', shown: 20, total: 1532 },
    vi: (a) => `${a.code}: có tất cả ${a.total} trường hợp; chỉ liệt kê ${a.shown} trường hợp đầu.`,
    en: (a) => `${a.code}: ${a.total} in all; only the first ${a.shown} are listed.`,
  },
  SIPAS_GROUP_AGENCY_UNKNOWN: {
    severity: 'warning',
    example: { column: 'Sở Tư pháp - Câu 1', agency: 'Sở Tư pháp', candidates: [] },
    vi: (a) =>
      `Cột ${quote(a.column)}: ${quote(a.agency)} ` +
      (a.candidates.length > 0
        ? `là tên của nhiều cơ quan (${list(a.candidates, 'vi')})`
        : 'không phải mã hay tên cơ quan nào trong danh sách') +
      '; cột này bị bỏ qua. Dùng --roster, hoặc khai báo tên dưới "agencies:" trong --columns.',
    en: (a) =>
      `Column ${quote(a.column)}: ${quote(a.agency)} ` +
      (a.candidates.length > 0
        ? `names several agencies (${list(a.candidates, 'en')})`
        : 'is no code or name of a known agency') +
      '; the column is ignored. Give --roster, or declare the name under "agencies:" in --columns.',
  },
  SIPAS_GROUP_AMBIGUOUS: {
    severity: 'warning',
    example: { column: 'STP - CB1 - SNV', readings: ['STP/CB1', 'SNV/CB1'] },
    vi: (a) =>
      `Cột ${quote(a.column)} đọc được theo nhiều cách (${list(a.readings, 'vi')}); cột này bị bỏ qua. ` +
      'Khai báo cột trong --columns: { question: …, agency: … }.',
    en: (a) =>
      `Column ${quote(a.column)} reads in several ways (${list(a.readings, 'en')}); it is ignored. ` +
      'Declare it in --columns: { question: …, agency: … }.',
  },
  SIPAS_COLUMN_NO_AGENCY: {
    severity: 'warning',
    example: { column: 'CB1' },
    vi: (a) =>
      `Cột ${quote(a.column)} là câu hỏi nhưng không thuộc nhóm cột của cơ quan nào, và tệp không có cột mã ` +
      'cơ quan; cột này bị bỏ qua.',
    en: (a) =>
      `Column ${quote(a.column)} is a question but belongs to no agency's column group, and the file has no ` +
      'agency column; it is ignored.',
  },
  SIPAS_LAYOUT_NEEDS_AGENCY: {
    severity: 'error',
    example: {},
    vi: () => 'Mỗi dòng của tệp đánh giá nhiều cơ quan; tệp như vậy chỉ tính theo cơ quan (bỏ --by group).',
    en: () => 'Each row of the file assesses several agencies; such a file is read per agency only (drop --by group).',
  },
  SIPAS_RESPONDENT_COLUMN_MISSING: {
    severity: 'error',
    example: {},
    vi: () =>
      'Tệp có dạng dọc (mỗi dòng một câu trả lời: người trả lời, cơ quan, câu hỏi, câu trả lời) nhưng không có ' +
      'cột mã người trả lời (Mã phiếu); không đọc được tệp này.',
    en: () =>
      'The file is in the long layout (one answer a row: respondent, agency, question, answer) but has no ' +
      'respondent column; the file cannot be used.',
  },
  SIPAS_UNKNOWN_QUESTION: {
    severity: 'warning',
    example: { question: 'CB9' },
    vi: (a) => `${quote(a.question)} không phải câu hỏi của bộ câu hỏi; câu trả lời này bị bỏ qua.`,
    en: (a) => `${quote(a.question)} is not a question of the questionnaire; the answer is left out.`,
  },
  SIPAS_RESPONDENT_BLANK: {
    severity: 'warning',
    example: {},
    vi: () => 'Dòng không có mã người trả lời; câu trả lời này bị bỏ qua.',
    en: () => 'The row has no respondent id; the answer is left out.',
  },
  SIPAS_DUPLICATE_ANSWER: {
    severity: 'warning',
    example: { respondent: 'P07', question: 'CB1', firstFile: 'dai-bieu.csv', firstRow: 12 },
    vi: (a) =>
      `Người trả lời ${quote(a.respondent)} đã trả lời câu ${a.question} cho cơ quan này (${a.firstFile}, dòng ` +
      `${a.firstRow}); câu trả lời lặp không được tính.`,
    en: (a) =>
      `Respondent ${quote(a.respondent)} answered ${a.question} for this agency before (${a.firstFile}, row ` +
      `${a.firstRow}); the repeat is not counted.`,
  },
  SIPAS_MEASURE_UNKNOWN: {
    severity: 'error',
    example: { measure: 'services.speed', item: '8.2.1', measures: ['sipas', 'services', 'services.access'] },
    vi: (a) =>
      `Tiêu chí ${a.item} lấy điểm từ ${quote(a.measure)}, nhưng bộ câu hỏi không có chỉ số này (có: ` +
      `${list(a.measures, 'vi')}).`,
    en: (a) =>
      `Item ${a.item} takes its share from ${quote(a.measure)}, which the questionnaire does not have (it ` +
      `has: ${list(a.measures, 'en')}).`,
  },
  SIPAS_NO_ANSWERS: {
    severity: 'warning',
    example: { measure: 'services.results', item: '8.2.1' },
    vi: (a) => `Không có câu trả lời hợp lệ nào cho ${quote(a.measure)}; tiêu chí ${a.item} được 0 điểm.`,
    en: (a) => `No valid answer for ${quote(a.measure)}; item ${a.item} gets 0 points.`,
  },
};

/** "Xã Quỳnh Lâm (25088)" where the roster names the agency, else its code. */
function who(a: { agency: string; name?: string | undefined }): string {
  return a.name ? `${a.name} (${a.agency})` : a.agency;
}
