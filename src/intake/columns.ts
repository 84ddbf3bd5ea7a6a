/**
 * The self-scoring layout shared by the template writer and the submission reader: sheet names,
 * the information sheet's labels, and the scoring sheet's columns with the header words people
 * use for them in Vietnamese and English. A hand-built workbook is read when its header row
 * has recognisable columns; matching is by `looseKey` (no diacritics, any case).
 */
import type { Lang } from '../messages/types.js';
import { withKnownInputs } from '../core/memo.js';
import { looseKey } from '../core/text.js';

/** Sheet names of the template, per language; the reader accepts either language. */
export const SHEETS = {
  instructions: { vi: 'Hướng dẫn', en: 'Instructions' },
  info: { vi: 'Thông tin', en: 'Information' },
  scoring: { vi: 'Tự chấm điểm', en: 'Self-score' },
  lists: { vi: 'Danh mục', en: 'Lists' },
} as const;

/** Fields of the information sheet: label in column A, value in column B. */
export type InfoField = 'agencyCode' | 'agencyName' | 'year' | 'criteria';

export const INFO_FIELDS: readonly { field: InfoField; vi: string; en: string; aliases: readonly string[] }[] = [
  { field: 'agencyCode', vi: 'Mã cơ quan', en: 'Agency code', aliases: ['mã đơn vị', 'ma co quan', 'code'] },
  { field: 'agencyName', vi: 'Tên cơ quan', en: 'Agency name', aliases: ['tên đơn vị', 'name'] },
  { field: 'year', vi: 'Năm đánh giá', en: 'Year', aliases: ['năm', 'year assessed'] },
  { field: 'criteria', vi: 'Bộ tiêu chí', en: 'Criteria set', aliases: ['bộ tiêu chí (mã@phiên bản)', 'criteria'] },
];

/** Columns of the scoring sheet (and of the long CSV form, which adds `agency`). */
/** The input cells an item may have (what an agency fills in on the template). */
export type InputField =
  | 'points'
  | 'option'
  | 'yes'
  | 'numerator'
  | 'denominator'
  | 'percent'
  | 'count'
  | 'notApplicable'
  | 'evidence'
  | 'explanation'
  | 'note';

/** Every column of the self-scoring sheet: the item's identity and maxima, then its input cells. */
export type ColumnField = 'agency' | 'code' | 'title' | 'max' | 'rule' | InputField;

export interface ColumnDef {
  field: ColumnField;
  vi: string;
  en: string;
  /** Other header words that mean this column (compared by `looseKey`). */
  aliases: readonly string[];
  /** An input the agency fills (unlocked in the template). */
  input: boolean;
  /** Column width in the template, in characters. */
  width: number;
}

/** Scoring sheet columns in template order (A, B, C, …). `agency` is only in the CSV form. */
export const SCORING_COLUMNS: readonly ColumnDef[] = [
  {
    field: 'code',
    vi: 'Mã',
    en: 'Code',
    aliases: ['mã tiêu chí', 'stt', 'tt', 'item', 'item code', 'criterion'],
    input: false,
    width: 9,
  },
  {
    field: 'title',
    vi: 'Nội dung',
    en: 'Title',
    aliases: ['tiêu chí', 'nội dung tiêu chí', 'tên tiêu chí', 'content', 'criterion title'],
    input: false,
    width: 50,
  },
  {
    field: 'max',
    vi: 'Điểm tối đa',
    en: 'Maximum',
    aliases: ['điểm chuẩn', 'điểm tối đa (điểm)', 'max', 'max points'],
    input: false,
    width: 9,
  },
  {
    field: 'rule',
    vi: 'Cách chấm',
    en: 'Rule',
    aliases: ['cách tính điểm', 'hướng dẫn chấm', 'scoring rule'],
    input: false,
    width: 38,
  },
  {
    field: 'points',
    vi: 'Điểm tự chấm',
    en: 'Self score',
    aliases: ['tự chấm', 'tự đánh giá', 'điểm tự đánh giá', 'điểm', 'points', 'self-score', 'self assessed points'],
    input: true,
    width: 10,
  },
  { field: 'option', vi: 'Lựa chọn', en: 'Option', aliases: ['mức độ', 'kết quả', 'choice'], input: true, width: 24 },
  { field: 'yes', vi: 'Có/Không', en: 'Yes/No', aliases: ['có / không', 'co khong', 'yes no'], input: true, width: 9 },
  { field: 'numerator', vi: 'Tử số', en: 'Numerator', aliases: ['số đạt', 'tu so'], input: true, width: 10 },
  { field: 'denominator', vi: 'Mẫu số', en: 'Denominator', aliases: ['tổng số', 'mau so'], input: true, width: 10 },
  {
    field: 'percent',
    vi: 'Tỷ lệ (%)',
    en: 'Percent',
    aliases: ['tỷ lệ', 'tỉ lệ', 'tỉ lệ (%)', 'tỷ lệ %', '%', 'percentage', 'rate'],
    input: true,
    width: 9,
  },
  { field: 'count', vi: 'Số lượng', en: 'Count', aliases: ['số lần', 'số vụ', 'number'], input: true, width: 9 },
  {
    field: 'notApplicable',
    vi: 'Không áp dụng',
    en: 'Not applicable',
    aliases: ['không áp dụng (x)', 'kad', 'n/a', 'na', 'not applicable (x)'],
    input: true,
    width: 10,
  },
  {
    field: 'evidence',
    vi: 'Tài liệu kiểm chứng',
    en: 'Evidence',
    aliases: ['tài liệu', 'văn bản kiểm chứng', 'evidence reference'],
    input: true,
    width: 32,
  },
  {
    field: 'explanation',
    vi: 'Giải trình',
    en: 'Explanation',
    aliases: ['thuyết minh', 'explanation of missing evidence'],
    input: true,
    width: 28,
  },
  { field: 'note', vi: 'Ghi chú', en: 'Note', aliases: ['notes', 'remark', 'remarks'], input: true, width: 20 },
];

/** The agency column of the long CSV form (one row per agency × item). */
export const AGENCY_COLUMN: ColumnDef = {
  field: 'agency',
  vi: 'Mã cơ quan',
  en: 'Agency code',
  aliases: ['mã đơn vị', 'cơ quan', 'đơn vị', 'agency'],
  input: true,
  width: 12,
};

/** Columns of the long CSV form, in order. */
export const CSV_COLUMNS: readonly ColumnDef[] = [
  AGENCY_COLUMN,
  ...SCORING_COLUMNS.filter((c) => c.field === 'code' || c.input),
];

/** The header text of a column in a language. */
export function columnHeader(c: ColumnDef, lang: Lang): string {
  return c[lang];
}

/** Words accepted for yes / no / "not applicable" marks (compared by `looseKey`). */
export const YES_WORDS = ['có', 'co', 'yes', 'y', 'x', 'true', '1', 'đạt', 'dat', '✓', 'v'];
export const NO_WORDS = ['không', 'khong', 'no', 'n', 'false', '0', 'không đạt', 'khong dat'];
/** What the template's drop-down offers, per language. */
export const YES_NO_LABELS = { vi: ['Có', 'Không'], en: ['Yes', 'No'] } as const;
export const NOT_APPLICABLE_MARK = 'x';

/** Every header word's key and the column it names (the first column to claim a key keeps it). */
const headerIndex: ReadonlyMap<string, ColumnField> = (() => {
  const index = new Map<string, ColumnField>();
  for (const c of [AGENCY_COLUMN, ...SCORING_COLUMNS]) {
    for (const w of [c.vi, c.en, ...c.aliases]) {
      const k = looseKey(w);
      if (!index.has(k)) index.set(k, c.field);
    }
  }
  return index;
})();

/** The column a header cell names, if any; the template's own headers are looked up as written. */
export const columnOfHeader: (text: string) => ColumnField | undefined = withKnownInputs(
  [AGENCY_COLUMN, ...SCORING_COLUMNS].flatMap((c) => [c.vi, c.en]),
  (text) => headerIndex.get(looseKey(text)),
);

/** Every information label's key and the field it names. */
const infoIndex: ReadonlyMap<string, InfoField> = new Map(
  INFO_FIELDS.flatMap((f) => [f.vi, f.en, ...f.aliases].map((w) => [looseKey(w), f.field] as const)),
);

/** The information field a label names, if any; the template's own labels are looked up as written. */
export const infoFieldOfLabel: (text: string) => InfoField | undefined = withKnownInputs(
  INFO_FIELDS.flatMap((f) => [f.vi, f.en]),
  (text) => infoIndex.get(looseKey(text).replace(/:$/, '').trim()),
);

/** Template-only columns: shown to the agency, never read back. */
export type TemplateField = ColumnField | 'computed';
export interface TemplateColumn extends Omit<ColumnDef, 'field'> {
  field: TemplateField;
}

/** The points the template computes from the inputs by the item's rule (a formula, not an input). */
export const COMPUTED_COLUMN: TemplateColumn = {
  field: 'computed',
  vi: 'Điểm tính theo cách chấm',
  en: 'Points by the rule',
  aliases: [],
  input: false,
  width: 11,
};
