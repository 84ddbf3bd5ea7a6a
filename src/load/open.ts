/**
 * The first steps of every read, shared by the grid readers and the row streams: open the file,
 * sniff its kind from its bytes, and refuse what is not read (legacy, encrypted, damaged, not a
 * spreadsheet) with a finding. A workbook's zip is then guarded (`guardWorkbookZip`) before any
 * reader parses it. What a read may do is given by `ReadOptions`, passed down from the caller.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS, showLimit, type Limits } from '../core/limits.js';
import { finding, type Finding } from '../findings/finding.js';
import { sniffFile, type FileKind } from './sniff.js';

/** How a file is read: the limits it must keep, and which workbook reader parses plain xlsx. */
export interface ReadOptions {
  limits: Readonly<Limits>;
  /**
   * `lean`: the fast reader (xlsx-lean.ts) for the plain case, exceljs for the rest;
   * `exceljs`: exceljs always (the reference the lean reader is tested against).
   */
  reader: 'lean' | 'exceljs';
}

/** The defaults: every limit at its default, the lean reader. */
export const DEFAULT_READ_OPTIONS: Readonly<ReadOptions> = Object.freeze({ limits: DEFAULT_LIMITS, reader: 'lean' });

/** A file opened and sniffed as one parindex reads. */
export interface Opened {
  kind: 'xlsx' | 'csv';
  size: number;
  /** The whole file (`openWhole`), or its first 64 KiB (`openProbe`). */
  head: Buffer;
  /** SHA-256 of the whole file, when it was read whole. */
  sha256?: string;
}

/** An open that gave findings instead of a file (and the file's SHA-256 when its bytes were read). */
export interface Refused {
  findings: Finding[];
  sha256?: string;
}

/** Reads a whole file (a small table) after the file-size limit; findings instead when it cannot be read. */
export function openWhole(path: string, file: string, limits: Readonly<Limits>): Opened | Refused {
  const at = { file };
  let buf: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { findings: [finding('INTAKE_FILE_UNREADABLE', at, { reason: 'not a regular file' })] };
    if (st.size > limits.fileBytes) return { findings: [overSize(file, st.size, limits)] };
    buf = readFileSync(path);
  } catch (e) {
    return { findings: [unreadable(file, e)] };
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  return sniffed(buf, buf, buf.length, file, sha256);
}

const PROBE = 64 * 1024;

/**
 * Reads the first and last 64 KiB of a file (a large table is streamed after); findings instead when it cannot be read.
 */
export async function openProbe(path: string, file: string): Promise<Opened | Refused> {
  let head: Buffer;
  let tail: Buffer;
  let size: number;
  try {
    size = (await stat(path)).size;
    const fh = await open(path, 'r');
    try {
      head = Buffer.alloc(Math.min(PROBE, size));
      await fh.read(head, 0, head.length, 0);
      tail = Buffer.alloc(Math.min(PROBE, Math.max(0, size - head.length)));
      await fh.read(tail, 0, tail.length, size - tail.length);
    } finally {
      await fh.close();
    }
  } catch (e) {
    return { findings: [unreadable(file, e)] };
  }
  // A zip is told by its start and its end (the central directory).
  return sniffed(head, tail.length > 0 ? Buffer.concat([head, tail]) : head, size, file);
}

/** Whether an open gave findings instead of a file. */
export function isRefused(o: Opened | Refused): o is Refused {
  return (o as Refused).findings !== undefined;
}

function sniffed(head: Buffer, probe: Buffer, size: number, file: string, sha256?: string): Opened | Refused {
  const at = { file };
  const sha = sha256 !== undefined ? { sha256 } : {};
  if (size === 0) return { ...sha, findings: [finding('INTAKE_EMPTY_FILE', at, {})] };
  const kind = sniffFile(probe, file);
  const refused = refusedKind(kind, at);
  if (refused) return { ...sha, findings: [refused] };
  return { kind: kind.kind as 'xlsx' | 'csv', size, head, ...sha };
}

/** The finding for a file over the file-size limit. */
export function overSize(file: string, size: number, limits: Readonly<Limits>): Finding {
  return finding(
    'INTAKE_LIMIT_EXCEEDED',
    { file },
    { limit: 'fileBytes', found: showLimit('fileBytes', size), max: showLimit('fileBytes', limits.fileBytes) },
  );
}

function unreadable(file: string, e: unknown): Finding {
  return finding('INTAKE_FILE_UNREADABLE', { file }, { reason: unreadableReason(e as NodeJS.ErrnoException) });
}

/** Why a file cannot be opened, in words for a dangling or looping link (found in submissions folders). */
function unreadableReason(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return 'ENOENT: not found, or a link to a file that is not there';
  if (e.code === 'ELOOP') return 'ELOOP: a link that leads back to itself';
  return e.code ?? String(e);
}

/**
 * The finding for a file kind that is not read (legacy, encrypted, damaged, not a spreadsheet); undefined for xlsx and
 * csv.
 */
export function refusedKind(kind: FileKind, at: { file: string }): Finding | undefined {
  switch (kind.kind) {
    case 'legacy':
      return finding('INTAKE_LEGACY_FORMAT', at, { format: kind.format });
    case 'encrypted':
      return finding('INTAKE_ENCRYPTED', at, {});
    case 'corrupt':
      return finding('INTAKE_CORRUPT', at, { detail: kind.detail });
    case 'not-spreadsheet':
      return finding('INTAKE_NOT_SPREADSHEET', at, { detected: kind.detected });
    default:
      return undefined;
  }
}
