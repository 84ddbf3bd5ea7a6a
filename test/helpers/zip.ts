/** A small zip reader and writer for building broken and crafted workbooks in tests. */
import { inflateRawSync } from 'node:zlib';
import { writeZip as zip, type ZipPart } from '../../src/core/zip.js';
import { listZipEntries } from '../../src/load/zip-guard.js';

export { zip, type ZipPart };

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

/** Replaces (or adds) parts of a zip. */
export function rezip(buf: Buffer, change: (parts: ZipPart[]) => ZipPart[]): Buffer {
  return zip(change(unzip(buf)));
}
