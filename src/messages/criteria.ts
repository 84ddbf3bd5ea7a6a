/** Finding codes of criteria sets (loading and the named rules of `criteria check`). */
import { num, quote, list, type Catalogue } from './types.js';

export interface CriteriaArgs {
  /** The file does not match the schema; `message` is zod's, `path` the place in the file. */
  CRITERIA_SHAPE: { path: string; message: string; messageVi: string };
  /** A key the format does not know (strict objects; often a typo). */
  CRITERIA_UNKNOWN_KEY: { path: string; key: string };
  /** A rule `kind` that does not exist. */
  CRITERIA_UNKNOWN_RULE_KIND: { path: string; kind: string; expected: string[] };
  /** Two nodes share a code. */
  CRITERIA_DUPLICATE_CODE: { code: string; firstPath: string };
  /** A code is malformed or does not start with its parent's code. */
  CRITERIA_CODE_FORMAT: { code: string; parent?: string };
  /** The children's maxima do not add up to the parent's maximum. */
  CRITERIA_MAX_MISMATCH: { code: string; max: string; sum: string; kind?: string };
  /** The fields' maxima do not add up to the declared total. */
  CRITERIA_TOTAL_MISMATCH: { total: string; sum: string; kind?: string };
  /** The maxima of one source (appraisal, survey) do not add up to the declared subtotal. */
  CRITERIA_SOURCE_TOTAL_MISMATCH: { source: string; declared: string; sum: string; kind?: string };
  /** Two bands overlap. `where` is "grading" or an item code. */
  CRITERIA_BAND_OVERLAP: { where: string; a: string; b: string };
  /** Bands leave a gap in 0–100%. */
  CRITERIA_BAND_GAP: { where: string; from: string; to: string };
  /** A band's lower bound is not below its upper bound, or bands are not in order. */
  CRITERIA_BAND_ORDER: { where: string; band: string };
  /** An option, band or per-unit value gives more points than the item's maximum. */
  CRITERIA_POINTS_ABOVE_MAX: { code: string; what: string; points: string; max: string };
  /** The step does not divide the maximum (0.3 into 1). */
  CRITERIA_STEP_NOT_DIVIDING: { code: string; step: string; max: string };
  /** `appliesTo` names an agency kind the set does not declare. */
  CRITERIA_UNKNOWN_AGENCY_KIND: { code: string; kind: string; known: string[] };
  /** A rule kind that does not fit the item's source (a survey rule on an appraisal item). */
  CRITERIA_RULE_SOURCE_MISMATCH: { code: string; kind: string; source: string };
  /** Two options of a choice share an id. */
  CRITERIA_DUPLICATE_OPTION: { code: string; option: string };
  /** A value is not confirmed by a public source (`provenance: unconfirmed`). */
  CRITERIA_UNCONFIRMED: { code: string; note?: string; noteEn?: string };
  /** The file's place (`criteria/<id>/<version>.yaml`) does not match the id and version inside. */
  CRITERIA_FILE_NAME_MISMATCH: { expected: string; found: string };
  /** `criteria import`: no row in the first 30 names the columns of a criteria table. */
  CRITERIA_IMPORT_NO_TABLE: { columns: string[] };
  /** `criteria import`: a row whose numbering cannot be read is left out. */
  CRITERIA_IMPORT_ROW_SKIPPED: { found: string };
  /** `criteria import`: the maximum is not a number. */
  CRITERIA_IMPORT_MAX_UNREADABLE: { code: string; found: string };
  /** `criteria import`: an item has no maximum. */
  CRITERIA_IMPORT_MAX_MISSING: { code: string };
  /** `criteria import`: a field or criterion without a maximum takes the sum of its children. */
  CRITERIA_IMPORT_MAX_COMPUTED: { code: string; sum: string };
  /** `criteria import`: the numbering as written differs from the code its place gives. */
  CRITERIA_IMPORT_RENUMBERED: { written: string; code: string };
  /** `criteria import`: guidance that is not an unambiguous rule stays as text on a `points` item. */
  CRITERIA_IMPORT_GUIDANCE_KEPT: { code: string };
  /** `criteria import`: no decision number given or found above the table. */
  CRITERIA_IMPORT_NO_DECISION: Record<string, never>;
  /** `criteria import`: a row names some columns of a criteria table but not the title or the maximum. */
  CRITERIA_IMPORT_HEADER_INCOMPLETE: { found: string[]; missing: string[] };
  /** `criteria import`: a headed column that the set has no place for, left out. */
  CRITERIA_IMPORT_COLUMN_IGNORED: { header: string };
  /** `criteria import`: a field without criteria under it is scored as one item of its own. */
  CRITERIA_IMPORT_FIELD_AS_ITEM: { code: string; item: string };
  /** `criteria import`: bullet lines or a fourth level under a node became its guidance (options, parts or text). */
  CRITERIA_IMPORT_LINES_FOLDED: { code: string; count: number; as: 'options' | 'parts' | 'text' };
  /** `criteria import`: the table's file is not Excel (.xlsx), CSV or Word (.docx). */
  CRITERIA_IMPORT_FILE_KIND: { detected: string };
  /** `criteria import`: a row that does not make a valid criterion (what the set's format refuses). */
  CRITERIA_IMPORT_ROW_INVALID: { code: string; detail: string };
}

export const criteriaMessages: Catalogue<CriteriaArgs> = {
  CRITERIA_SHAPE: {
    severity: 'error',
    example: {
      path: 'fields.0.max',
      message: 'Invalid input: expected number, received string',
      messageVi: 'Đầu vào không hợp lệ: mong đợi số, nhận được string',
    },
    vi: (a) => `${a.path}: ${a.messageVi}. Sửa giá trị theo định dạng bộ tiêu chí (parindex criteria schema).`,
    en: (a) => `${a.path}: ${a.message}. Fix the value to match the criteria format (parindex criteria schema).`,
  },
  CRITERIA_UNKNOWN_KEY: {
    severity: 'error',
    example: { path: 'fields.0', key: 'maxx' },
    vi: (a) =>
      `${a.path}: khoá ${quote(a.key)} không có trong định dạng bộ tiêu chí. Sửa lỗi chính tả hoặc xoá khoá này.`,
    en: (a) => `${a.path}: key ${quote(a.key)} is not part of the criteria format. Fix the spelling or remove it.`,
  },
  CRITERIA_UNKNOWN_RULE_KIND: {
    severity: 'error',
    example: { path: 'fields.0.children.0.children.0.rule.kind', kind: 'ratio', expected: ['points', 'choice'] },
    vi: (a) => `${a.path}: loại quy tắc chấm ${quote(a.kind)} không tồn tại; dùng một trong: ${a.expected.join(', ')}.`,
    en: (a) => `${a.path}: rule kind ${quote(a.kind)} does not exist; use one of: ${a.expected.join(', ')}.`,
  },
  CRITERIA_DUPLICATE_CODE: {
    severity: 'error',
    example: { code: '1.1.2', firstPath: 'fields.0.children.0.children.1' },
    vi: (a) => `Mã ${a.code} bị trùng (đã dùng tại ${a.firstPath}). Mỗi tiêu chí cần một mã riêng.`,
    en: (a) => `Code ${a.code} is used twice (first at ${a.firstPath}). Each node needs its own code.`,
  },
  CRITERIA_CODE_FORMAT: {
    severity: 'error',
    example: { code: '2.1.x', parent: '2.1' },
    vi: (a) =>
      a.parent
        ? `Mã ${quote(a.code)} phải có dạng "${a.parent}.<số>" (bắt đầu bằng mã của mục cha ${a.parent}).`
        : `Mã ${quote(a.code)} phải là các số nối bằng dấu chấm, ví dụ "1" hoặc "1.2.3".`,
    en: (a) =>
      a.parent
        ? `Code ${quote(a.code)} must read "${a.parent}.<number>" (start with its parent's code ${a.parent}).`
        : `Code ${quote(a.code)} must be numbers joined by dots, such as "1" or "1.2.3".`,
  },
  CRITERIA_MAX_MISMATCH: {
    severity: 'error',
    example: { code: '1.1', max: '5', sum: '4.5', kind: 'commune' },
    vi: (a) =>
      `Điểm tối đa của ${a.code} là ${num(a.max, 'vi')} nhưng tổng điểm tối đa các mục con là ` +
      `${num(a.sum, 'vi')}${kindVi(a.kind)}; sửa để hai số bằng nhau.`,
    en: (a) =>
      `${a.code} has a maximum of ${a.max} but its children's maxima add up to ${a.sum}${kindEn(a.kind)}; ` +
      `make them equal.`,
  },
  CRITERIA_TOTAL_MISMATCH: {
    severity: 'error',
    example: { total: '100', sum: '99.5' },
    vi: (a) =>
      `Tổng điểm tối đa khai báo là ${num(a.total, 'vi')} nhưng các lĩnh vực cộng lại được ` +
      `${num(a.sum, 'vi')}${kindVi(a.kind)}.`,
    en: (a) => `The declared total is ${a.total} but the fields add up to ${a.sum}${kindEn(a.kind)}.`,
  },
  CRITERIA_SOURCE_TOTAL_MISMATCH: {
    severity: 'error',
    example: { source: 'survey', declared: '30', sum: '28' },
    vi: (a) =>
      `Phần điểm ${sourceVi(a.source)} khai báo là ${num(a.declared, 'vi')} nhưng các tiêu chí thuộc phần ` +
      `này cộng lại được ${num(a.sum, 'vi')}${kindVi(a.kind)}.`,
    en: (a) =>
      `The ${a.source} part is declared as ${a.declared} points but its items add up to ${a.sum}${kindEn(a.kind)}.`,
  },
  CRITERIA_BAND_OVERLAP: {
    severity: 'error',
    example: { where: 'grading', a: '80–90', b: '85–100' },
    vi: (a) =>
      `${whereVi(a.where)}: khoảng ${a.a} và khoảng ${a.b} chồng lên nhau; mỗi tỷ lệ chỉ được thuộc một khoảng.`,
    en: (a) => `${whereEn(a.where)}: band ${a.a} overlaps band ${a.b}; each ratio must fall in exactly one band.`,
  },
  CRITERIA_BAND_GAP: {
    severity: 'error',
    example: { where: '3.2.1', from: '70', to: '80' },
    vi: (a) =>
      `${whereVi(a.where)}: không có khoảng nào cho tỷ lệ từ ${num(a.from, 'vi')}% đến ${num(a.to, 'vi')}%; ` +
      `các khoảng phải phủ kín 0–100%.`,
    en: (a) => `${whereEn(a.where)}: no band covers ${a.from}% to ${a.to}%; bands must cover 0–100% without gaps.`,
  },
  CRITERIA_BAND_ORDER: {
    severity: 'error',
    example: { where: 'grading', band: '90–80' },
    vi: (a) => `${whereVi(a.where)}: khoảng ${a.band} có cận dưới không nhỏ hơn cận trên.`,
    en: (a) => `${whereEn(a.where)}: band ${a.band} has a lower bound that is not below its upper bound.`,
  },
  CRITERIA_POINTS_ABOVE_MAX: {
    severity: 'error',
    example: { code: '1.1.1', what: 'on-time', points: '1.5', max: '1' },
    vi: (a) =>
      `Tiêu chí ${a.code}: ${quote(a.what)} cho ${num(a.points, 'vi')} điểm, vượt điểm tối đa ${num(a.max, 'vi')}.`,
    en: (a) => `Item ${a.code}: ${quote(a.what)} gives ${a.points} points, above the maximum of ${a.max}.`,
  },
  CRITERIA_STEP_NOT_DIVIDING: {
    severity: 'error',
    example: { code: '2.1.1', step: '0.3', max: '1' },
    vi: (a) => `Tiêu chí ${a.code}: bước điểm ${num(a.step, 'vi')} không chia hết điểm tối đa ${num(a.max, 'vi')}.`,
    en: (a) => `Item ${a.code}: the step ${a.step} does not divide the maximum ${a.max}.`,
  },
  CRITERIA_UNKNOWN_AGENCY_KIND: {
    severity: 'error',
    example: { code: '4.1.1', kind: 'district', known: ['department', 'commune'] },
    vi: (a) =>
      `Tiêu chí ${a.code} áp dụng cho loại cơ quan ${quote(a.kind)} chưa được khai báo; các loại đã khai ` +
      `báo: ${a.known.join(', ')}.`,
    en: (a) =>
      `Item ${a.code} applies to agency kind ${quote(a.kind)}, which the set does not declare; declared: ` +
      `${a.known.join(', ')}.`,
  },
  CRITERIA_RULE_SOURCE_MISMATCH: {
    severity: 'error',
    example: { code: '8.1.1', kind: 'survey', source: 'appraisal' },
    vi: (a) => `Tiêu chí ${a.code}: quy tắc ${quote(a.kind)} không dùng được cho phần điểm ${sourceVi(a.source)}.`,
    en: (a) => `Item ${a.code}: rule ${quote(a.kind)} cannot be used for a ${a.source} item.`,
  },
  CRITERIA_DUPLICATE_OPTION: {
    severity: 'error',
    example: { code: '1.1.1', option: 'late' },
    vi: (a) => `Tiêu chí ${a.code}: phương án ${quote(a.option)} bị trùng.`,
    en: (a) => `Item ${a.code}: option ${quote(a.option)} appears twice.`,
  },
  CRITERIA_UNCONFIRMED: {
    severity: 'warning',
    example: { code: '3', note: 'field maximum not published' },
    vi: (a) => `${a.code}: giá trị chưa được xác nhận từ nguồn công khai${a.note ? ` (${a.note})` : ''}.`,
    en: (a) =>
      `${a.code}: value not confirmed by a public source${(a.noteEn ?? a.note) ? ` (${a.noteEn ?? a.note})` : ''}.`,
  },
  CRITERIA_FILE_NAME_MISMATCH: {
    severity: 'warning',
    example: { expected: 'criteria/demo/2025.1.yaml', found: 'criteria/demo/2024.yaml' },
    vi: (a) => `Tệp nên đặt tại ${a.expected} theo id và phiên bản bên trong (đang ở ${a.found}).`,
    en: (a) => `The file should be at ${a.expected} to match its id and version (it is at ${a.found}).`,
  },
  CRITERIA_IMPORT_NO_TABLE: {
    severity: 'error',
    example: { columns: ['STT/Mã', 'Nội dung/Tiêu chí', 'Điểm tối đa'] },
    vi: (a) =>
      `Không tìm thấy bảng tiêu chí: 30 dòng đầu của các trang không có dòng tiêu đề gồm các cột ` +
      `${list(a.columns.map(quote), 'vi')}. Thêm dòng tiêu đề cột rồi nhập lại.`,
    en: (a) =>
      `No criteria table found: no row among the first 30 of any sheet names the columns ` +
      `${list(a.columns.map(quote), 'en')}. Add a header row and import again.`,
  },
  CRITERIA_IMPORT_ROW_SKIPPED: {
    severity: 'warning',
    example: { found: 'Ghi chú' },
    vi: (a) =>
      `Dòng có ${quote(a.found)} không có số thứ tự đọc được (I, II; 1, 1.1; a, b) nên bị bỏ qua. Nếu đây là ` +
      `một tiêu chí, ghi số thứ tự vào cột STT.`,
    en: (a) =>
      `The row with ${quote(a.found)} has no readable numbering (I, II; 1, 1.1; a, b), so it is left out. If ` +
      `it is a criterion, write its number in the code column.`,
  },
  CRITERIA_IMPORT_MAX_UNREADABLE: {
    severity: 'error',
    example: { code: '1.2', found: 'hai' },
    vi: (a) => `${a.code}: điểm tối đa ${quote(a.found)} không phải là số. Ghi một số như 1, 0,5 hoặc 2,25.`,
    en: (a) => `${a.code}: the maximum ${quote(a.found)} is not a number. Write a number such as 1, 0.5 or 2.25.`,
  },
  CRITERIA_IMPORT_MAX_MISSING: {
    severity: 'error',
    example: { code: '1.1.2' },
    vi: (a) => `${a.code}: tiêu chí thành phần không có điểm tối đa. Ghi điểm tối đa vào cột Điểm tối đa.`,
    en: (a) => `${a.code}: the item has no maximum. Write it in the maximum column.`,
  },
  CRITERIA_IMPORT_MAX_COMPUTED: {
    severity: 'info',
    example: { code: '1.1', sum: '5' },
    vi: (a) => `${a.code}: không ghi điểm tối đa; lấy tổng các mục con (${num(a.sum, 'vi')}).`,
    en: (a) => `${a.code}: no maximum written; the sum of its children (${num(a.sum, 'en')}) is used.`,
  },
  CRITERIA_IMPORT_RENUMBERED: {
    severity: 'info',
    example: { written: '1.3', code: '1.2' },
    vi: (a) => `Số thứ tự ${quote(a.written)} được đánh lại thành ${a.code} theo vị trí trong bảng.`,
    en: (a) => `Numbering ${quote(a.written)} becomes ${a.code} by its place in the table.`,
  },
  CRITERIA_IMPORT_GUIDANCE_KEPT: {
    severity: 'info',
    example: { code: '2.1.3' },
    vi: (a) =>
      `${a.code}: hướng dẫn chấm điểm không chuyển được thành quy tắc rõ ràng; giữ nguyên văn bản, cơ quan ` +
      `nhập điểm trực tiếp.`,
    en: (a) =>
      `${a.code}: the scoring guidance is not an unambiguous rule; it is kept as text and agencies enter ` +
      `points directly.`,
  },
  CRITERIA_IMPORT_NO_DECISION: {
    severity: 'warning',
    example: {},
    vi: () =>
      `Không tìm thấy số quyết định phía trên bảng; bộ tiêu chí ghi "?". Thêm --decision "123/QĐ-UBND" hoặc ` +
      `sửa decision.number trong tệp.`,
    en: () =>
      `No decision number found above the table; the set says "?". Add --decision "123/QĐ-UBND" or edit ` +
      `decision.number in the file.`,
  },
  CRITERIA_IMPORT_HEADER_INCOMPLETE: {
    severity: 'error',
    example: { found: ['STT', 'Lĩnh vực/Nội dung/Tiêu chí'], missing: ['Điểm tối đa'] },
    vi: (a) =>
      `Dòng này giống dòng tiêu đề của bảng tiêu chí (có cột ${list(a.found.map(quote), 'vi')}) nhưng thiếu ` +
      `cột ${list(a.missing.map(quote), 'vi')}; đặt tên cột đó (ví dụ "Điểm tối đa") rồi nhập lại.`,
    en: (a) =>
      `This row looks like the header of a criteria table (columns ${list(a.found.map(quote), 'en')}) but ` +
      `has no ${list(a.missing.map(quote), 'en')} column; head that column (e.g. "Điểm tối đa") and import ` +
      `again.`,
  },
  CRITERIA_IMPORT_COLUMN_IGNORED: {
    severity: 'info',
    example: { header: 'Điểm tự đánh giá' },
    vi: (a) =>
      a.header
        ? `Cột ${quote(a.header)} không thuộc bộ tiêu chí (chỉ đọc STT, nội dung, điểm tối đa, hướng dẫn chấm, ` +
          `phương pháp đánh giá, tài liệu kiểm chứng); bỏ qua.`
        : 'Cột này có dữ liệu nhưng không có tiêu đề nên không được đọc; nếu cần, đặt tiêu đề cho cột (ví dụ ' +
          '"Hướng dẫn chấm điểm").',
    en: (a) =>
      a.header
        ? `Column ${quote(a.header)} is not part of a criteria set (only numbering, title, maximum, guidance, ` +
          `method and evidence are read); left out.`
        : 'This column holds values but has no header, so it is not read; head it (e.g. "Hướng dẫn chấm điểm") ' +
          'if it matters.',
  },
  CRITERIA_IMPORT_FIELD_AS_ITEM: {
    severity: 'info',
    example: { code: '3', item: '3.1' },
    vi: (a) =>
      `Lĩnh vực ${a.code} không có tiêu chí con; được chấm như một tiêu chí thành phần ${a.item} với cùng điểm tối đa.`,
    en: (a) => `Field ${a.code} has no criteria under it; it is scored as one item ${a.item} with the same maximum.`,
  },
  CRITERIA_IMPORT_LINES_FOLDED: {
    severity: 'info',
    example: { code: '1.1.2', count: 3, as: 'options' },
    vi: (a) =>
      `${a.count} dòng dưới ${a.code} ` +
      `${
        a.as === 'options'
          ? 'là các mức chấm (mỗi mức một số điểm)'
          : a.as === 'parts'
            ? ('là các phần cộng lại thành điểm tối ' + 'đa; cơ quan chấm tổng các phần')
            : 'được ghi vào hướng dẫn chấm'
      }` +
      ` của ${a.code}.`,
    en: (a) =>
      `${a.count} lines under ${a.code} ` +
      `${
        a.as === 'options'
          ? 'are its scoring levels (each ' + 'worth its points)'
          : a.as === 'parts'
            ? ('are parts adding up to its maximum; ' + 'agencies score their sum')
            : 'go into its scoring guidance'
      }` +
      `.`,
  },
  CRITERIA_IMPORT_FILE_KIND: {
    severity: 'error',
    example: { detected: 'Word 97–2003 (.doc)' },
    vi: (a) =>
      `Tệp là ${a.detected}, không đọc được bảng tiêu chí từ đó; mở tệp bằng Word hoặc Excel, lưu thành ` +
      `.docx hoặc .xlsx rồi nhập lại.`,
    en: (a) =>
      `The file is ${a.detected}, from which no criteria table can be read; open it in Word or Excel, save ` +
      `it as .docx or .xlsx and import again.`,
  },
  CRITERIA_IMPORT_ROW_INVALID: {
    severity: 'error',
    example: { code: '2.1.3', detail: 'Quá nhỏ: mong đợi number >0' },
    vi: (a) =>
      `${a.code ? `Tiêu chí ${a.code}` : 'Dòng này'} không tạo được tiêu chí hợp lệ (${a.detail}); kiểm tra ` +
      `số thứ tự và điểm tối đa của dòng.`,
    en: (a) =>
      `${a.code ? `Row ${a.code}` : 'This row'} does not make a valid criterion (${a.detail}); check its ` +
      `numbering and maximum.`,
  },
};

function sourceVi(source: string): string {
  return (
    (
      { appraisal: 'thẩm định', survey: 'điều tra xã hội học', bonus: 'điểm thưởng', penalty: 'điểm trừ' } as Record<
        string,
        string
      >
    )[source] ?? source
  );
}
function kindVi(kind: string | undefined): string {
  return kind ? ` (với loại cơ quan ${kind})` : '';
}
function kindEn(kind: string | undefined): string {
  return kind ? ` (for agency kind ${kind})` : '';
}
function whereVi(where: string): string {
  return where === 'grading' ? 'Thang xếp nhóm' : `Tiêu chí ${where}`;
}
function whereEn(where: string): string {
  return where === 'grading' ? 'Grading bands' : `Item ${where}`;
}

export { list };
