/** One part of an archive for `writeZip` (see zip-write.mjs). */
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

/** A zip of the parts (deflated unless `store`), central directory and all; with `zip64`, written the zip64 way. */
export function writeZip(parts: ZipPart[], opts?: { zip64?: boolean }): Buffer;
