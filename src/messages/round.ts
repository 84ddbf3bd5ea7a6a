/** Finding codes of the scoring round: the round file, roster, appraisal, survey points and scoring. */
import { list, num, quote, type Catalogue } from './types.js';

export interface RoundArgs {
  /** round.yaml does not match the round format. */
  ROUND_SHAPE: { path: string; message: string; messageVi: string };
  /** A key the round format does not know. */
  ROUND_UNKNOWN_KEY: { path: string; key: string };
  /** A path in round.yaml is absolute, leaves the round folder, or links outside it. */
  ROUND_PATH_ESCAPES: { path: string };
  /** A path in round.yaml does not exist. */
  ROUND_PATH_MISSING: { path: string };
  /** An appraisal line names an agency that is not in the roster. */
  ROUND_APPRAISAL_UNKNOWN_AGENCY: { agency: string };
  /** An appraisal line names an item the agency's criteria set does not have. */
  ROUND_APPRAISAL_UNKNOWN_ITEM: { agency: string; item: string; set: string };
  /** The same agency and item twice in one appraisal file. */
  ROUND_APPRAISAL_DUPLICATE: { agency: string; item: string; firstRow: number };
  /** Appraised points outside 0…max. */
  ROUND_APPRAISAL_OUT_OF_RANGE: { agency: string; item: string; value: string; max: string };
  /** Appraised points that change the score, without a reason. */
  ROUND_APPRAISAL_NO_REASON: { agency: string; item: string; value: string };
  /** The roster lacks a needed column. */
  ROUND_ROSTER_COLUMN_MISSING: { column: string };
  /** The same agency code twice in the roster. */
  ROUND_ROSTER_DUPLICATE: { agency: string; firstRow: number };
  /** A roster row without code or name. */
  ROUND_ROSTER_INCOMPLETE: { missing: 'code' | 'name' | 'kind' };
  /** A roster kind the round's criteria do not cover. */
  ROUND_ROSTER_UNKNOWN_KIND: { kind: string; kinds: string[] };
  /** A table (appraisal, survey points) without its header row. */
  ROUND_TABLE_HEADER_NOT_FOUND: { what: 'appraisal' | 'survey' | 'explanation' | 'previous'; expected: string[] };
  /** A survey line names an agency not in the roster. */
  ROUND_SURVEY_UNKNOWN_AGENCY: { agency: string };
  /** A survey line names an item that is not a survey item of the agency's set. */
  ROUND_SURVEY_UNKNOWN_ITEM: { item: string; set: string };
  /** A share outside 0–100% or points outside 0…max. */
  ROUND_SURVEY_OUT_OF_RANGE: { item: string; value: string; max: string };
  /** A sample size in a survey points table that is not a whole number of at least 1. */
  ROUND_SURVEY_BAD_SAMPLE: { item: string; value: string };
  /** The same agency and survey item twice. */
  ROUND_SURVEY_DUPLICATE: { item: string; firstRow: number };
  /** A value in a round table that cannot be read as a number. */
  ROUND_TABLE_BAD_NUMBER: { value: string };
  /** An agency in the roster sent nothing. */
  ROUND_SUBMISSION_MISSING: { agency: string; zero: boolean; name?: string };
  /** An agency has no survey data for a survey item: the item scores 0. */
  ROUND_SURVEY_MISSING: { item: string; agency: string; name?: string };
  /** Last year's result used other criteria and no crosswalk is given: fields are compared by code. */
  ROUND_CRITERIA_CHANGED: { previous: string[]; current: string[] };
  /** The crosswalk is for other sets than last year's result and this round use. */
  ROUND_CROSSWALK_SET_MISMATCH: { side: 'from' | 'to'; declared: string; used: string[] };
  /** A row of last year's published table names no agency of the roster (nor a declared predecessor). */
  ROUND_PREVIOUS_ROW_UNMATCHED: { agency: string; candidates: number };
  /** The same agency twice in last year's table. */
  ROUND_PREVIOUS_ROW_DUPLICATE: { agency: string; firstRow: number };
  /** An agency of the roster has no row in last year's table (nor its predecessors). */
  ROUND_PREVIOUS_AGENCY_ABSENT: { agency: string };
  /** A predecessor named in the roster is not in last year's figures. */
  ROUND_PREDECESSOR_NOT_FOUND: { predecessor: string };
  /** round.yaml compares merged agencies by weighted mean but lacks a positive weight for a predecessor. */
  ROUND_MERGER_WEIGHTS_MISSING: { predecessors: string[] };
  /** The file of alternative weights is not a map of field codes to positive maxima. */
  ROUND_WEIGHTS_ALT_INVALID: { message: string };
}

const TABLE_VI = {
  appraisal: 'thẩm định',
  explanation: 'giải trình',
  survey: 'điểm điều tra',
  previous: 'xếp hạng năm trước',
} as const;
const TABLE_EN = {
  appraisal: 'appraisal',
  explanation: 'explanation',
  survey: 'survey points',
  previous: "last year's ranking",
} as const;

export const roundMessages: Catalogue<RoundArgs> = {
  ROUND_PREVIOUS_ROW_UNMATCHED: {
    severity: 'warning',
    example: { agency: 'Phường Hòa Bình cũ', candidates: 0 },
    vi: (a) =>
      `Dòng ${quote(a.agency)} của bảng năm trước không khớp ${a.candidates > 1 ? 'duy nhất ' : ''}với cơ quan nào ` +
      `trong danh sách (kể cả đơn vị tiền thân); dòng này không được so sánh. Sửa tên hoặc thêm cột mã.`,
    en: (a) =>
      `Row ${quote(a.agency)} of last year's table matches ${a.candidates > 1 ? 'more than one' : 'no'} agency of ` +
      `the roster (predecessors included); it is not compared. Correct the name or add a code column.`,
  },
  ROUND_PREVIOUS_ROW_DUPLICATE: {
    severity: 'warning',
    example: { agency: 'SNV', firstRow: 4 },
    vi: (a) => `Cơ quan ${a.agency} đã có ở dòng ${a.firstRow} của bảng năm trước; chỉ dòng đầu được dùng.`,
    en: (a) => `Agency ${a.agency} is already on row ${a.firstRow} of last year's table; only the first row is used.`,
  },
  ROUND_PREVIOUS_AGENCY_ABSENT: {
    severity: 'warning',
    example: { agency: '25088' },
    vi: (a) =>
      `Cơ quan ${a.agency} không có dòng nào trong bảng năm trước: không so sánh được, hiển thị là mới. ` +
      `Nếu cơ quan được hợp nhất hoặc đổi mã, ghi mã năm trước vào cột "Tiền thân" của danh sách.`,
    en: (a) =>
      `Agency ${a.agency} has no row in last year's table: not compared, shown as new. If it was merged or ` +
      `recoded, put last year's codes in the roster's "predecessors" column.`,
  },
  ROUND_PREDECESSOR_NOT_FOUND: {
    severity: 'warning',
    example: { predecessor: '25085' },
    vi: (a) => `Đơn vị tiền thân ${a.predecessor} không có trong kết quả năm trước; cơ quan này không được so sánh.`,
    en: (a) => `Predecessor ${a.predecessor} is not in last year's result; this agency is not compared.`,
  },
  ROUND_MERGER_WEIGHTS_MISSING: {
    severity: 'error',
    example: { predecessors: ['25085', '25086'] },
    vi: (a) =>
      `round.yaml so sánh cơ quan hợp nhất theo bình quân gia quyền nhưng thiếu trọng số dương cho ` +
      `${a.predecessors.join(', ')}; thêm merged.weights.<mã>.<mã tiền thân>.`,
    en: (a) =>
      `round.yaml compares merged agencies by weighted mean but lacks a positive weight for ` +
      `${a.predecessors.join(', ')}; add merged.weights.<code>.<predecessor>.`,
  },
  ROUND_WEIGHTS_ALT_INVALID: {
    severity: 'error',
    example: { message: 'maxima.9: không có lĩnh vực 9' },
    vi: (a) => `Tệp trọng số thay thế không hợp lệ: ${a.message}. Cần "maxima: { <mã lĩnh vực>: <điểm tối đa> }".`,
    en: (a) => `The alternative weights file is invalid: ${a.message}. Expected "maxima: { <field code>: <maximum> }".`,
  },
  ROUND_CRITERIA_CHANGED: {
    severity: 'warning',
    example: { previous: ['bnv-province@2017'], current: ['bnv-province@2024'] },
    vi: (a) =>
      `Kết quả năm trước dùng bộ tiêu chí ${a.previous.join(', ')}, năm nay dùng ${a.current.join(', ')}; ` +
      `các lĩnh vực được so sánh theo mã. Nếu mã đã thay đổi, thêm bảng đối chiếu (crosswalk: trong ` +
      `round.yaml; tạo bằng parindex criteria diff --crosswalk).`,
    en: (a) =>
      `Last year's result used ${a.previous.join(', ')} and this round uses ${a.current.join(', ')}; fields ` +
      `are compared by code. If codes changed, add a crosswalk (crosswalk: in round.yaml; make one with ` +
      `parindex criteria diff --crosswalk).`,
  },
  ROUND_CROSSWALK_SET_MISMATCH: {
    severity: 'warning',
    example: { side: 'from', declared: 'bnv-province@2017', used: ['bnv-province@2022'] },
    vi: (a) =>
      `Bảng đối chiếu ghi ${a.side === 'from' ? 'bộ cũ' : 'bộ mới'} là ${a.declared}, nhưng ` +
      `${a.side === 'from' ? 'kết quả năm trước dùng' : 'vòng chấm năm nay dùng'} ${a.used.join(', ')}. Kiểm ` +
      `tra lại bảng đối chiếu.`,
    en: (a) =>
      `The crosswalk's ${a.side === 'from' ? 'old set' : 'new set'} is ${a.declared}, but ` +
      `${a.side === 'from' ? "last year's result used" : 'this round uses'} ${a.used.join(', ')}. Check the ` +
      `crosswalk.`,
  },
  ROUND_ROSTER_COLUMN_MISSING: {
    severity: 'error',
    example: { column: 'loại' },
    vi: (a) => `Danh sách cơ quan thiếu cột ${quote(a.column)} (cần: mã, tên cơ quan, loại, nhóm; khu vực nếu có).`,
    en: (a) => `The roster has no ${quote(a.column)} column (needed: code, name, kind, group; region optional).`,
  },
  ROUND_ROSTER_DUPLICATE: {
    severity: 'error',
    example: { agency: 'SNV', firstRow: 3 },
    vi: (a) =>
      `Mã cơ quan ${quote(a.agency)} lặp lại (lần đầu ở dòng ${a.firstRow}). Mỗi cơ quan một dòng, mã không trùng.`,
    en: (a) =>
      `Agency code ${quote(a.agency)} appears twice (first on row ${a.firstRow}). One row per agency, unique codes.`,
  },
  ROUND_ROSTER_INCOMPLETE: {
    severity: 'error',
    example: { missing: 'code' },
    vi: (a) =>
      `Dòng thiếu ` +
      `${a.missing === 'code' ? 'mã cơ quan' : a.missing === 'name' ? 'tên cơ quan' : 'loại cơ quan'}; dòng ` +
      `này bị bỏ qua.`,
    en: (a) =>
      `The row has no ` +
      `${a.missing === 'code' ? 'agency code' : a.missing === 'name' ? 'agency name' : 'agency kind'}; it is ` +
      `skipped.`,
  },
  ROUND_ROSTER_UNKNOWN_KIND: {
    severity: 'error',
    example: { kind: 'phuong', kinds: ['department', 'commune'] },
    vi: (a) => `Loại cơ quan ${quote(a.kind)} không có bộ tiêu chí trong round.yaml (có: ${list(a.kinds, 'vi')}).`,
    en: (a) => `Agency kind ${quote(a.kind)} has no criteria set in round.yaml (known: ${list(a.kinds, 'en')}).`,
  },
  ROUND_TABLE_HEADER_NOT_FOUND: {
    severity: 'error',
    example: { what: 'survey', expected: ['Mã cơ quan', 'Mã tiêu chí', 'Tỷ lệ hài lòng'] },
    vi: (a) =>
      `Không tìm thấy dòng tiêu đề của bảng ${TABLE_VI[a.what]} ` +
      `(cần các cột ${list(
        a.expected.map((e) => quote(e)),
        'vi',
      )}).`,
    en: (a) =>
      `No header row of the ${TABLE_EN[a.what]} table was found (needed: ${list(
        a.expected.map((e) => quote(e)),
        'en',
      )}).`,
  },
  ROUND_SURVEY_UNKNOWN_AGENCY: {
    severity: 'error',
    example: { agency: 'SXD9' },
    vi: (a) => `Mã cơ quan ${quote(a.agency)} trong bảng điều tra không có trong danh sách cơ quan.`,
    en: (a) => `Agency code ${quote(a.agency)} in the survey table is not in the roster.`,
  },
  ROUND_SURVEY_UNKNOWN_ITEM: {
    severity: 'error',
    example: { item: '1.1.1', set: 'illustrative-internal@2025.1' },
    vi: (a) => `${quote(a.item)} không phải tiêu chí điều tra xã hội học của bộ ${a.set}.`,
    en: (a) => `${quote(a.item)} is not a survey item of set ${a.set}.`,
  },
  ROUND_SURVEY_OUT_OF_RANGE: {
    severity: 'error',
    example: { item: '7.1.1', value: '112%', max: '100%' },
    vi: (a) => `Giá trị ${num(a.value, 'vi')} của tiêu chí ${a.item} nằm ngoài khoảng 0…${num(a.max, 'vi')}.`,
    en: (a) => `Value ${a.value} of item ${a.item} is outside 0…${a.max}.`,
  },
  ROUND_SURVEY_BAD_SAMPLE: {
    severity: 'error',
    example: { item: '7.1.1', value: '-3' },
    vi: (a) =>
      `Cỡ mẫu ${num(a.value, 'vi')} của tiêu chí ${a.item} không phải số phiếu (số nguyên từ 1); để trống nếu ` +
      'không biết.',
    en: (a) =>
      `Sample size ${a.value} of item ${a.item} is not a number of respondents (a whole number from 1); leave it ` +
      'empty when not known.',
  },
  ROUND_SURVEY_DUPLICATE: {
    severity: 'error',
    example: { item: '7.1.1', firstRow: 4 },
    vi: (a) => `Tiêu chí ${a.item} của cơ quan này đã có ở dòng ${a.firstRow}; chỉ dòng đầu được dùng.`,
    en: (a) => `Item ${a.item} of this agency is already on row ${a.firstRow}; only the first row is used.`,
  },
  ROUND_TABLE_BAD_NUMBER: {
    severity: 'error',
    example: { value: 'khoảng 80' },
    vi: (a) => `${quote(a.value)} không phải là số.`,
    en: (a) => `${quote(a.value)} is not a number.`,
  },
  ROUND_SURVEY_MISSING: {
    severity: 'warning',
    example: { item: '1.2', agency: 'SNV', name: 'Sở Nội vụ' },
    vi: (a) =>
      `Chưa có số liệu điều tra xã hội học của tiêu chí ${a.item} cho ${agencyName(a, 'vi')}: tiêu chí này tính 0 ` +
      'điểm. Bổ sung bảng điểm điều tra (survey.points) hoặc phiếu SIPAS trong round.yaml; --strict hoặc ' +
      'survey.missing: error chặn việc chấm khi còn thiếu.',
    en: (a) =>
      `No survey data for item ${a.item} of ${agencyName(a, 'en')}: the item scores 0. Add a survey table ` +
      '(survey.points) or SIPAS answers in round.yaml; --strict or survey.missing: error stops scoring while data ' +
      'is missing.',
  },
  ROUND_SUBMISSION_MISSING: {
    severity: 'warning',
    example: { agency: 'SYT', zero: false, name: 'Sở Y tế' },
    vi: (a) =>
      `Cơ quan ${a.name ? `${a.name} (${a.agency})` : a.agency} chưa nộp hồ sơ tự chấm; ` +
      `${
        a.zero
          ? 'các tiêu chí tự chấm tính 0 điểm ' + '(missingSubmission: zero)'
          : 'không được xếp hạng ' + '(missingSubmission: report)'
      }` +
      `.`,
    en: (a) =>
      `Agency ${a.name ? `${a.name} (${a.agency})` : a.agency} sent no self-scoring file; ` +
      `${
        a.zero
          ? 'its self-scored items count as 0 ' + '(missingSubmission: zero)'
          : 'it is not ranked ' + '(missingSubmission: report)'
      }` +
      `.`,
  },
  ROUND_SHAPE: {
    severity: 'error',
    example: {
      path: 'year',
      message: 'Invalid input: expected number, received string',
      messageVi: 'Đầu vào không hợp lệ: mong đợi số, nhận được string',
    },
    vi: (a) => `${a.path}: ${a.messageVi}. Sửa round.yaml theo mẫu của "parindex init".`,
    en: (a) => `${a.path}: ${a.message}. Fix round.yaml after the example that "parindex init" writes.`,
  },
  ROUND_UNKNOWN_KEY: {
    severity: 'error',
    example: { path: '(root)', key: 'submision' },
    vi: (a) =>
      `${a.path}: khoá ${quote(a.key)} không có trong định dạng round.yaml. Sửa lỗi chính tả hoặc xoá khoá này.`,
    en: (a) => `${a.path}: key ${quote(a.key)} is not part of the round.yaml format. Fix the spelling or remove it.`,
  },
  ROUND_PATH_ESCAPES: {
    severity: 'error',
    example: { path: '../../etc/passwd' },
    vi: (a) =>
      `Đường dẫn ${quote(a.path)} nằm ngoài thư mục kỳ đánh giá; mọi tệp phải nằm trong thư mục chứa round.yaml.`,
    en: (a) =>
      `Path ${quote(a.path)} is outside the round folder; every file must be inside the folder that holds round.yaml.`,
  },
  ROUND_PATH_MISSING: {
    severity: 'error',
    example: { path: 'submissions/' },
    vi: (a) => `Không tìm thấy ${quote(a.path)} trong thư mục kỳ đánh giá.`,
    en: (a) => `${quote(a.path)} was not found in the round folder.`,
  },
  ROUND_APPRAISAL_UNKNOWN_AGENCY: {
    severity: 'error',
    example: { agency: 'SNV2' },
    vi: (a) =>
      `Mã cơ quan ${quote(a.agency)} không có trong danh sách cơ quan của kỳ đánh giá; sửa mã hoặc bổ sung ` +
      `vào danh sách.`,
    en: (a) =>
      `Agency code ${quote(a.agency)} is not in the round's roster; fix the code or add the agency to the roster.`,
  },
  ROUND_APPRAISAL_UNKNOWN_ITEM: {
    severity: 'error',
    example: { agency: 'SNV', item: '3.9.1', set: 'illustrative-internal@2025.1' },
    vi: (a) =>
      `Cơ quan ${a.agency}: mã tiêu chí ${quote(a.item)} không có trong bộ tiêu chí ${a.set}; sửa mã theo phiếu ` +
      `thẩm định do parindex tạo.`,
    en: (a) =>
      `Agency ${a.agency}: item code ${quote(a.item)} is not in criteria set ${a.set}; use the codes of the ` +
      `appraisal workbook parindex made.`,
  },
  ROUND_APPRAISAL_DUPLICATE: {
    severity: 'error',
    example: { agency: 'SNV', item: '1.1.1', firstRow: 12 },
    vi: (a) =>
      `Cơ quan ${a.agency}, tiêu chí ${a.item}: đã được thẩm định ở dòng ${a.firstRow} của cùng tệp; xoá một trong ` +
      `hai dòng.`,
    en: (a) =>
      `Agency ${a.agency}, item ${a.item}: already appraised on row ${a.firstRow} of the same file; remove ` +
      `one of the rows.`,
  },
  ROUND_APPRAISAL_OUT_OF_RANGE: {
    severity: 'error',
    example: { agency: 'SNV', item: '3.2.1', value: '3.5', max: '3' },
    vi: (a) =>
      `Cơ quan ${a.agency}, tiêu chí ${a.item}: điểm thẩm định ${num(a.value, 'vi')} phải từ 0 đến ` +
      `${num(a.max, 'vi')}.`,
    en: (a) => `Agency ${a.agency}, item ${a.item}: appraised points ${a.value} must be from 0 to ${a.max}.`,
  },
  ROUND_APPRAISAL_NO_REASON: {
    severity: 'error',
    example: { agency: 'SNV', item: '1.1.2', value: '1' },
    vi: (a) =>
      `Cơ quan ${a.agency}, tiêu chí ${a.item}: điểm thẩm định ${num(a.value, 'vi')} khác điểm hiện có ` +
      `(tự chấm hoặc lần thẩm định trước) nhưng chưa có lý do; ghi lý do điều chỉnh.`,
    en: (a) =>
      `Agency ${a.agency}, item ${a.item}: appraised points ${a.value} change the points so far (self-score ` +
      `or an earlier round) but give no reason; write the reason for the change.`,
  },
};

/** "cơ quan Sở Nội vụ (SNV)" / "agency Sở Nội vụ (SNV)", the code alone when the name is not known. */
function agencyName(a: { agency: string; name?: string | undefined }, lang: 'vi' | 'en'): string {
  const who = a.name ? `${a.name} (${a.agency})` : a.agency;
  return lang === 'vi' ? `cơ quan ${who}` : `agency ${who}`;
}
