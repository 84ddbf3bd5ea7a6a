/**
 * The fast path for UTF-8 answer files: rows are found in the bytes as they stream by and are
 * handed on in place (the chunk and each field's offsets), so a million rows × 25 answers do not
 * become 26 million short strings. An answer of one byte ("4") is then classified by a table; only
 * fields that are needed as text (the agency code, the respondent id, longer answers) are decoded.
 *
 * It gives exactly the records `csvRecords` gives (tested on random files): the first non-blank
 * line (the header) and any line whose number of fields differs from the header's come out as
 * ordinary records; a line with a quote or a bare carriage return hands the rest of the file to
 * `csvRecords`, which knows quoted fields across lines.
 */
import { csvRecords, type CsvRecord } from './csv-lines.js';

/** Rows read in place: field f of row r is `buf[at[r·(width+1)+f] … at[r·(width+1)+f+1] − 1)`. */
export interface ByteBatch {
  kind: 'bytes';
  buf: Buffer;
  count: number;
  /** Fields per row (the header's). */
  width: number;
  /** 1-based line of each row. */
  line: Int32Array;
  /** Field starts, `width + 1` per row (the last is the row's end + 1, as if a delimiter followed). */
  at: Int32Array;
}

export type RecordBatch = CsvRecord[] | ByteBatch;

export function isByteBatch(b: RecordBatch): b is ByteBatch {
  return (b as ByteBatch).kind === 'bytes';
}

/** The text of field f of row r, decoded as `csvRecords` would (UTF-8, a BOM inside kept). */
export function fieldText(b: ByteBatch, r: number, f: number): string {
  const i = r * (b.width + 1) + f;
  const s = b.at[i]!;
  const e = b.at[i + 1]! - 1;
  const buf = b.buf;
  for (let j = s; j < e; j++) if (buf[j]! >= 0x80) return buf.toString('utf8', s, e);
  return buf.toString('latin1', s, e);
}

/** Where field f of row r starts and ends (exclusive) in `b.buf`. */
export function fieldSpan(b: ByteBatch, r: number, f: number): [start: number, end: number] {
  const i = r * (b.width + 1) + f;
  return [b.at[i]!, b.at[i + 1]! - 1];
}

/** Whether field f of row r is a plain code: an ASCII letter or digit, then letters, digits, "._/-". */
export function isPlainCode(b: ByteBatch, r: number, f: number): boolean {
  const i = r * (b.width + 1) + f;
  const s = b.at[i]!;
  const e = b.at[i + 1]! - 1;
  if (e <= s) return false;
  const buf = b.buf;
  for (let j = s; j < e; j++) {
    const c = buf[j]!;
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum && (j === s || (c !== 46 && c !== 95 && c !== 47 && c !== 45))) return false;
  }
  return true;
}

/**
 * Field f of row r as a number when it is 1 to 6 ASCII bytes (bytes and length packed, below
 * 2⁵¹), else -1: a key for short codes that needs no string.
 */
export function fieldKey(b: ByteBatch, r: number, f: number): number {
  const i = r * (b.width + 1) + f;
  const s = b.at[i]!;
  const n = b.at[i + 1]! - 1 - s;
  if (n < 1 || n > 6) return -1;
  const buf = b.buf;
  let k = n;
  for (let j = s + n - 1; j >= s; j--) {
    const c = buf[j]!;
    if (c >= 0x80) return -1;
    k = k * 256 + c;
  }
  return k;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;

/** The rows of the current batch; its arrays are reused from batch to batch. */
class Builder {
  count = 0;
  buf: Buffer = Buffer.alloc(0);
  line = new Int32Array(1024);
  at: Int32Array;
  constructor(readonly width: number) {
    this.at = new Int32Array(1024 * (width + 1));
  }
  grow(): void {
    const cap = this.line.length * 2;
    const line = new Int32Array(cap);
    line.set(this.line);
    const at = new Int32Array(cap * (this.width + 1));
    at.set(this.at);
    this.line = line;
    this.at = at;
  }
  batch(): ByteBatch {
    return { kind: 'bytes', buf: this.buf, count: this.count, width: this.width, line: this.line, at: this.at };
  }
}

/**
 * Records from the bytes of a UTF-8 file (after its BOM), in batches. `delimiter` is one ASCII
 * character; anything else goes through `csvRecords` whole. A byte batch is valid until the next
 * batch is asked for: its bytes and offsets are reused (so reading holds one chunk, not many).
 */
export async function* byteRecords(
  chunks: AsyncIterator<Buffer>,
  delimiter: string,
  /** Title rows before the header: handed on as ordinary records, the header is the next. */
  titleRows = 0,
): AsyncGenerator<RecordBatch> {
  let titles = titleRows;
  const d = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let width = -1;
  let line = 0;
  /** The rest of the file, from `from`, through the general reader. */
  async function* general(from: Buffer, lineBase: number, atStart = false): AsyncGenerator<CsvRecord[]> {
    // `atStart`: nothing has been read yet, so a BOM at the start is the decoder's to drop.
    const head = Buffer.from(from); // `from` lies in the reused work buffer
    async function* text(): AsyncIterable<string> {
      const dec = new TextDecoder('utf-8', { ignoreBOM: !atStart });
      yield dec.decode(head, { stream: true });
      for (;;) {
        const n = await chunks.next();
        if (n.done) break;
        yield dec.decode(n.value, { stream: true });
      }
      yield dec.decode();
    }
    yield* csvRecords(text(), delimiter, lineBase);
  }
  if (d < 0 || d >= 0x80 || d === NL || d === CR || d === QUOTE) {
    yield* general(Buffer.alloc(0), 0, true);
    return;
  }
  // The work buffer holds the unfinished line of the last chunk, then the new chunk.
  let work = Buffer.allocUnsafe(512 * 1024);
  let carry = 0;
  let b: Builder | undefined;
  let last = false;
  // A decoder drops a BOM at the very start of its text; so does this reader.
  let bomChecked = false;
  while (!last) {
    const n = await chunks.next();
    if (n.done) {
      if (carry === 0) break;
      // The last line has no line break: give it one, so that it is read like the others. A
      // carriage return before it would then be taken as part of "\r\n", so that case goes on.
      // (A BOM still unchecked here cannot be whole: three bytes are checked as they arrive.)
      if (work[carry - 1] === CR) {
        yield* general(work.subarray(0, carry), line);
        return;
      }
      if (carry + 1 > work.length) work = Buffer.concat([work.subarray(0, carry)], carry + 1);
      work[carry] = NL;
      carry++;
      last = true;
    } else {
      const chunk = n.value;
      if (carry + chunk.length > work.length)
        work = Buffer.concat([work.subarray(0, carry)], Math.max(2 * work.length, carry + chunk.length));
      chunk.copy(work, carry);
      carry += chunk.length;
      if (!bomChecked) {
        const bom = [0xef, 0xbb, 0xbf];
        const k = Math.min(3, carry);
        if (work.subarray(0, k).every((c, i) => c === bom[i])) {
          if (k < 3) continue; // perhaps the start of a BOM: wait for more bytes
          work.copyWithin(0, 3, carry);
          carry -= 3;
        }
        bomChecked = true;
      }
    }
    const buf = work.subarray(0, carry);
    if (b) {
      b.buf = buf;
      b.count = 0;
    }
    let pos = 0;
    let quote = buf.indexOf(QUOTE);
    let cr = buf.indexOf(CR);
    for (;;) {
      const nl = buf.indexOf(NL, pos);
      if (nl < 0) break;
      const end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
      if (end === pos) {
        // A blank line ("" or "\r"): skipped, counted.
        line++;
        pos = nl + 1;
        continue;
      }
      // Quotes and carriage returns are found by indexOf ahead of the scan; the scan counts fields.
      if (quote >= 0 && quote < pos) quote = buf.indexOf(QUOTE, pos);
      if (cr >= 0 && cr < pos) cr = buf.indexOf(CR, pos);
      if ((quote >= 0 && quote < end) || (cr >= 0 && cr < end)) {
        if (b && b.count > 0) yield b.batch();
        yield* general(buf.subarray(pos), line);
        return;
      }
      let fields = 1;
      const row = b ? b.count : 0;
      const base = row * (width + 1);
      if (b) {
        if (row === b.line.length) b.grow();
        const at = b.at;
        at[base] = pos;
        for (let i = pos; i < end; i++)
          if (buf[i] === d) {
            if (fields <= width) at[base + fields] = i + 1;
            fields++;
          }
      } else for (let i = pos; i < end; i++) if (buf[i] === d) fields++;
      line++;
      if (b && fields === width) {
        b.at[base + width] = end + 1;
        b.line[row] = line;
        b.count++;
      } else {
        // The header, or a row with too few or too many fields: an ordinary record.
        if (b && b.count > 0) {
          yield b.batch();
          b.count = 0;
        }
        const bytes = buf.subarray(pos, end);
        if (width < 0 && titles > 0) {
          titles--;
          yield [{ line, cells: lineDecoder.decode(bytes).split(delimiter) }];
        } else if (width < 0) {
          const cells = lineDecoder.decode(bytes).split(delimiter);
          width = cells.length;
          b = new Builder(width);
          b.buf = buf;
          yield [{ line, cells }];
        } else yield [{ line, cells: lineDecoder.decode(bytes).split(delimiter) }];
      }
      pos = nl + 1;
    }
    if (b && b.count > 0) {
      yield b.batch();
      b.count = 0;
    }
    // Keep the unfinished line at the start of the work buffer.
    work.copyWithin(0, pos, carry);
    carry -= pos;
  }
}
