/** Building broken and crafted workbooks in tests: core/zip's reader and writer, and a rewrite. */
import { readZip as unzip, writeZip as zip, type ZipPart } from '../../src/core/zip.js';

export { unzip, zip, type ZipPart };

/** Replaces (or adds) parts of a zip. */
export function rezip(buf: Buffer, change: (parts: ZipPart[]) => ZipPart[]): Buffer {
  return zip(change(unzip(buf)));
}
