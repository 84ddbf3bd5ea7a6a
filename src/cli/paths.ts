/** Paths named on the command line: one that does not exist cannot be run on (exit 2), said in words. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../findings/errors.js';

/** Throws `InputError` (exit 2) for the first path that does not exist (relative paths from `cwd`). */
export function requireExisting(paths: readonly string[], cwd?: string): void {
  for (const p of paths)
    if (!existsSync(cwd === undefined ? p : resolve(cwd, p)))
      throw new InputError({
        vi: `${p}: không tìm thấy tệp hoặc thư mục. Kiểm tra tên và đường dẫn.`,
        en: `${p}: no such file or folder. Check the name and the path.`,
      });
}
