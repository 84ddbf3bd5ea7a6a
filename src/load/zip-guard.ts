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
import { SheetScan, sheetReferences } from './declared-work.js';

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

/** Where the workbook lists its sheets, and the relationships that name their parts. */
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/**
 * Checks a workbook zip against the limits. Returns findings; any of severity error means the
 * file must not be handed to the spreadsheet reader. With `keep`, the XML parts inflated in one
 * piece are kept there for the lean reader. Every entry is inflated here under the cap (exceljs
 * inflates them all, pictures too), so no reader sees a byte this pass has not counted; what the
 * sheets declare is counted for every sheet that lists the part (see declared-work.ts).
 */
export async function guardWorkbookZip(
  buf: Buffer,
  file: string,
  limits: Limits,
  keep?: Map<string, Buffer>,
): Promise<Finding[]> {
  const at = { file };
  const out: Finding[] = [];
  const listed = listZipEntries(buf);
  if (!listed) return [finding('INTAKE_CORRUPT', at, { detail: 'unreadable zip central directory' })];
  if (listed.length > limits.zipEntries)
    return [
      finding('INTAKE_LIMIT_EXCEEDED', at, {
        limit: 'zipEntries',
        found: String(listed.length),
        max: showLimit('zipEntries', limits.zipEntries),
      }),
    ];
  for (const e of listed) {
    const parts = e.name.split(/[\\/]/);
    if (e.name.startsWith('/') || /^[a-zA-Z]:/.test(e.name) || parts.includes('..'))
      return [finding('INTAKE_ZIP_UNSAFE_PATH', at, { entry: e.name.slice(0, 120) })];
  }
  const declared = listed.reduce((s, e) => s + e.size, 0);
  if (declared > limits.uncompressedBytes)
    return [
      finding('INTAKE_LIMIT_EXCEEDED', at, {
        limit: 'uncompressedBytes',
        found: showLimit('uncompressedBytes', declared),
        max: showLimit('uncompressedBytes', limits.uncompressedBytes),
      }),
    ];
  // The workbook and its relationships first: they say which parts are sheets, and how often.
  const first = (e: ZipEntry): number => (e.name === WORKBOOK ? 0 : e.name === WORKBOOK_RELS ? 1 : 2);
  const entries = [...listed].sort((a, b) => first(a) - first(b));

  let budget = limits.uncompressedBytes;
  let cells = 0;
  let work = 0;
  const listing: { workbook?: Buffer; rels?: Buffer } = {};
  let sheetRefs: Map<string, number> | undefined;
  for (const e of entries) {
    const lower = e.name.toLowerCase();
    if (lower.endsWith('vbaproject.bin') && !out.some((f) => f.code === 'INTAKE_MACROS_IGNORED'))
      out.push(finding('INTAKE_MACROS_IGNORED', at, {}));
    if (lower.startsWith('xl/externallinks/') && lower.endsWith('.xml'))
      out.push(finding('INTAKE_EXTERNAL_LINKS', at, { part: e.name }));
    // A folder entry holds nothing to inflate.
    if (e.compressedSize === 0 && e.size === 0) continue;
    if (first(e) === 2 && !sheetRefs) sheetRefs = sheetReferences(listing.workbook, listing.rels);
    const isXml = lower.endsWith('.xml') || lower.endsWith('.rels');
    const refs = sheetRefs?.get(e.name) ?? 0;
    const isSheet = (lower.startsWith('xl/worksheets/') && lower.endsWith('.xml')) || refs > 0;
    const whole: Buffer[] | undefined = first(e) < 2 ? [] : undefined;
    let head = Buffer.alloc(0);
    const scan = isSheet ? new SheetScan() : undefined;
    let size: number;
    try {
      size = await scanZipEntry(
        buf,
        e,
        budget,
        (chunk) => {
          if (!isXml) return;
          if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
          whole?.push(chunk);
          scan?.scan(chunk);
        },
        keep && isXml ? (part) => keep.set(e.name, part) : undefined,
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
    if (!isXml) continue;
    // A DTD may only come before the root element, so the start of the part tells.
    if (/<!DOCTYPE|<!ENTITY/i.test(head.toString('latin1'))) return [finding('INTAKE_XML_DTD', at, { part: e.name })];
    if (whole) listing[e.name === WORKBOOK ? 'workbook' : 'rels'] = Buffer.concat(whole);
    if (!scan) continue;
    if (scan.rows > limits.rows)
      return [
        finding('INTAKE_LIMIT_EXCEEDED', at, {
          limit: 'rows',
          found: String(scan.rows),
          max: showLimit('rows', limits.rows),
        }),
      ];
    if (scan.pastGrid !== undefined)
      return [
        finding('INTAKE_CORRUPT', at, {
          detail: `${e.name}: ${scan.pastGrid} is past the last cell of a sheet, XFD1048576`,
        }),
      ];
    if (scan.longTag) return [finding('INTAKE_CORRUPT', at, { detail: `${e.name}: an element longer than 1 MB` })];
    // A part listed by several sheets is read once for each.
    const times = Math.max(1, refs);
    cells += scan.cells * times;
    work += scan.declared * times;
    if (cells > limits.cells)
      return [
        finding('INTAKE_LIMIT_EXCEEDED', at, {
          limit: 'cells',
          found: `> ${limits.cells}`,
          max: showLimit('cells', limits.cells),
        }),
      ];
    if (work > limits.declaredCells)
      return [
        finding('INTAKE_LIMIT_EXCEEDED', at, {
          limit: 'declaredCells',
          found: `> ${showLimit('declaredCells', limits.declaredCells)}`,
          max: showLimit('declaredCells', limits.declaredCells),
        }),
      ];
  }
  return out;
}
