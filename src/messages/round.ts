/** Finding codes of the scoring round: the round file, roster, appraisal, survey points and scoring. */
import { num, quote, type Catalogue } from './types.js';

export interface RoundArgs {
  /** round.yaml does not match the round format. */
  ROUND_SHAPE: { path: string; message: string; messageVi: string };
  /** A key the round format does not know. */
  ROUND_UNKNOWN_KEY: { path: string; key: string };
  /** A path in round.yaml is absolute, leaves the round folder, or links outside it. */
  ROUND_PATH_ESCAPES: { path: string };
  /** A path in round.yaml does not exist. */
  ROUND_PATH_MISSING: { path: string };
}

export const roundMessages: Catalogue<RoundArgs> = {
  ROUND_SHAPE: {
    severity: 'error',
    example: { path: 'year', message: 'Invalid input: expected number, received string', messageVi: 'Đầu vào không hợp lệ: mong đợi số, nhận được string' },
    vi: (a) => `${a.path}: ${a.messageVi}. Sửa round.yaml theo mẫu của "parindex init".`,
    en: (a) => `${a.path}: ${a.message}. Fix round.yaml after the example that "parindex init" writes.`,
  },
  ROUND_UNKNOWN_KEY: {
    severity: 'error',
    example: { path: '(root)', key: 'submision' },
    vi: (a) => `${a.path}: khoá ${quote(a.key)} không có trong định dạng round.yaml. Sửa lỗi chính tả hoặc xoá khoá này.`,
    en: (a) => `${a.path}: key ${quote(a.key)} is not part of the round.yaml format. Fix the spelling or remove it.`,
  },
  ROUND_PATH_ESCAPES: {
    severity: 'error',
    example: { path: '../../etc/passwd' },
    vi: (a) => `Đường dẫn ${quote(a.path)} nằm ngoài thư mục kỳ đánh giá; mọi tệp phải nằm trong thư mục chứa round.yaml.`,
    en: (a) => `Path ${quote(a.path)} is outside the round folder; every file must be inside the folder that holds round.yaml.`,
  },
  ROUND_PATH_MISSING: {
    severity: 'error',
    example: { path: 'submissions/' },
    vi: (a) => `Không tìm thấy ${quote(a.path)} trong thư mục kỳ đánh giá.`,
    en: (a) => `${quote(a.path)} was not found in the round folder.`,
  },
};

export { num };
