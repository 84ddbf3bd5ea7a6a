/**
 * Zip post-processing for deterministic output. exceljs (through JSZip and archiver) stamps
 * every entry with the current time, so the same workbook written twice differs in bytes.
 * `fixZipTimestamps` rewrites those stamps to one given date, walking the central directory
 * (which also finds entries written with data descriptors). `writeZip` builds an archive from
 * parts, for the benchmark's generated workbooks and the tests' crafted ones.
 */
import { crc32, deflateRawSync } from 'node:zlib';

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** DOS time and date fields for a date (local fields, taken from the UTC parts for stability). */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  const day = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  return { time, day };
}

/** Offset of the end-of-central-directory record (in the last 22 + 65535 bytes), or -1. */
export function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

/**
 * Sets every entry's modification time to `date`, in place, and returns the buffer. A buffer
 * that is not a well-formed zip is returned unchanged (the caller wrote it; this is not input).
 */
export function fixZipTimestamps(buf: Buffer, date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return buf;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries && p + 46 <= buf.length; n++) {
    if (buf.readUInt32LE(p) !== CEN_SIG) break;
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(day, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (local + 30 <= buf.length && buf.readUInt32LE(local) === LOC_SIG) {
      buf.writeUInt16LE(time, local + 10);
      buf.writeUInt16LE(day, local + 12);
    }
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

/** One part of an archive for `writeZip`. */
export interface ZipPart {
  name: string;
  data: Buffer;
  /** Already deflated bytes (data is then ignored for the payload). */
  deflated?: Buffer;
  /** Size written in the headers, when it should lie. */
  declaredSize?: number;
  crc?: number;
  store?: boolean;
}

/** A zip of the parts (deflated unless `store`), central directory and all. */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const payload = part.deflated ?? (part.store ? part.data : deflateRawSync(part.data));
    const method = part.deflated || !part.store ? 8 : 0;
    const size = part.declaredSize ?? part.data.length;
    const crc = part.crc ?? crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, payload);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt32LE(crc >>> 0, 16);
    cen.writeUInt32LE(payload.length, 20);
    cen.writeUInt32LE(size >>> 0, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, name);
    offset += 30 + name.length + payload.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

