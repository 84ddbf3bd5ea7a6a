/**
 * Looks inside a workbook's zip before any spreadsheet library does: the central directory gives
 * the entries; each XML part is inflated here with a hard output cap (declared sizes can lie), so
 * a zip bomb is refused after at most the allowed number of bytes, never after gigabytes. The same
 * pass refuses entry paths that climb out ("../"), XML with a DTD (external entities, "billion
 * laughs"), and sheets with more rows or cells than the limits, and notes macros and external
 * links, which are never run or followed: only cell values are read.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { showLimit, type Limits } from '../core/limits.js';
import { listZipEntries, zipEntryData, type ZipEntry } from '../core/zip.js';
import { finding, type Finding } from '../findings/finding.js';

class TooLarge extends Error {}

/** Parts up to this size are inflated in one call. */
const SYNC_MAX = 8 * 1024 * 1024;

/**
 * Streams an entry through inflate, handing each piece to `onChunk` and keeping none, and stops
 * as soon as more than `max` bytes came out (throws TooLarge). Returns the number of bytes.
 */
async function scanZipEntry(
  buf: Buffer,
  e: ZipEntry,
  max: number,
  onChunk: (chunk: Buffer) => void,
  onWhole?: (part: Buffer) => void,
): Promise<number> {
  const data = zipEntryData(buf, e);
  if (e.method === 0) {
    if (data.length > max) throw new TooLarge();
    onWhole?.(data);
    onChunk(data);
    return data.length;
  }
  if (e.method !== 8) throw new Error(`compression method ${e.method} of ${e.name}`);
  // The usual case, a small part whose header tells the truth: one synchronous inflate, capped at
  // the declared size. A part that turns out bigger than declared is scanned as a stream below.
  if (e.size <= SYNC_MAX && e.size <= max) {
    try {
      const out = inflateRawSync(data, { maxOutputLength: e.size + 1 });
      if (out.length <= e.size) {
        onWhole?.(out);
        onChunk(out);
        return out.length;
      }
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  let total = 0;
  const done = new Promise<number>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) {
        inflate.destroy(new TooLarge());
        return;
      }
      onChunk(chunk);
    });
    inflate.on('error', reject);
    inflate.on('end', () => resolve(total));
  });
  inflate.end(data);
  return done;
}

/**
 * Counts the rows ("<row") and cells ("<c " or "<c>") that start in `buf` and end past its first
 * `carried` bytes (those were counted with the previous chunk). One pass over the bytes: a search
 * per tag would cost a call per match.
 */
export function countTags(buf: Uint8Array, carried = 0): { rows: number; cells: number } {
  let rows = 0;
  let cells = 0;
  const end = buf.length - 2;
  for (let i = 0; i < end; i++) {
    if (buf[i] !== 0x3c /* < */) continue;
    const a = buf[i + 1];
    if (a === 0x63 /* c */) {
      const b = buf[i + 2];
      if ((b === 0x20 || b === 0x3e) && i + 3 > carried) cells++;
    } else if (
      a === 0x72 /* r */ &&
      buf[i + 2] === 0x6f &&
      i + 3 < buf.length &&
      buf[i + 3] === 0x77 &&
      i + 4 > carried
    )
      rows++;
  }
  return { rows, cells };
}

const TAIL = 3;

/**
 * Checks a workbook zip against the limits. Returns findings; any of severity error means the
 * file must not be handed to the spreadsheet reader. With `keep`, the XML parts inflated in one
 * piece are kept there for the lean reader.
 */
export async function guardWorkbookZip(
  buf: Buffer,
  file: string,
  limits: Limits,
  keep?: Map<string, Buffer>,
): Promise<Finding[]> {
  const at = { file };
  const out: Finding[] = [];
  const entries = listZipEntries(buf);
  if (!entries) return [finding('INTAKE_CORRUPT', at, { detail: 'unreadable zip central directory' })];
  if (entries.length > limits.zipEntries)
    return [
      finding('INTAKE_LIMIT_EXCEEDED', at, {
        limit: 'zipEntries',
        found: String(entries.length),
        max: showLimit('zipEntries', limits.zipEntries),
      }),
    ];
  for (const e of entries) {
    const parts = e.name.split(/[\\/]/);
    if (e.name.startsWith('/') || /^[a-zA-Z]:/.test(e.name) || parts.includes('..'))
      return [finding('INTAKE_ZIP_UNSAFE_PATH', at, { entry: e.name.slice(0, 120) })];
  }
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limits.uncompressedBytes)
    return [
      finding('INTAKE_LIMIT_EXCEEDED', at, {
        limit: 'uncompressedBytes',
        found: showLimit('uncompressedBytes', declared),
        max: showLimit('uncompressedBytes', limits.uncompressedBytes),
      }),
    ];

  let budget = limits.uncompressedBytes;
  let cells = 0;
  for (const e of entries) {
    const lower = e.name.toLowerCase();
    if (lower.endsWith('vbaproject.bin') && !out.some((f) => f.code === 'INTAKE_MACROS_IGNORED'))
      out.push(finding('INTAKE_MACROS_IGNORED', at, {}));
    if (lower.startsWith('xl/externallinks/') && lower.endsWith('.xml'))
      out.push(finding('INTAKE_EXTERNAL_LINKS', at, { part: e.name }));
    if (!lower.endsWith('.xml') && !lower.endsWith('.rels')) continue;
    let head = Buffer.alloc(0);
    let tail = Buffer.alloc(0);
    let rows = 0;
    const isSheet = lower.startsWith('xl/worksheets/') && lower.endsWith('.xml');
    let size: number;
    try {
      size = await scanZipEntry(
        buf,
        e,
        budget,
        (chunk) => {
          if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
          if (!isSheet) return;
          // Count tags across chunk borders: the last bytes of the previous chunk go in front.
          const joined = tail.length ? Buffer.concat([tail, chunk]) : chunk;
          const n = countTags(joined, tail.length);
          rows += n.rows;
          cells += n.cells;
          tail = Buffer.from(joined.subarray(Math.max(0, joined.length - TAIL)));
        },
        keep ? (part) => keep.set(e.name, part) : undefined,
      );
    } catch (err) {
      if (err instanceof TooLarge)
        return [
          finding('INTAKE_LIMIT_EXCEEDED', at, {
            limit: 'uncompressedBytes',
            found: `> ${showLimit('uncompressedBytes', limits.uncompressedBytes)}`,
            max: showLimit('uncompressedBytes', limits.uncompressedBytes),
          }),
        ];
      return [
        finding('INTAKE_CORRUPT', at, {
          detail: `${e.name}: ${err instanceof Error ? err.message.slice(0, 120) : String(err)}`,
        }),
      ];
    }
    budget -= size;
    // A DTD may only come before the root element, so the start of the part tells.
    if (/<!DOCTYPE|<!ENTITY/i.test(head.toString('latin1'))) return [finding('INTAKE_XML_DTD', at, { part: e.name })];
    if (rows > limits.rows)
      return [
        finding('INTAKE_LIMIT_EXCEEDED', at, {
          limit: 'rows',
          found: String(rows),
          max: showLimit('rows', limits.rows),
        }),
      ];
    if (cells > limits.cells)
      return [
        finding('INTAKE_LIMIT_EXCEEDED', at, {
          limit: 'cells',
          found: `> ${limits.cells}`,
          max: showLimit('cells', limits.cells),
        }),
      ];
  }
  return out;
}
