/**
 * Finding codes of the appraisal loop (self-score → appraisal → explanation → appraisal again)
 * and of publication (publish, verify). Each sentence names the agency and the item it is about.
 */
import { quote, type Catalogue, type Lang } from './types.js';

export interface LoopArgs {
  /** A stage in round.yaml names both or neither of `appraisal` and `explanation`. */
  ROUND_STAGE_KIND: { index: number };
  /** round.yaml has both the `appraisal` list and `stages`. */
  ROUND_STAGES_AND_APPRAISAL: Record<string, never>;
  /** A row of an appraisal or explanation file is dated after its stage's deadline. */
  ROUND_STAGE_LATE: {
    stage: 'appraisal' | 'explanation';
    number: number;
    agency: string;
    item: string;
    date: string;
    deadline: string;
  };
  /** A date cell that cannot be read as a date. */
  ROUND_STAGE_BAD_DATE: { agency: string; item: string; value: string };
  /** An explanation names an agency that is not in the roster. */
  ROUND_EXPLANATION_UNKNOWN_AGENCY: { agency: string; item: string };
  /** An explanation names an item the agency's criteria set does not have. */
  ROUND_EXPLANATION_UNKNOWN_ITEM: { agency: string; item: string; set: string };
  /** An explanation answers an item no earlier appraisal round adjusted. */
  ROUND_EXPLANATION_NOT_ADJUSTED: { agency: string; item: string; round: number };
  /** The same agency and item twice in the explanations of one stage. */
  ROUND_EXPLANATION_DUPLICATE: { agency: string; item: string; firstRow: number; firstFile: string };
  /** The publication folder has no readable manifest. */
  PUBLISH_MANIFEST_BAD: { reason: string };
  /** A published output is missing or its bytes differ from the manifest. */
  PUBLISH_OUTPUT_CHANGED: { file: string; expected: string; found?: string };
  /** An input of the round differs from the one published (or is gone, or is new). */
  PUBLISH_INPUT_CHANGED: { file: string; role: string; expected?: string; found?: string };
  /** Rescoring the round's current files gives other bytes for a published output. */
  PUBLISH_RESCORE_DIFFERS: { file: string; expected: string; found: string };
}

const who = (a: { agency: string; item: string }, lang: Lang): string =>
  lang === 'vi' ? `Cơ quan ${a.agency}, tiêu chí ${a.item}` : `Agency ${a.agency}, item ${a.item}`;
const short = (sha: string | undefined): string => (sha ? sha.slice(0, 12) : '—');
const dmy = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;

export const loopMessages: Catalogue<LoopArgs> = {
  ROUND_STAGE_KIND: {
    severity: 'error',
    example: { index: 2 },
    vi: (a) =>
      `Bước ${a.index} trong stages phải có đúng một trong hai khoá appraisal (thẩm định) hoặc explanation (giải ` +
      `trình).`,
    en: (a) => `Stage ${a.index} in stages must have exactly one of appraisal or explanation.`,
  },
  ROUND_STAGES_AND_APPRAISAL: {
    severity: 'error',
    example: {},
    vi: () =>
      'round.yaml có cả appraisal và stages; khai báo các tệp thẩm định trong stages (theo thứ tự cùng các tệp ' +
      'giải trình) và bỏ appraisal.',
    en: () =>
      'round.yaml has both appraisal and stages; list the appraisal files under stages (in order with the ' +
      'explanation files) and remove appraisal.',
  },
  ROUND_STAGE_LATE: {
    severity: 'warning',
    example: {
      stage: 'explanation',
      number: 1,
      agency: 'SNV',
      item: '1.1.2',
      date: '2026-02-03',
      deadline: '2026-01-31',
    },
    vi: (a) =>
      `${who(a, 'vi')}: ` +
      `${a.stage === 'explanation' ? `giải trình sau thẩm định lần ${a.number}` : `thẩm định lần ${a.number}`} ` +
      `ghi ngày ${dmy(a.date)}, sau hạn ${dmy(a.deadline)} khai báo trong round.yaml; vẫn được ghi nhận, hội ` +
      `đồng quyết định có xem xét hay không.`,
    en: (a) =>
      `${who(a, 'en')}: the ` +
      `${a.stage === 'explanation' ? 'explanation after appraisal round' : 'appraisal round'} ${a.number} ` +
      `is dated ${a.date}, after the deadline ${a.deadline} in round.yaml; it is kept, and the council decides ` +
      `whether to consider it.`,
  },
  ROUND_STAGE_BAD_DATE: {
    severity: 'warning',
    example: { agency: 'SNV', item: '1.1.2', value: '31/02/2026' },
    vi: (a) => `${who(a, 'vi')}: ngày ${quote(a.value)} không đọc được; ghi ngày dạng 25/01/2026.`,
    en: (a) => `${who(a, 'en')}: the date ${quote(a.value)} cannot be read; write it as 2026-01-25 or 25/01/2026.`,
  },
  ROUND_EXPLANATION_UNKNOWN_AGENCY: {
    severity: 'error',
    example: { agency: 'SNV2', item: '1.1.2' },
    vi: (a) =>
      `${who(a, 'vi')}: mã cơ quan ${quote(a.agency)} không có trong danh sách cơ quan; dùng phiếu giải trình do ` +
      `parindex tạo cho cơ quan.`,
    en: (a) =>
      `${who(a, 'en')}: agency code ${quote(a.agency)} is not in the roster; use the explanation workbook parindex ` +
      `made for the agency.`,
  },
  ROUND_EXPLANATION_UNKNOWN_ITEM: {
    severity: 'error',
    example: { agency: 'SNV', item: '3.9.1', set: 'illustrative-internal@2025.1' },
    vi: (a) =>
      `${who(a, 'vi')}: mã tiêu chí ${quote(a.item)} không có trong bộ tiêu chí ${a.set}; không sửa cột mã trong ` +
      `phiếu giải trình.`,
    en: (a) =>
      `${who(a, 'en')}: item code ${quote(a.item)} is not in criteria set ${a.set}; do not edit the code column of ` +
      `the explanation workbook.`,
  },
  ROUND_EXPLANATION_NOT_ADJUSTED: {
    severity: 'warning',
    example: { agency: 'SNV', item: '1.1.1', round: 1 },
    vi: (a) =>
      `${who(a, 'vi')}: có giải trình nhưng ` +
      `${a.round > 1 ? `${a.round} lần thẩm định trước` : 'lần thẩm định trước'} không điều chỉnh điểm tiêu chí ` +
      `này; giải trình không được gắn vào tiêu chí. Chỉ giải trình các tiêu chí có trong phiếu giải trình.`,
    en: (a) =>
      `${who(a, 'en')}: an explanation was given but ` +
      `${a.round > 1 ? `the ${a.round} earlier appraisal rounds` : 'the earlier appraisal round'} did not adjust ` +
      `this item; it is not attached to the item. Explain only the items the explanation workbook lists.`,
  },
  ROUND_EXPLANATION_DUPLICATE: {
    severity: 'warning',
    example: { agency: 'SNV', item: '1.1.2', firstRow: 4, firstFile: 'giai-trinh/SNV.xlsx' },
    vi: (a) =>
      `${who(a, 'vi')}: đã có giải trình ở dòng ${a.firstRow} của ${a.firstFile} trong cùng bước; chỉ giữ giải ` +
      `trình đầu tiên.`,
    en: (a) =>
      `${who(a, 'en')}: already explained on row ${a.firstRow} of ${a.firstFile} in the same stage; only the first ` +
      `explanation is kept.`,
  },
  PUBLISH_MANIFEST_BAD: {
    severity: 'error',
    example: { reason: 'manifest.json not found' },
    vi: (a) =>
      `Không đọc được manifest.json của bản công khai (${a.reason}); chỉ kiểm tra được thư mục do "parindex ` +
      `publish" tạo.`,
    en: (a) =>
      `The publication's manifest.json cannot be read (${a.reason}); only a folder made by "parindex publish" can ` +
      `be verified.`,
  },
  PUBLISH_OUTPUT_CHANGED: {
    severity: 'error',
    example: { file: 'bao-cao.xlsx', expected: 'ab12cd34ef56aa', found: '0011223344556677' },
    vi: (a) =>
      a.found
        ? `Tệp công khai ${a.file} đã bị thay đổi sau khi công khai (SHA-256 ${short(a.found)}…, khi công khai ` +
          `${short(a.expected)}…).`
        : `Tệp công khai ${a.file} không còn trong thư mục.`,
    en: (a) =>
      a.found
        ? `Published file ${a.file} changed after publication (SHA-256 ${short(a.found)}…, published ` +
          `${short(a.expected)}…).`
        : `Published file ${a.file} is missing from the folder.`,
  },
  PUBLISH_INPUT_CHANGED: {
    severity: 'error',
    example: { file: 'appraisal/dot-2.xlsx', role: 'appraisal', expected: 'ab12cd34ef56aa', found: '0011223344556677' },
    vi: (a) =>
      a.expected && a.found
        ? `Tệp đầu vào ${a.file} (${a.role}) đã khác bản dùng khi công khai (SHA-256 ${short(a.found)}…, khi công ` +
          `khai ${short(a.expected)}…).`
        : a.expected
          ? `Tệp đầu vào ${a.file} (${a.role}) dùng khi công khai không còn trong kỳ đánh giá.`
          : `Tệp đầu vào ${a.file} (${a.role}) không có khi công khai; kỳ đánh giá nay dùng thêm tệp này.`,
    en: (a) =>
      a.expected && a.found
        ? `Input ${a.file} (${a.role}) differs from the one published (SHA-256 ${short(a.found)}…, published ` +
          `${short(a.expected)}…).`
        : a.expected
          ? `Input ${a.file} (${a.role}) used for the publication is no longer in the round.`
          : `Input ${a.file} (${a.role}) was not in the publication; the round now uses it too.`,
  },
  PUBLISH_RESCORE_DIFFERS: {
    severity: 'error',
    example: { file: 'ket-qua.json', expected: 'ab12cd34ef56aa', found: '0011223344556677' },
    vi: (a) =>
      `Chấm lại kỳ đánh giá với các tệp hiện có cho ${a.file} khác bản đã công khai (SHA-256 ${short(a.found)}…, ` +
      `khi công khai ${short(a.expected)}…); điểm hoặc báo cáo đã thay đổi.`,
    en: (a) =>
      `Rescoring the round from its current files gives another ${a.file} than the one published (SHA-256 ` +
      `${short(a.found)}…, published ${short(a.expected)}…); scores or reports changed.`,
  },
};
