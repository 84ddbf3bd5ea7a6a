/** What to tell people when an output cannot be written: what happened and what to do, never "a bug". */
import type { WriteError } from '../core/fs.js';
import type { Bilingual } from '../findings/errors.js';

/** The message for a failed write. The old file, if any, is kept and no temporary file is left. */
export function writeFailureText(e: WriteError): Bilingual {
  const f = e.target;
  const kept = { vi: 'Tệp cũ (nếu có) được giữ nguyên.', en: 'The old file, if any, is kept.' };
  switch (e.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        vi:
          `Không ghi được ${f}: ổ đĩa đã đầy (${e.code}). Giải phóng dung lượng hoặc ghi vào ổ khác, rồi chạy ` +
          `lại. ${kept.vi}`,
        en:
          `Cannot write ${f}: the disk is full (${e.code}). Free some space or write to another disk, then ` +
          `run again. ${kept.en}`,
      };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        vi:
          `Không ghi được ${f}: không có quyền ghi vào thư mục này hoặc thư mục chỉ đọc (${e.code}). Chọn thư ` +
          `mục khác bằng --out, hoặc cấp quyền ghi. ${kept.vi}`,
        en:
          `Cannot write ${f}: no permission to write there, or the folder is read-only (${e.code}). Choose ` +
          `another folder with --out, or get write permission. ${kept.en}`,
      };
    case 'EISDIR':
      return {
        vi: `Không ghi được ${f}: đó là một thư mục (${e.code}). Cho tên tệp, ví dụ ${f}/ket-qua.json.`,
        en: `Cannot write ${f}: it is a folder (${e.code}). Give a file name, for example ${f}/result.json.`,
      };
    case 'ENOTDIR':
      return {
        vi: `Không ghi được ${f}: một phần của đường dẫn là tệp, không phải thư mục (${e.code}). Kiểm tra đường dẫn.`,
        en: `Cannot write ${f}: part of the path is a file, not a folder (${e.code}). Check the path.`,
      };
    default:
      return {
        vi: `Không ghi được ${f} (${e.code}). Kiểm tra đường dẫn và ổ đĩa, rồi chạy lại. ${kept.vi}`,
        en: `Cannot write ${f} (${e.code}). Check the path and the disk, then run again. ${kept.en}`,
      };
  }
}
