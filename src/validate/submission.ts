/**
 * A submission: one agency's self-scoring, read from a workbook or CSV and mapped onto a
 * criteria set. This is what intake produces and what scoring consumes.
 */
import type { Rational } from '../core/rational.js';

/** Where a value sits in its file. */
export interface CellLocation {
  sheet?: string;
  /** 1-based row. */
  row?: number;
  /** 1-based column. */
  column?: number;
  /** A1 address. */
  cell?: string;
}

/** The input cells an item may have (defined with the template's columns). */
export type { InputField } from '../intake/columns.js';
import type { InputField } from '../intake/columns.js';

/** One item as the agency filled it in. Values are already parsed; bad values are findings, not here. */
export interface ItemInput {
  code: string;
  /** The agency marked the item "not applicable" (không áp dụng). */
  notApplicable: boolean;
  /** Points the agency wrote: the input of a `points` rule, or its own self-score for other rules. */
  points?: Rational;
  /** Option id of a `choice` rule. */
  option?: string;
  /** Answer of a `boolean` rule. */
  yes?: boolean;
  /** Numerator and denominator of a `bands` rule with `input: ratio`. */
  numerator?: Rational;
  denominator?: Rational;
  /** Percentage (0–100) of a `bands` rule with `input: percent`. */
  percent?: Rational;
  /** Count of a `deduction` or `count` rule. */
  count?: number;
  /** Evidence reference (tài liệu kiểm chứng). */
  evidence?: string;
  /** Explanation (giải trình), e.g. for missing evidence. */
  explanation?: string;
  note?: string;
  /** Inputs whose value is a formula's cached result (a subtotal computed by the spreadsheet). */
  formulas?: InputField[];
  /** Inputs present but unreadable (each already a finding): the row is not blank. */
  unreadable?: InputField[];
  /** Where each input was read from. */
  cells: Partial<Record<InputField, CellLocation>>;
  /** The row's maximum and title as the file has them (locked cells of a template), to compare with the set. */
  locked?: { max?: { value?: Rational; text: string; at: CellLocation }; title?: { text: string; at: CellLocation } };
  /** Row of the item in its sheet or file. */
  location: CellLocation;
}

/** One agency's file, mapped. */
export interface Submission {
  /** Path as shown to users. */
  file: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  format: 'xlsx' | 'csv';
  /** Agency code and name as written in the file (cleaned, NFC). */
  agency?: { code: string; name?: string };
  year?: number;
  /** `id@version` the file says it was made for. */
  criteria?: string;
  /** Items in file order; a duplicated code keeps its first row (the duplicate is a finding). */
  items: ItemInput[];
}
