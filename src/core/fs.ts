/**
 * Safe output: every file is written to a temporary name in the target folder and renamed
 * into place, so an interrupted run leaves the old file or none, never half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A file could not be written: the disk is full, the folder is read-only, the target is a
 * folder… The old file is kept and the temporary one removed; the CLI says what happened and
 * what to do (it is not a bug). `code` is the system's (ENOSPC, EACCES, EISDIR…).
 */
export class WriteError extends Error {
  constructor(
    readonly target: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write ${target} (${code})`, options);
    this.name = 'WriteError';
  }
}

/** `e` as a WriteError for `target` when it is a system error; anything else (a bug) as it is. */
function writeFailure(e: unknown, target: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return e instanceof WriteError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)
    ? e
    : new WriteError(target, code, { cause: e });
}

/** Temporary files being written now; removed if the process is stopped (see `removeTempFiles`). */
const pending = new Set<string>();

/** Told when the first temporary file appears (true) and when the last is gone (false). */
let watcher: ((writing: boolean) => void) | undefined;

/**
 * Calls `watch(true)` whenever a temporary file starts being written while none was, and
 * `watch(false)` when the last one is renamed or removed. The CLI handles stop signals only
 * then (to remove the files); the rest of the time a signal stops the process at once, even in
 * the middle of a long synchronous step, where a handler would wait for the step to end.
 */
export function watchTempFiles(watch: ((writing: boolean) => void) | undefined): void {
  watcher = watch;
}

function tempPath(target: string): string {
  const p = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(p);
  if (pending.size === 1) watcher?.(true);
  return p;
}

function done(tmp: string): void {
  if (pending.delete(tmp) && pending.size === 0) watcher?.(false);
}

/**
 * Removes every temporary file still being written. The CLI calls it when it is stopped
 * (Ctrl-C, SIGTERM), so an interrupted run leaves the old file or none, and no stray temp file.
 */
export function removeTempFiles(): void {
  for (const p of pending) rmSync(p, { force: true });
  pending.clear();
  watcher?.(false);
}

/**
 * Writes `data` to `target` atomically (temp file, fsync, rename). `data` may be pieces of text,
 * written as they come (in writes of about a megabyte), so a large document is never one string.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  try {
    await writeAtomic(target, data);
  } catch (e) {
    throw writeFailure(e, target);
  }
}

async function writeAtomic(target: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
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
    done(tmp);
  }
}

/** Synchronous twin of `writeFileAtomic`, for small files. */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  let tmp: string | undefined;
  try {
    mkdirSync(dirname(target), { recursive: true });
    tmp = tempPath(target);
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (e) {
    if (tmp) rmSync(tmp, { force: true });
    throw writeFailure(e, target);
  } finally {
    if (tmp) done(tmp);
  }
}

/**
 * Writes through a callback that fills a temporary path (for libraries that write files
 * themselves, such as exceljs), then renames it into place.
 */
export async function writeViaTemp(target: string, fill: (tmpPath: string) => Promise<void>): Promise<void> {
  let tmp: string | undefined;
  try {
    await mkdir(dirname(target), { recursive: true });
    tmp = tempPath(target);
    await fill(tmp);
    await rename(tmp, target);
  } catch (e) {
    if (tmp) await rm(tmp, { force: true });
    throw writeFailure(e, target);
  } finally {
    if (tmp) done(tmp);
  }
}

/**
 * Several files as one output (a workbook per group and their index): each is filled into its
 * temporary path in turn, and only when every one is complete are they renamed into place, in the
 * order given. A failure part way removes every temporary file and renames none, so a stopped or
 * failed run leaves the old set or nothing new, never some groups written and others missing.
 */
export async function writeAllViaTemp(
  files: readonly { target: string; fill: (tmpPath: string) => Promise<void> }[],
): Promise<void> {
  const tmps: { target: string; tmp: string }[] = [];
  let target = files[0]?.target ?? '';
  try {
    for (const f of files) {
      target = f.target;
      await mkdir(dirname(f.target), { recursive: true });
      const tmp = tempPath(f.target);
      tmps.push({ target: f.target, tmp });
      await f.fill(tmp);
    }
    for (const t of tmps) {
      target = t.target;
      await rename(t.tmp, t.target);
      done(t.tmp);
    }
  } catch (e) {
    for (const t of tmps) await rm(t.tmp, { force: true });
    throw writeFailure(e, target);
  } finally {
    for (const t of tmps) done(t.tmp);
  }
}
