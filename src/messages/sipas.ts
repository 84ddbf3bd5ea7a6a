/** Finding codes of the sipas stage: questionnaire files, raw answer files, and SIPAS in the round. */
import { list, quote, type Catalogue } from './types.js';

export interface SipasArgs {
  /** Two domains, elements of one domain, or questions with the same id or code. */
  SIPAS_DUPLICATE_ID: { what: 'domain' | 'element' | 'question' | 'level'; id: string };
  /** A "satisfied" code that is not a level of the scale. */
  SIPAS_SATISFIED_NOT_IN_SCALE: { code: number; levels: number[] };
  /** An answer file without a column for the agency code. */
  SIPAS_AGENCY_COLUMN_MISSING: { expected: string[] };
  /** The weight column named by --weights is not in the file. */
  SIPAS_WEIGHT_COLUMN_MISSING: { column: string };
  /** A column that is neither a question of the questionnaire nor a known column. */
  SIPAS_UNKNOWN_COLUMN: { column: string };
  /** A question of the questionnaire with no column in the file. */
  SIPAS_QUESTION_MISSING: { question: string };
  /** An answer file with no question column at all. */
  SIPAS_NO_QUESTIONS: { questionnaire: string };
  /** A row without agency code. */
  SIPAS_AGENCY_BLANK: Record<string, never>;
  /** A row for an agency that is not in the roster. */
  SIPAS_UNKNOWN_AGENCY: { agency: string };
  /** An answer that is not a level of the scale nor a "no answer". */
  SIPAS_ANSWER_OUT_OF_SCALE: { question: string; value: string; levels: number[] };
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
    vi: (a) => `Tệp không có cột cho câu hỏi ${quote(a.question)}; câu này không có câu trả lời từ tệp.`,
    en: (a) => `The file has no column for question ${quote(a.question)}; it gets no answers from this file.`,
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
