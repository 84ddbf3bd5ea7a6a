/** Building broken and crafted workbooks in tests: core/zip's reader, the test writer, and a rewrite. */
import { readZip as unzip } from '../../src/core/zip.js';
import { writeZip as zip, type ZipPart } from './zip-write.mjs';

export { unzip, zip, type ZipPart };

/** Replaces (or adds) parts of a zip. */
export function rezip(buf: Buffer, change: (parts: ZipPart[]) => ZipPart[], opts: { zip64?: boolean } = {}): Buffer {
  return zip(change(unzip(buf)), opts);
}
