/**
 * Zip post-processing for deterministic output. exceljs (through JSZip and archiver) stamps
 * every entry with the current time, so the same workbook written twice differs in bytes.
 * `fixZipTimestamps` rewrites those stamps to one given date, walking the central directory
 * (which also finds entries written with data descriptors). Writing archives from parts, which
 * only the tests and the benchmark do, is in test/helpers/zip-write.mjs.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
/** A 16- or 32-bit field holding this says "see the zip64 record" (APPNOTE 4.4.1.4). */
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** DOS time and date fields for a date (local fields, taken from the UTC parts for stability). */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  const day = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  return { time, day };
}

/** Offset of the end-of-central-directory record (in the last 22 + 65535 bytes), or -1. */
function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

/** One entry of an archive's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
  /** Offset of the central directory record. */
  central: number;
}

/**
 * The central directory's entries; undefined when the archive has none that can be read. `buf`
 * may be the archive's end only, starting at offset `base` of the archive (offsets stay absolute).
 */
export function listZipEntries(buf: Buffer, base = 0): ZipEntry[] | undefined {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return undefined;
  let count = buf.readUInt16LE(eocd + 10);
  let start = buf.readUInt32LE(eocd + 16);
  // A zip64 archive (large, or written by a tool that always writes zip64) keeps the true count
  // and offset in the zip64 end record, which the locator just before the end record points at.
  if (count === MAX16 || start === MAX32) {
    const z = zip64End(buf, eocd, base);
    if (z) ({ count, start } = z);
  }
  let p = start - base;
  if (p < 0) return undefined;
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) return undefined;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > buf.length) return undefined;
    const entry: ZipEntry = {
      name: buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      central: base + p,
    };
    if (entry.size === MAX32 || entry.compressedSize === MAX32 || entry.offset === MAX32) {
      if (!readZip64Extra(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), entry)) return undefined;
    }
    out.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The entry count and central directory offset from the zip64 end record; undefined when there is none. */
function zip64End(buf: Buffer, eocd: number, base: number): { count: number; start: number } | undefined {
  const loc = eocd - 20;
  if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) return undefined;
  const at = Number(buf.readBigUInt64LE(loc + 8)) - base;
  if (at < 0 || at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD_SIG) return undefined;
  const count = buf.readBigUInt64LE(at + 32);
  const start = buf.readBigUInt64LE(at + 48);
  // Counts and offsets past 2^53 cannot be in a buffer; such a record is damaged.
  if (count > BigInt(Number.MAX_SAFE_INTEGER) || start > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { count: Number(count), start: Number(start) };
}

/**
 * Fills the fields of `e` that hold 0xFFFFFFFF from the zip64 extended information extra field
 * (id 1): the sizes and offset in that order, each present only when its field says so. False
 * when a field says so and the extra field does not give it.
 */
function readZip64Extra(extra: Buffer, e: ZipEntry): boolean {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const end = Math.min(q + 4 + len, extra.length);
      const next = (): number | undefined => {
        if (r + 8 > end) return undefined;
        const v = extra.readBigUInt64LE(r);
        r += 8;
        return v > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(v);
      };
      for (const key of ['size', 'compressedSize', 'offset'] as const) {
        if (e[key] !== MAX32) continue;
        const v = next();
        if (v === undefined) return false;
        e[key] = v;
      }
      return true;
    }
    q += 4 + len;
  }
  return false;
}

/** An entry's stored (compressed) bytes. */
export function zipEntryData(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.offset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG) throw new Error(`bad local header for ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Every entry of an archive, inflated without limits: for archives this program or its tests made
 * (the benchmark, crafted test files). Input from users goes through the zip guard instead.
 */
export function readZip(buf: Buffer): { name: string; data: Buffer }[] {
  const entries = listZipEntries(buf);
  if (!entries) throw new Error('not a zip archive');
  return entries.map((e) => {
    const raw = zipEntryData(buf, e);
    return { name: e.name, data: e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw) };
  });
}

/**
 * Sets every entry's modification time to `date`, in place, and returns the buffer. A buffer
 * that is not a well-formed zip is returned unchanged (the caller wrote it; this is not input).
 */
export function fixZipTimestamps(buf: Buffer, date: Date): Buffer {
  const stamp = dosStamp(date);
  for (const e of listZipEntries(buf) ?? []) {
    stamp.copy(buf, e.central + 12);
    if (e.offset + 30 <= buf.length && buf.readUInt32LE(e.offset) === LOC_SIG) stamp.copy(buf, e.offset + 10);
  }
  return buf;
}

/** The four bytes of an entry's modification time and date (central record +12, local header +10). */
function dosStamp(date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  const stamp = Buffer.alloc(4);
  stamp.writeUInt16LE(time, 0);
  stamp.writeUInt16LE(day, 2);
  return stamp;
}

/**
 * `fixZipTimestamps` on an archive file, in place: reads the central directory from the file's
 * end and each local header, and writes only the date fields. Same bytes as the in-memory one.
 */
export function fixZipTimestampsInFile(path: string, date: Date): void {
  const stamp = dosStamp(date);
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    // The end record is in the last 22 + 65535 bytes; the central directory just before it.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    const eocd = findEndOfCentralDirectory(tail);
    if (eocd < 0) return;
    const start = tail.readUInt32LE(eocd + 16);
    if (start > size) return;
    const end = Buffer.alloc(size - start);
    readSync(fd, end, 0, end.length, start);
    const entries = listZipEntries(end, start);
    if (!entries) return;
    const local = Buffer.alloc(4);
    for (const e of entries) {
      writeSync(fd, stamp, 0, 4, e.central + 12);
      if (e.offset + 30 <= size && readSync(fd, local, 0, 4, e.offset) === 4 && local.readUInt32LE(0) === LOC_SIG)
        writeSync(fd, stamp, 0, 4, e.offset + 10);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The archive with some entries' contents replaced (deflated anew); every other entry is copied as
 * it is stored. For a workbook this program wrote and then corrects (the annotated copy keeps the
 * source's sheet protection): not for input from users, which goes through the zip guard.
 */
export function replaceZipEntries(buf: Buffer, replace: ReadonlyMap<string, Buffer>): Buffer {
  const entries = listZipEntries(buf);
  if (!entries) throw new Error('not a zip archive');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const cen = buf.subarray(e.central, e.central + 46);
    const name = Buffer.from(e.name, 'utf8');
    const fresh = replace.get(e.name);
    const data = fresh === undefined ? zipEntryData(buf, e) : e.method === 0 ? fresh : deflateRawSync(fresh);
    const crc = fresh === undefined ? cen.readUInt32LE(16) : crc32(fresh);
    const size = fresh === undefined ? e.size : fresh.length;
    // Sizes and CRC go in the local header (no data descriptor: bit 3 of the flags is cleared).
    const flags = cen.readUInt16LE(8) & ~0x0008;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOC_SIG, 0);
    local.writeUInt16LE(cen.readUInt16LE(6), 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    cen.copy(local, 10, 12, 16);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    cen.copy(central, 0, 0, 46);
    central.writeUInt16LE(flags, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
