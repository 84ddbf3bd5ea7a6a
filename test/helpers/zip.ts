/** A small zip reader and writer for building broken and crafted workbooks in tests. */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { listZipEntries } from '../../src/load/zip-guard.js';

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

/** Every entry of a zip, inflated. */
export function unzip(buf: Buffer): ZipPart[] {
  const entries = listZipEntries(buf);
  if (!entries) throw new Error('not a zip');
  return entries.map((e) => {
    const p = e.offset;
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const raw = buf.subarray(start, start + e.compressedSize);
    return { name: e.name, data: e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw) };
  });
}

/** A zip of the parts (deflated unless `store`), central directory and all. */
export function zip(parts: ZipPart[]): Buffer {
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

/** Replaces (or adds) parts of a zip. */
export function rezip(buf: Buffer, change: (parts: ZipPart[]) => ZipPart[]): Buffer {
  return zip(change(unzip(buf)));
}
