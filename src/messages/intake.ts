/** Finding codes of the intake stage: reading self-scoring workbooks and CSV files. */
import { LIMIT_FLAGS, type LimitName } from '../core/limits.js';
import { list, num, quote, type Catalogue } from './types.js';

const LIMIT_VI: Record<LimitName, string> = {
  fileBytes: 'dung lượng tệp',
  uncompressedBytes: 'dung lượng sau giải nén',
  zipEntries: 'số mục trong tệp nén',
  rows: 'số dòng',
  cells: 'số ô',
  stringLength: 'độ dài chữ trong ô',
  declaredCells: 'số ô khai báo (ô gộp, dải cột)',
};
const LIMIT_EN: Record<LimitName, string> = {
  fileBytes: 'file size',
  uncompressedBytes: 'unzipped size',
  zipEntries: 'archive entries',
  rows: 'rows',
  cells: 'cells',
  stringLength: 'cell text length',
  declaredCells: 'declared cells (merged ranges, column ranges)',
};

/** Names of input fields in messages. */
const FIELD_VI: Record<string, string> = {
  points: 'điểm tự chấm',
  option: 'lựa chọn',
  yes: 'có/không',
  numerator: 'tử số',
  denominator: 'mẫu số',
  percent: 'tỷ lệ (%)',
  count: 'số lượng',
  notApplicable: 'không áp dụng',
  agency: 'mã cơ quan',
  code: 'mã tiêu chí',
  year: 'năm',
};
const fieldVi = (f: string): string => FIELD_VI[f] ?? f;
const FIELD_EN: Record<string, string> = {
  yes: 'yes/no',
  notApplicable: 'not applicable',
  agency: 'agency code',
  code: 'item code',
  percent: 'percent',
};
const fieldEn = (f: string): string => FIELD_EN[f] ?? f;

const legacyName = (e: 'TCVN3' | 'VNI'): string =>
  e === 'TCVN3' ? 'TCVN3 (ABC, phông .VnTime)' : 'VNI (phông VNI-Times)';

const SAVE_AS_VI =
  'Mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) kiểu "Excel Workbook (.xlsx)" rồi gửi lại.';
const SAVE_AS_EN =
  'Open it in Excel or LibreOffice, use Save As with type "Excel Workbook (.xlsx)", and send it again.';

export interface IntakeArgs {
  /** The file could not be read from disk. */
  INTAKE_FILE_UNREADABLE: { reason: string };
  /** A zero-byte file. */
  INTAKE_EMPTY_FILE: Record<string, never>;
  /** Not a spreadsheet at all (PDF, Word, image, unknown bytes). */
  INTAKE_NOT_SPREADSHEET: { detected: string };
  /** A legacy .xls or an OpenDocument .ods file. */
  INTAKE_LEGACY_FORMAT: { format: 'xls' | 'ods' };
  /** A password-encrypted workbook. */
  INTAKE_ENCRYPTED: Record<string, never>;
  /** A damaged workbook (broken zip or XML). */
  INTAKE_CORRUPT: { detail: string };
  /** A file past one of the declared input limits (size, unzipped size, entries, rows, cells, text length). */
  INTAKE_LIMIT_EXCEEDED: { limit: LimitName; found: string; max: string };
  /** A zip entry whose path is absolute or climbs out with "../". */
  INTAKE_ZIP_UNSAFE_PATH: { entry: string };
  /** An XML part with a DTD (external entities, entity expansion). */
  INTAKE_XML_DTD: { part: string };
  /** A formula that refers to its own cell (a circular reference); its saved value is not trusted. */
  INTAKE_CIRCULAR_FORMULA: { formula: string };
  /** A CSV file with NUL bytes (a sign of a damaged or mis-encoded file); they were removed. */
  INTAKE_CSV_NUL_REMOVED: Record<string, never>;
  /** A workbook with macros (.xlsm): values are read, macros never run or kept. */
  INTAKE_MACROS_IGNORED: Record<string, never>;
  /** A workbook with links to other workbooks: cached values are used, links never followed. */
  INTAKE_EXTERNAL_LINKS: { part: string };
  /** A cell typed in a legacy Vietnamese encoding (TCVN3/ABC or VNI), converted to Unicode. */
  INTAKE_LEGACY_ENCODING: { encoding: 'TCVN3' | 'VNI'; found: string; converted: string };
  /** More cells of a file in a legacy encoding, converted too; counted and listed in one finding. */
  INTAKE_LEGACY_ENCODING_MORE: { encoding: 'TCVN3' | 'VNI'; count: number; cells: string[] };
  /** How a CSV file was read: delimiter and encoding. */
  INTAKE_CSV_DIALECT: { delimiter: string; encoding: string };
  /** A CSV file that cannot be parsed (e.g. an unterminated quote). */
  INTAKE_CSV_MALFORMED: { detail: string };
  /** A CSV row with more or fewer values than the header. */
  INTAKE_RAGGED_ROW: { found: number; expected: number };
  /** The information sheet is missing. */
  INTAKE_INFO_MISSING: { expected: string };
  /** No sheet with a recognisable header row. */
  INTAKE_HEADER_NOT_FOUND: { sheet: string; expected: string[] };
  /** The file names no criteria set. */
  INTAKE_CRITERIA_MISSING: { expected?: string };
  /** The file names a different criteria set from the one expected. */
  INTAKE_CRITERIA_MISMATCH: { found: string; expected: string };
  /** The file names a criteria set parindex cannot load, and none is given. */
  INTAKE_CRITERIA_UNKNOWN: { found: string };
  /** No agency code in the file. */
  INTAKE_AGENCY_MISSING: Record<string, never>;
  /** The agency code is not in the roster. */
  INTAKE_AGENCY_NOT_IN_ROSTER: { agency: string };
  /** The same agency in two files. */
  INTAKE_AGENCY_DUPLICATE: { agency: string; other: string };
  /** The agency name differs from the roster's. */
  INTAKE_AGENCY_NAME_MISMATCH: { agency: string; found: string; roster: string };
  /** The year differs from the round's. */
  INTAKE_YEAR_MISMATCH: { found: string; expected: number };
  /** A row with a code the criteria set does not have. */
  INTAKE_UNKNOWN_ITEM: { item: string; set: string };
  /** An item of the set has no row. */
  INTAKE_MISSING_ITEM: { item: string; agency?: string };
  /** A code cell that cannot be read as a code ("4,1", "4.l", "IV.1") on a row with values. */
  INTAKE_CODE_UNREADABLE: { found: string; suggestion: string };
  /** A locked cell of the template (maximum, title) differs from the criteria set. */
  INTAKE_LOCKED_CELL_CHANGED: { item: string; what: 'max' | 'title'; found: string; expected: string };
  /** The same item twice. */
  INTAKE_DUPLICATE_ITEM: { item: string; first: string };
  /** An item that does not apply to the agency's kind is scored. */
  INTAKE_ITEM_NOT_FOR_KIND: { item: string; kind: string };
  /** "Not applicable" on an item that does not allow it. */
  INTAKE_NA_NOT_ALLOWED: { item: string };
  /** An item left blank. */
  INTAKE_ITEM_BLANK: { item: string };
  /** No item rows at all. */
  INTAKE_NO_ITEMS: Record<string, never>;
  /** Text where a number is expected. */
  INTAKE_NOT_A_NUMBER: { field: string; value: string };
  /** A number that reads two ways. */
  INTAKE_AMBIGUOUS_NUMBER: { field: string; value: string; readings: [string, string] };
  /** A negative value. */
  INTAKE_NEGATIVE: { field: string; value: string };
  /** Points above the item's maximum. */
  INTAKE_ABOVE_MAX: { value: string; max: string };
  /** Points not on the declared step. */
  INTAKE_OFF_STEP: { value: string; step: string };
  /** A count that is not a whole number. */
  INTAKE_NOT_WHOLE: { field: string; value: string };
  /** A percentage above 100. */
  INTAKE_PERCENT_RANGE: { value: string };
  /** An option not in the item's list. */
  INTAKE_UNKNOWN_OPTION: { value: string; options: string[] };
  /** A yes/no cell with another word. */
  INTAKE_BAD_YES_NO: { field: string; value: string };
  /** Numerator larger than the denominator. */
  INTAKE_NUMERATOR_ABOVE_DENOMINATOR: { numerator: string; denominator: string };
  /** Denominator 0. */
  INTAKE_ZERO_DENOMINATOR: Record<string, never>;
  /** Only one of numerator and denominator. */
  INTAKE_RATIO_INCOMPLETE: { missing: 'numerator' | 'denominator' };
  /** A formula without a cached value. */
  INTAKE_FORMULA_NO_RESULT: { formula: string };
  /** A date where a number belongs. */
  INTAKE_DATE_NOT_NUMBER: { field: string; value: string };
  /** An error value such as #DIV/0!. */
  INTAKE_ERROR_VALUE: { field: string; value: string };
  /** An input cell inside a merged range. */
  INTAKE_MERGED_INPUT: { range: string };
  /** A value in a hidden row or column. */
  INTAKE_HIDDEN_VALUE: { what: 'row' | 'column' };
  /** The scoring sheet is hidden. */
  INTAKE_HIDDEN_SHEET: { sheet: string };
  /** An input filled that the item's rule does not use. */
  INTAKE_INPUT_NOT_FOR_RULE: { item: string; field: string; rule: string };
  /** Required evidence missing, no explanation. */
  INTAKE_EVIDENCE_MISSING: { item: string };
  /** Required evidence missing but explained. */
  INTAKE_EVIDENCE_EXPLAINED: { item: string };
  /** Entered points contradict what the rule gives for the entered raw data. */
  INTAKE_POINTS_CONTRADICT_RULE: { item: string; entered: string; rule: string; detail: string; detailVi?: string };
  /** A subtotal cell that disagrees with its items. */
  INTAKE_SUBTOTAL_MISMATCH: { group: string; found: string; expected: string };
}

export const intakeMessages: Catalogue<IntakeArgs> = {
  INTAKE_FILE_UNREADABLE: {
    severity: 'error',
    example: { reason: 'EACCES: permission denied' },
    vi: (a) => `Không đọc được tệp (${readReason(a.reason, 'vi')}). Kiểm tra quyền đọc và đường dẫn.`,
    en: (a) => `The file cannot be read (${readReason(a.reason, 'en')}). Check the path and read permission.`,
  },
  INTAKE_EMPTY_FILE: {
    severity: 'error',
    example: {},
    vi: () => 'Tệp rỗng (0 byte). Gửi lại tệp bảng tính đã điền.',
    en: () => 'The file is empty (0 bytes). Send the filled-in spreadsheet again.',
  },
  INTAKE_NOT_SPREADSHEET: {
    severity: 'error',
    example: { detected: 'PDF' },
    vi: (a) => `Tệp không phải bảng tính (nhận ra: ${a.detected}). Cần tệp .xlsx theo biểu mẫu hoặc tệp .csv.`,
    en: (a) =>
      `The file is not a spreadsheet (looks like: ${a.detected}). Expected an .xlsx from the template or a .csv file.`,
  },
  INTAKE_LEGACY_FORMAT: {
    severity: 'error',
    example: { format: 'xls' },
    vi: (a) =>
      `Tệp ở định dạng cũ ${a.format === 'xls' ? 'Excel 97–2003 (.xls)' : 'OpenDocument (.ods)'}, parindex ` +
      `chỉ đọc .xlsx. ${SAVE_AS_VI}`,
    en: (a) =>
      `The file is in the ${a.format === 'xls' ? 'legacy Excel 97–2003 (.xls)' : 'OpenDocument (.ods)'} ` +
      `format; parindex reads .xlsx only. ${SAVE_AS_EN}`,
  },
  INTAKE_ENCRYPTED: {
    severity: 'error',
    example: {},
    vi: () =>
      'Bảng tính được đặt mật khẩu nên không đọc được. Gỡ mật khẩu mở tệp (File > Info > Protect Workbook) ' +
      'rồi lưu lại dạng .xlsx.',
    en: () =>
      'The workbook is password-encrypted and cannot be read. Remove the open password (File > Info > ' +
      'Protect Workbook) and save it as .xlsx.',
  },
  INTAKE_CORRUPT: {
    severity: 'error',
    example: { detail: 'end of central directory not found' },
    vi: (a) => `Tệp .xlsx bị hỏng, không đọc được (${a.detail}). ${SAVE_AS_VI}`,
    en: (a) => `The .xlsx file is damaged and cannot be read (${a.detail}). ${SAVE_AS_EN}`,
  },
  INTAKE_LIMIT_EXCEEDED: {
    severity: 'error',
    example: { limit: 'uncompressedBytes', found: '2048 MB', max: '300 MB' },
    vi: (a) =>
      a.limit === 'stringLength'
        ? `Ô có ${a.found} ký tự, quá giới hạn ${a.max}; chỉ đọc ${a.max} ký tự đầu (nâng giới hạn bằng ` +
          `${LIMIT_FLAGS[a.limit].flag}).`
        : `Tệp vượt giới hạn ${LIMIT_VI[a.limit]}: ${a.found}, tối đa ${a.max}. Tệp không được đọc; nếu tệp ` +
          `đúng là lớn như vậy, chạy lại với ${LIMIT_FLAGS[a.limit].flag}.`,
    en: (a) =>
      a.limit === 'stringLength'
        ? `The cell holds ${a.found} characters, over the limit of ${a.max}; only the first ${a.max} are read ` +
          `(raise it with ${LIMIT_FLAGS[a.limit].flag}).`
        : `The file exceeds the ${LIMIT_EN[a.limit]} limit: ${a.found}, at most ${a.max}. It is not read; if ` +
          `it really is that large, run again with ${LIMIT_FLAGS[a.limit].flag}.`,
  },
  INTAKE_ZIP_UNSAFE_PATH: {
    severity: 'error',
    example: { entry: '../../etc/passwd' },
    vi: (a) => `Tệp nén chứa đường dẫn không an toàn ${quote(a.entry)}; tệp không được đọc. ${SAVE_AS_VI}`,
    en: (a) => `The archive holds an unsafe path ${quote(a.entry)}; the file is not read. ${SAVE_AS_EN}`,
  },
  INTAKE_XML_DTD: {
    severity: 'error',
    example: { part: 'xl/sharedStrings.xml' },
    vi: (a) =>
      `Phần ${quote(a.part)} của tệp khai báo DTD/thực thể XML, điều mà Excel không bao giờ ghi; tệp không ` +
      `được đọc. ${SAVE_AS_VI}`,
    en: (a) =>
      `Part ${quote(a.part)} declares an XML DTD or entities, which Excel never writes; the file is not ` +
      `read. ${SAVE_AS_EN}`,
  },
  INTAKE_CIRCULAR_FORMULA: {
    severity: 'warning',
    example: { formula: 'SUM(E3:E5)' },
    vi: (a) =>
      `Công thức ${quote('=' + a.formula)} tham chiếu chính ô của nó (vòng lặp); giá trị đã lưu không được ` +
      `dùng, parindex tự cộng các tiêu chí thành phần.`,
    en: (a) =>
      `The formula ${quote('=' + a.formula)} refers to its own cell (a circular reference); its saved value ` +
      `is not used, parindex sums the items itself.`,
  },
  INTAKE_CSV_NUL_REMOVED: {
    severity: 'warning',
    example: {},
    vi: () =>
      'Tệp CSV có ký tự NUL (thường do tệp hỏng hoặc sai bảng mã); các ký tự này đã bị bỏ. Kiểm tra lại nội dung.',
    en: () =>
      'The CSV file holds NUL bytes (usually a damaged or mis-encoded file); they were removed. Check its content.',
  },
  INTAKE_MACROS_IGNORED: {
    severity: 'info',
    example: {},
    vi: () => 'Tệp có macro: chỉ đọc giá trị trong ô, macro không bao giờ được chạy hay giữ lại.',
    en: () => 'The workbook has macros: only cell values are read; macros are never run or kept.',
  },
  INTAKE_EXTERNAL_LINKS: {
    severity: 'warning',
    example: { part: 'xl/externalLinks/externalLink1.xml' },
    vi: () =>
      'Tệp có liên kết tới bảng tính khác: dùng giá trị đã lưu trong ô, không mở liên kết. Nên dán giá trị ' +
      '(Paste Values) trước khi gửi.',
    en: () =>
      'The workbook links to other workbooks: the values saved in the cells are used, links are never ' +
      'followed. Paste values before sending.',
  },
  INTAKE_LEGACY_ENCODING: {
    severity: 'warning',
    example: { encoding: 'TCVN3', found: 'Céng hßa X· héi', converted: 'Cộng hòa Xã hội' },
    vi: (a) =>
      `Chữ trong ô được gõ bằng bảng mã cũ ${legacyName(a.encoding)} (${quote(a.found)}); đã chuyển sang ` +
      `Unicode thành ${quote(a.converted)}. Kiểm tra lại, rồi lưu tệp với chữ Unicode (Unikey: công cụ ` +
      `chuyển mã).`,
    en: (a) =>
      `The cell's text is typed in the legacy ${legacyName(a.encoding)} encoding (${quote(a.found)}); it was ` +
      `converted to Unicode as ${quote(a.converted)}. Check it, then save the file with Unicode text (e.g. ` +
      `Unikey's converter).`,
  },
  INTAKE_LEGACY_ENCODING_MORE: {
    severity: 'warning',
    example: { encoding: 'VNI', count: 42, cells: ['B12', 'B13', 'D13'] },
    vi: (a) =>
      `Còn ${a.count} ô khác gõ bằng bảng mã ${legacyName(a.encoding)} cũng đã được chuyển sang Unicode: ` +
      `${list(a.cells, 'vi')}.`,
    en: (a) =>
      `${a.count} more cells typed in ${legacyName(a.encoding)} were converted to Unicode too: ${list(a.cells, 'en')}.`,
  },
  INTAKE_CSV_DIALECT: {
    severity: 'info',
    example: { delimiter: ';', encoding: 'utf-8' },
    vi: (a) => `Đọc tệp CSV với dấu phân cách ${delimiterName(a.delimiter, 'vi')}, mã ký tự ${a.encoding}.`,
    en: (a) => `Read the CSV file with ${delimiterName(a.delimiter, 'en')} as delimiter, encoding ${a.encoding}.`,
  },
  INTAKE_CSV_MALFORMED: {
    severity: 'error',
    example: { detail: 'unterminated quote' },
    vi: (a) => `Tệp CSV sai cấu trúc (${a.detail}); các dòng từ đây trở đi không đọc được. Kiểm tra dấu ngoặc kép.`,
    en: (a) => `The CSV file is malformed (${a.detail}); rows from here on cannot be read. Check the quotes.`,
  },
  INTAKE_RAGGED_ROW: {
    severity: 'warning',
    example: { found: 9, expected: 12 },
    vi: (a) => `Dòng có ${a.found} giá trị, dòng tiêu đề có ${a.expected}; các ô thiếu được coi là trống.`,
    en: (a) => `The row has ${a.found} values where the header has ${a.expected}; missing cells are read as blank.`,
  },
  INTAKE_INFO_MISSING: {
    severity: 'warning',
    example: { expected: 'Thông tin' },
    vi: (a) =>
      `Không có trang ${quote(a.expected)} (mã cơ quan, năm, bộ tiêu chí). Dùng biểu mẫu của "parindex template".`,
    en: (a) =>
      `There is no ${quote(a.expected)} sheet (agency code, year, criteria set). Use the workbook from ` +
      `"parindex template".`,
  },
  INTAKE_HEADER_NOT_FOUND: {
    severity: 'error',
    example: { sheet: 'Tự chấm điểm', expected: ['Mã', 'Điểm tự chấm'] },
    vi: (a) =>
      `Không tìm thấy dòng tiêu đề có các cột ${list(
        a.expected.map((e) => quote(e)),
        'vi',
      )}. Giữ nguyên dòng tiêu đề của biểu mẫu.`,
    en: (a) =>
      `No header row with the columns ${list(
        a.expected.map((e) => quote(e)),
        'en',
      )} was found. Keep the template's header row.`,
  },
  INTAKE_CRITERIA_MISSING: {
    severity: 'warning',
    example: { expected: 'illustrative-internal@2025.1' },
    vi: (a) =>
      a.expected
        ? `Tệp không ghi bộ tiêu chí; kiểm tra theo ${a.expected}.`
        : 'Tệp không ghi bộ tiêu chí nên không kiểm tra được các tiêu chí. Chỉ rõ bộ tiêu chí bằng --criteria.',
    en: (a) =>
      a.expected
        ? `The file names no criteria set; checked against ${a.expected}.`
        : 'The file names no criteria set, so its items cannot be checked. Name the set with --criteria.',
  },
  INTAKE_CRITERIA_MISMATCH: {
    severity: 'error',
    example: { found: 'illustrative-internal@2024.1', expected: 'illustrative-internal@2025.1' },
    vi: (a) =>
      `Tệp được lập theo bộ tiêu chí ${a.found}, nhưng kỳ đánh giá dùng ${a.expected}. Tải biểu mẫu mới ` +
      `("parindex template") và chép lại số liệu.`,
    en: (a) =>
      `The file was made for criteria set ${a.found}, but ${a.expected} is expected. Get the new template ` +
      `("parindex template") and copy the figures over.`,
  },
  INTAKE_CRITERIA_UNKNOWN: {
    severity: 'error',
    example: { found: 'hanoi-internal@2019.1' },
    vi: (a) => `Tệp ghi bộ tiêu chí ${quote(a.found)} không có sẵn. Chỉ rõ bộ tiêu chí bằng --criteria.`,
    en: (a) => `The file names criteria set ${quote(a.found)}, which is not available. Name the set with --criteria.`,
  },
  INTAKE_AGENCY_MISSING: {
    severity: 'error',
    example: {},
    vi: () => 'Tệp không ghi mã cơ quan. Điền mã cơ quan ở trang "Thông tin" (hoặc cột "Mã cơ quan" của tệp CSV).',
    en: () =>
      'The file has no agency code. Fill it in on the "Information" sheet (or in the CSV "Agency code" column).',
  },
  INTAKE_AGENCY_NOT_IN_ROSTER: {
    severity: 'error',
    example: { agency: 'SXD2' },
    vi: (a) =>
      `Mã cơ quan ${quote(a.agency)} không có trong danh sách cơ quan. Kiểm tra lỗi chính tả hoặc bổ sung ` +
      `vào danh sách.`,
    en: (a) => `Agency code ${quote(a.agency)} is not in the roster. Check the spelling or add it to the roster.`,
  },
  INTAKE_AGENCY_DUPLICATE: {
    severity: 'error',
    example: { agency: 'SNV', other: 'submissions/snv-ban-cu.xlsx' },
    vi: (a) => `Cơ quan ${quote(a.agency)} đã có tệp khác (${a.other}). Giữ một tệp cho mỗi cơ quan.`,
    en: (a) => `Agency ${quote(a.agency)} already has another file (${a.other}). Keep one file per agency.`,
  },
  INTAKE_AGENCY_NAME_MISMATCH: {
    severity: 'warning',
    example: { agency: 'SNV', found: 'Sở Nội Vụ HN', roster: 'Sở Nội vụ' },
    vi: (a) =>
      `Tên cơ quan ${quote(a.found)} khác tên trong danh sách (${quote(a.roster)}) của mã ${a.agency}; dùng ` +
      `tên trong danh sách.`,
    en: (a) =>
      `Agency name ${quote(a.found)} differs from the roster's (${quote(a.roster)}) for code ${a.agency}; ` +
      `the roster's name is used.`,
  },
  INTAKE_YEAR_MISMATCH: {
    severity: 'error',
    example: { found: '2024', expected: 2025 },
    vi: (a) => `Năm đánh giá ghi ${quote(a.found)}, kỳ này là năm ${a.expected}.`,
    en: (a) => `The year says ${quote(a.found)}; this round is ${a.expected}.`,
  },
  INTAKE_UNKNOWN_ITEM: {
    severity: 'error',
    example: { item: '2.7.1', set: 'illustrative-internal@2025.1' },
    vi: (a) => `Mã tiêu chí ${quote(a.item)} không có trong bộ tiêu chí ${a.set}. Không sửa cột "Mã" của biểu mẫu.`,
    en: (a) => `Item code ${quote(a.item)} is not in criteria set ${a.set}. Do not edit the template's "Code" column.`,
  },
  INTAKE_MISSING_ITEM: {
    severity: 'error',
    example: { item: '3.1.2', agency: 'Sở Y tế (SYT)' },
    vi: (a) =>
      `Thiếu dòng của tiêu chí ${a.item}${a.agency ? ` của cơ quan ${a.agency}` : ''}; tiêu chí này sẽ được 0 điểm. ` +
      'Thêm lại dòng theo biểu mẫu.',
    en: (a) =>
      `Item ${a.item}${a.agency ? ` of agency ${a.agency}` : ''} has no row; it would score 0. ` +
      'Put the row back as in the template.',
  },
  INTAKE_CODE_UNREADABLE: {
    severity: 'error',
    example: { found: '4,1', suggestion: '4.1' },
    vi: (a) =>
      `Không đọc được mã tiêu chí ${quote(a.found)}: dòng này bị bỏ qua. Có phải là ${quote(a.suggestion)}? ` +
      'Sửa mã theo biểu mẫu (dấu chấm, chữ số Ả Rập).',
    en: (a) =>
      `The item code ${quote(a.found)} cannot be read: this row is skipped. Did you mean ${quote(a.suggestion)}? ` +
      'Write the code as in the template (dots, Arabic digits).',
  },
  INTAKE_LOCKED_CELL_CHANGED: {
    severity: 'warning',
    example: { item: '4', what: 'max', found: '20', expected: '10.5' },
    vi: (a) =>
      a.what === 'max'
        ? `Điểm tối đa của ${a.item} trong tệp là ${num(a.found, 'vi')}, ` +
          `bộ tiêu chí quy định ${num(a.expected, 'vi')}: ` +
          'ô khoá của biểu mẫu đã bị sửa. Điểm được chấm theo bộ tiêu chí; dùng lại biểu mẫu gốc.'
        : `Nội dung của ${a.item} trong tệp (${quote(a.found)}) khác bộ tiêu chí (${quote(a.expected)}): ` +
          'ô khoá của biểu mẫu đã bị sửa. Dùng lại biểu mẫu gốc.',
    en: (a) =>
      a.what === 'max'
        ? `The maximum of ${a.item} in the file is ${a.found}, the criteria set says ${a.expected}: ` +
          'a locked cell of the template was changed. Points are scored by the set; use the original template.'
        : `The title of ${a.item} in the file (${quote(a.found)}) ` +
          `differs from the criteria set (${quote(a.expected)}): ` +
          'a locked cell of the template was changed. Use the original template.',
  },
  INTAKE_DUPLICATE_ITEM: {
    severity: 'error',
    example: { item: '1.2.1', first: 'A8' },
    vi: (a) =>
      `Tiêu chí ${a.item} xuất hiện lần thứ hai (lần đầu ở ${a.first}); chỉ dòng đầu được dùng. Xoá dòng trùng.`,
    en: (a) =>
      `Item ${a.item} appears a second time (first at ${a.first}); only the first row is used. Delete the duplicate.`,
  },
  INTAKE_ITEM_NOT_FOR_KIND: {
    severity: 'error',
    example: { item: '6.3.1', kind: 'commune' },
    vi: (a) =>
      `Tiêu chí ${a.item} không áp dụng cho loại cơ quan ${quote(a.kind)} nhưng đã được chấm. Để trống dòng này.`,
    en: (a) => `Item ${a.item} does not apply to agencies of kind ${quote(a.kind)} but is scored. Leave the row blank.`,
  },
  INTAKE_NA_NOT_ALLOWED: {
    severity: 'error',
    example: { item: '1.1.1' },
    vi: (a) => `Tiêu chí ${a.item} không cho phép đánh dấu "không áp dụng". Xoá dấu và tự chấm điểm.`,
    en: (a) => `Item ${a.item} may not be marked "not applicable". Remove the mark and score it.`,
  },
  INTAKE_ITEM_BLANK: {
    severity: 'warning',
    example: { item: '4.2.1' },
    vi: (a) => `Tiêu chí ${a.item} chưa được tự chấm; nếu để trống sẽ được 0 điểm.`,
    en: (a) => `Item ${a.item} is not self-scored; left blank it scores 0.`,
  },
  INTAKE_NO_ITEMS: {
    severity: 'error',
    example: {},
    vi: () => 'Tệp không có dòng tiêu chí nào.',
    en: () => 'The file has no item rows.',
  },
  INTAKE_NOT_A_NUMBER: {
    severity: 'error',
    example: { field: 'points', value: 'hai điểm' },
    vi: (a) => `Ô ${fieldVi(a.field)} phải là số, nhưng có ${quote(a.value)}. Ghi số, ví dụ 2,5.`,
    en: (a) => `The ${fieldEn(a.field)} cell must be a number but holds ${quote(a.value)}. Write a number such as 2.5.`,
  },
  INTAKE_AMBIGUOUS_NUMBER: {
    severity: 'error',
    example: { field: 'numerator', value: '1.234', readings: ['1.234', '1234'] },
    vi: (a) =>
      `Số ${quote(a.value)} ở ô ${fieldVi(a.field)} có thể hiểu là ${num(a.readings[0], 'vi')} hoặc ` +
      `${num(a.readings[1], 'vi')}. Ghi rõ, ví dụ ${num(a.readings[1], 'vi')} (không dấu phân cách hàng ` +
      `nghìn).`,
    en: (a) =>
      `${quote(a.value)} in the ${fieldEn(a.field)} cell can be read as ${a.readings[0]} or ` +
      `${a.readings[1]}. Write it unambiguously, e.g. ${a.readings[1]} without a thousands separator.`,
  },
  INTAKE_NEGATIVE: {
    severity: 'error',
    example: { field: 'points', value: '-1' },
    vi: (a) => `Ô ${fieldVi(a.field)} không được âm (có ${num(a.value, 'vi')}).`,
    en: (a) => `The ${fieldEn(a.field)} cell must not be negative (holds ${a.value}).`,
  },
  INTAKE_ABOVE_MAX: {
    severity: 'error',
    example: { value: '2.5', max: '2' },
    vi: (a) => `Điểm tự chấm ${num(a.value, 'vi')} vượt điểm tối đa ${num(a.max, 'vi')}.`,
    en: (a) => `Self score ${a.value} is above the maximum ${a.max}.`,
  },
  INTAKE_OFF_STEP: {
    severity: 'error',
    example: { value: '0.3', step: '0.25' },
    vi: (a) =>
      `Điểm ${num(a.value, 'vi')} không phải bội số của ${num(a.step, 'vi')}; chấm theo bước ` +
      `${num(a.step, 'vi')} điểm.`,
    en: (a) => `Points ${a.value} are not a multiple of ${a.step}; score in steps of ${a.step}.`,
  },
  INTAKE_NOT_WHOLE: {
    severity: 'error',
    example: { field: 'count', value: '2.5' },
    vi: (a) => `Ô ${fieldVi(a.field)} phải là số nguyên (có ${num(a.value, 'vi')}).`,
    en: (a) => `The ${fieldEn(a.field)} cell must be a whole number (holds ${a.value}).`,
  },
  INTAKE_PERCENT_RANGE: {
    severity: 'error',
    example: { value: '105' },
    vi: (a) => `Tỷ lệ ${num(a.value, 'vi')}% nằm ngoài khoảng 0–100%.`,
    en: (a) => `Percentage ${a.value}% is outside 0–100%.`,
  },
  INTAKE_UNKNOWN_OPTION: {
    severity: 'error',
    example: { value: 'Hoàn thành', options: ['Đúng hạn', 'Trễ hạn', 'Không thực hiện'] },
    vi: (a) =>
      `Lựa chọn ${quote(a.value)} không có trong danh sách: ${list(a.options, 'vi')}. Chọn từ danh sách thả xuống.`,
    en: (a) => `Option ${quote(a.value)} is not in the list: ${list(a.options, 'en')}. Pick from the drop-down list.`,
  },
  INTAKE_BAD_YES_NO: {
    severity: 'error',
    example: { field: 'yes', value: 'có lẽ' },
    vi: (a) =>
      `Ô ${fieldVi(a.field)} cần "Có" hoặc "Không"${a.field === 'notApplicable' ? ' (hoặc "x")' : ''}, nhưng ` +
      `có ${quote(a.value)}.`,
    en: (a) =>
      `The ${fieldEn(a.field)} cell needs "Yes" or "No"${a.field === 'notApplicable' ? ' (or "x")' : ''} but ` +
      `holds ${quote(a.value)}.`,
  },
  INTAKE_NUMERATOR_ABOVE_DENOMINATOR: {
    severity: 'error',
    example: { numerator: '48', denominator: '45' },
    vi: (a) => `Tử số ${num(a.numerator, 'vi')} lớn hơn mẫu số ${num(a.denominator, 'vi')}; tỷ lệ không thể vượt 100%.`,
    en: (a) => `Numerator ${a.numerator} is larger than denominator ${a.denominator}; a rate cannot exceed 100%.`,
  },
  INTAKE_ZERO_DENOMINATOR: {
    severity: 'error',
    example: {},
    vi: () =>
      'Mẫu số bằng 0 nên không tính được tỷ lệ. Nếu không phát sinh, đánh dấu "không áp dụng" (khi tiêu chí ' +
      'cho phép) hoặc giải trình.',
    en: () =>
      'The denominator is 0, so no rate can be computed. If nothing arose, mark the item "not applicable" ' +
      '(where allowed) or explain.',
  },
  INTAKE_RATIO_INCOMPLETE: {
    severity: 'error',
    example: { missing: 'denominator' },
    vi: (a) => `Thiếu ${fieldVi(a.missing)}; cần cả tử số và mẫu số.`,
    en: (a) => `The ${a.missing} is missing; both numerator and denominator are needed.`,
  },
  INTAKE_FORMULA_NO_RESULT: {
    severity: 'error',
    example: { formula: 'SUM(E5:E9)' },
    vi: (a) =>
      `Ô có công thức =${a.formula} nhưng chưa có giá trị tính sẵn (tệp không được lưu bằng chương trình ` +
      `bảng tính). Mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi.`,
    en: (a) =>
      `The cell holds the formula =${a.formula} with no computed value (the file was not saved by a ` +
      `spreadsheet program). Open it in Excel or LibreOffice, save, and send it again.`,
  },
  INTAKE_DATE_NOT_NUMBER: {
    severity: 'error',
    example: { field: 'points', value: '2025-03-02' },
    vi: (a) =>
      `Ô ${fieldVi(a.field)} chứa ngày tháng (${a.value}) thay vì số; Excel có thể đã tự đổi "2.3" thành ` +
      `ngày. Định dạng ô là Số (Number) rồi nhập lại.`,
    en: (a) =>
      `The ${fieldEn(a.field)} cell holds a date (${a.value}) instead of a number; Excel may have turned ` +
      `"2.3" into a date. Format the cell as Number and type it again.`,
  },
  INTAKE_ERROR_VALUE: {
    severity: 'error',
    example: { field: 'percent', value: '#DIV/0!' },
    vi: (a) => `Ô ${fieldVi(a.field)} có giá trị lỗi ${a.value}. Sửa công thức hoặc nhập số.`,
    en: (a) => `The ${fieldEn(a.field)} cell holds the error value ${a.value}. Fix the formula or type a number.`,
  },
  INTAKE_MERGED_INPUT: {
    severity: 'error',
    example: { range: 'E12:E13' },
    vi: (a) =>
      `Ô nhập liệu nằm trong vùng gộp ô ${a.range}; giá trị chỉ thuộc về ô đầu. Bỏ gộp ô (Unmerge) và nhập ` +
      `cho từng dòng.`,
    en: (a) =>
      `The input cell is inside the merged range ${a.range}; the value belongs to its first cell only. ` +
      `Unmerge and fill each row.`,
  },
  INTAKE_HIDDEN_VALUE: {
    severity: 'warning',
    example: { what: 'row' },
    vi: (a) =>
      `Giá trị nằm ở ${a.what === 'row' ? 'dòng' : 'cột'} bị ẩn; vẫn được tính. Bỏ ẩn để người thẩm định nhìn thấy.`,
    en: (a) => `The value is in a hidden ${a.what}; it still counts. Unhide it so appraisers can see it.`,
  },
  INTAKE_HIDDEN_SHEET: {
    severity: 'warning',
    example: { sheet: 'Tự chấm điểm' },
    vi: (a) => `Trang ${quote(a.sheet)} đang bị ẩn; vẫn được đọc. Bỏ ẩn trang trước khi gửi.`,
    en: (a) => `Sheet ${quote(a.sheet)} is hidden; it is still read. Unhide it before sending.`,
  },
  INTAKE_INPUT_NOT_FOR_RULE: {
    severity: 'warning',
    example: { item: '1.1.1', field: 'option', rule: 'points' },
    vi: (a) => `Tiêu chí ${a.item} không dùng ô ${fieldVi(a.field)}; giá trị này bị bỏ qua.`,
    en: (a) => `Item ${a.item} does not use the ${fieldEn(a.field)} cell; the value is ignored.`,
  },
  INTAKE_EVIDENCE_MISSING: {
    severity: 'error',
    example: { item: '2.1.1' },
    vi: (a) =>
      `Tiêu chí ${a.item} cần tài liệu kiểm chứng nhưng không có, cũng không có giải trình. Ghi số, ký hiệu ` +
      `văn bản hoặc giải trình.`,
    en: (a) => `Item ${a.item} requires evidence but has none and no explanation. Cite the document or explain.`,
  },
  INTAKE_EVIDENCE_EXPLAINED: {
    severity: 'warning',
    example: { item: '2.1.1' },
    vi: (a) => `Tiêu chí ${a.item} thiếu tài liệu kiểm chứng, có giải trình; người thẩm định sẽ xem xét.`,
    en: (a) => `Item ${a.item} has no evidence but an explanation; appraisers will review it.`,
  },
  INTAKE_POINTS_CONTRADICT_RULE: {
    severity: 'error',
    example: { item: '5.2.1', entered: '2', rule: '1.5', detail: '97/100 = 97%', detailVi: '97/100 = 97%' },
    vi: (a) =>
      `Tiêu chí ${a.item}: tự chấm ${num(a.entered, 'vi')} điểm, nhưng theo số liệu đã nhập ` +
      `(${a.detailVi ?? a.detail.replace(/\./g, ',')}) thì được ${num(a.rule, 'vi')} điểm. Sửa điểm hoặc số ` +
      `liệu; khi chấm dùng ${num(a.rule, 'vi')} điểm.`,
    en: (a) =>
      `Item ${a.item}: self-scored ${a.entered} points, but the entered data (${a.detail}) gives ${a.rule}. ` +
      `Fix the points or the data; scoring uses ${a.rule}.`,
  },
  INTAKE_SUBTOTAL_MISMATCH: {
    severity: 'warning',
    example: { group: '1.2', found: '3', expected: '2.75' },
    vi: (a) =>
      `Ô cộng của ${a.group} ghi ${num(a.found, 'vi')}, tổng các tiêu chí là ${num(a.expected, 'vi')}. Ô ` +
      `cộng không dùng để chấm; kiểm tra công thức.`,
    en: (a) =>
      `The subtotal of ${a.group} says ${a.found}; its items add up to ${a.expected}. Subtotals are not used ` +
      `for scoring; check the formula.`,
  },
};

function delimiterName(d: string, lang: 'vi' | 'en'): string {
  const names: Record<string, [string, string]> = {
    ',': ['phẩy (,)', 'comma (,)'],
    ';': ['chấm phẩy (;)', 'semicolon (;)'],
    '\t': ['tab', 'tab'],
  };
  const n = names[d];
  return n ? n[lang === 'vi' ? 0 : 1] : quote(d);
}

/** A system error code in words a person reads ("ENOENT" → "không tìm thấy tệp"); other reasons as they are. */
export function readReason(reason: string, lang: 'vi' | 'en'): string {
  const code = /^[A-Z]+/.exec(reason)?.[0] ?? '';
  const words: Record<string, { vi: string; en: string }> = {
    ENOENT: { vi: 'không tìm thấy tệp', en: 'no such file' },
    EACCES: { vi: 'không có quyền đọc', en: 'no permission to read it' },
    EPERM: { vi: 'không có quyền đọc', en: 'no permission to read it' },
    EISDIR: { vi: 'đây là một thư mục', en: 'it is a folder' },
    ELOOP: { vi: 'liên kết vòng', en: 'a loop of links' },
    EMFILE: { vi: 'quá nhiều tệp đang mở', en: 'too many open files' },
  };
  if (words[code]) return words[code][lang];
  if (reason === 'not a regular file') return lang === 'vi' ? 'không phải tệp thông thường' : 'not a regular file';
  return reason;
}
