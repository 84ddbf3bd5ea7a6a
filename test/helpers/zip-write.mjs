/**
 * Writing a zip from parts, for the tests' crafted workbooks (broken, hostile, rezipped) and the
 * benchmark's generated ones (scripts/bench.mjs imports it too, so it is plain JavaScript). parindex
 * itself never writes an archive this way; exceljs writes its workbooks.
 */
import { Buffer } from 'node:buffer';
import { crc32, deflateRawSync } from 'node:zlib';

const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/**
 * A zip of the parts (deflated unless `store`), central directory and all. With `zip64`, every
 * size and offset is written the zip64 way (0xFFFFFFFF in the record, the value in the extended
 * information field, a zip64 end record), as some tools write every archive.
 * @param {import('./zip-write.d.mts').ZipPart[]} parts
 * @param {{ zip64?: boolean }} [opts]
 * @returns {Buffer}
 */
export function writeZip(parts, opts = {}) {
  const z64 = opts.zip64 === true;
  const locals = [];
  const central = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const payload = part.deflated ?? (part.store ? part.data : deflateRawSync(part.data));
    const method = part.deflated || !part.store ? 8 : 0;
    const size = part.declaredSize ?? part.data.length;
    const crc = part.crc ?? crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(z64 ? 45 : 20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(z64 ? MAX32 : payload.length, 18);
    local.writeUInt32LE(z64 ? MAX32 : size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const localExtra = z64 ? zip64Extra([size, payload.length]) : Buffer.alloc(0);
    local.writeUInt16LE(localExtra.length, 28);
    locals.push(local, name, localExtra, payload);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(z64 ? 45 : 20, 4);
    cen.writeUInt16LE(z64 ? 45 : 20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt32LE(crc >>> 0, 16);
    cen.writeUInt32LE(z64 ? MAX32 : payload.length, 20);
    cen.writeUInt32LE(z64 ? MAX32 : size >>> 0, 24);
    cen.writeUInt16LE(name.length, 28);
    const cenExtra = z64 ? zip64Extra([size, payload.length, offset]) : Buffer.alloc(0);
    cen.writeUInt16LE(cenExtra.length, 30);
    cen.writeUInt32LE(z64 ? MAX32 : offset, 42);
    central.push(cen, name, cenExtra);
    offset += 30 + name.length + localExtra.length + payload.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  if (!z64) return Buffer.concat([...locals, cd, end]);
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeUInt16LE(45, 12);
  rec.writeUInt16LE(45, 14);
  rec.writeBigUInt64LE(BigInt(parts.length), 24);
  rec.writeBigUInt64LE(BigInt(parts.length), 32);
  rec.writeBigUInt64LE(BigInt(cd.length), 40);
  rec.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  end.writeUInt16LE(MAX16, 8);
  end.writeUInt16LE(MAX16, 10);
  end.writeUInt32LE(MAX32, 16);
  return Buffer.concat([...locals, cd, rec, locator, end]);
}

/**
 * The zip64 extended information extra field holding `values` (8 bytes each).
 * @param {number[]} values
 * @returns {Buffer}
 */
function zip64Extra(values) {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}
