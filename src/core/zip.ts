/**
 * Zip post-processing for deterministic output. exceljs (through JSZip and archiver) stamps
 * every entry with the current time, so the same workbook written twice differs in bytes.
 * `fixZipTimestamps` rewrites those stamps to one given date, walking the central directory
 * (which also finds entries written with data descriptors).
 */

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
