/**
 * Every input limit in one place. Files from hundreds of offices may be broken, huge or crafted;
 * past a limit parindex refuses the file with a finding that names the limit and the flag that
 * raises it, before the work that could exhaust memory or time. The CLI builds the limits from
 * its global flags and passes them down with every read (load/open.ts `ReadOptions`); nothing
 * holds them process-wide.
 */

export interface Limits {
  /** Largest file read whole (workbooks, CSV submissions, rosters, tables), in bytes. */
  fileBytes: number;
  /** Largest total size of a workbook's parts once unzipped, in bytes (zip bombs). */
  uncompressedBytes: number;
  /** Most entries in a workbook's zip archive. */
  zipEntries: number;
  /** Most rows in one sheet or CSV file. */
  rows: number;
  /** Most cells in one workbook or CSV file. */
  cells: number;
  /** Longest text in one cell, in characters (Excel's own limit is 32,767). */
  stringLength: number;
  /**
   * Most cells a workbook's sheets declare beyond their values, which a reader would make one by
   * one: the cells of merged ranges and the columns of column ranges, for every sheet listing the part.
   */
  declaredCells: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  fileBytes: 50 * MiB,
  uncompressedBytes: 100 * MiB,
  zipEntries: 5_000,
  rows: 200_000,
  cells: 3_000_000,
  stringLength: 32_767,
  declaredCells: 1_000_000,
});

export type LimitName = keyof Limits;

/** The flag that raises each limit, the unit its value is given in, and its help text. */
export const LIMIT_FLAGS: Readonly<Record<LimitName, { flag: string; unit: 'MB' | 'count' | 'chars'; help: string }>> =
  Object.freeze({
    fileBytes: { flag: '--max-file-size', unit: 'MB', help: 'giới hạn dung lượng tệp / largest input file' },
    uncompressedBytes: {
      flag: '--max-uncompressed',
      unit: 'MB',
      help: 'giới hạn dung lượng giải nén của bảng tính / largest unzipped workbook',
    },
    zipEntries: { flag: '--max-entries', unit: 'count', help: 'số mục tối đa trong tệp nén / most zip entries' },
    rows: { flag: '--max-rows', unit: 'count', help: 'số dòng tối đa mỗi trang / most rows per sheet' },
    cells: { flag: '--max-cells', unit: 'count', help: 'số ô tối đa mỗi tệp / most cells per file' },
    stringLength: { flag: '--max-string', unit: 'chars', help: 'số ký tự tối đa mỗi ô / longest cell text' },
    declaredCells: {
      flag: '--max-declared-cells',
      unit: 'count',
      help: 'số ô gộp và cột khai báo tối đa mỗi tệp / most merged cells and declared columns per workbook',
    },
  });

/** A flag value ("80" MB, "500000") as a limit value; undefined when it is not a positive number. */
export function parseLimit(name: LimitName, text: string): number | undefined {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return LIMIT_FLAGS[name].unit === 'MB' ? Math.round(n * MiB) : Math.floor(n);
}

/** A limit value as people read it: "50 MB", "200000". */
export function showLimit(name: LimitName, value: number): string {
  return LIMIT_FLAGS[name].unit === 'MB' ? `${Math.round((value / MiB) * 10) / 10} MB` : String(value);
}
