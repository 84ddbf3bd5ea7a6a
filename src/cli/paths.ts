/** Paths named on the command line: one that does not exist cannot be run on (exit 2), said in words. */
import { existsSync } from 'node:fs';
import { InputError } from '../findings/errors.js';

/** Throws `InputError` (exit 2) for the first path that does not exist. */
export function requireExisting(paths: readonly string[]): void {
  for (const p of paths)
    if (!existsSync(p))
      throw new InputError({
        vi: `${p}: không tìm thấy tệp hoặc thư mục. Kiểm tra tên và đường dẫn.`,
        en: `${p}: no such file or folder. Check the name and the path.`,
      });
}
