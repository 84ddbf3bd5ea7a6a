/**
 * Safe output: every file is written to a temporary name in the target folder and renamed
 * into place, so an interrupted run leaves the old file or none, never half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files being written now; removed if the process is stopped (see `removeTempFiles`). */
const pending = new Set<string>();

function tempPath(target: string): string {
  const p = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(p);
  return p;
}

/**
 * Removes every temporary file still being written. The CLI calls it when it is stopped
 * (Ctrl-C, SIGTERM), so an interrupted run leaves the old file or none, and no stray temp file.
 */
export function removeTempFiles(): void {
  for (const p of pending) rmSync(p, { force: true });
  pending.clear();
}

/**
 * Writes `data` to `target` atomically (temp file, fsync, rename). `data` may be pieces of text,
 * written as they come (in writes of about a megabyte), so a large document is never one string.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  try {
    const fh = await open(tmp, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
      else {
        // Pieces are encoded into one reused 1 MiB buffer: no large string is ever built.
        const buf = Buffer.allocUnsafe(1 << 20);
        let used = 0;
        for (const piece of data) {
          const n = Buffer.byteLength(piece);
          if (used + n > buf.length) {
            if (used > 0) await fh.write(buf, 0, used);
            used = 0;
            if (n > buf.length) {
              await fh.write(piece);
              continue;
            }
          }
          used += buf.write(piece, used);
        }
        if (used > 0) await fh.write(buf, 0, used);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}

/** Synchronous twin of `writeFileAtomic`, for small files. */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}

/**
 * Writes through a callback that fills a temporary path (for libraries that write files
 * themselves, such as exceljs), then renames it into place.
 */
export async function writeViaTemp(target: string, fill: (tmpPath: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  try {
    await fill(tmp);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}
