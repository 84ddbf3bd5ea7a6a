/**
 * A streaming CSV record reader for raw answer files, which are large (a million rows) and plain:
 * a line without a quote is split on the delimiter at once; a quoted field (with delimiters, doubled
 * quotes or line breaks inside) goes through a small RFC 4180 state machine. A quote inside an
 * unquoted field is taken as a character, as csv-parse's relax_quotes does. Measured on 1,000,000 × 25
 * answers, csv-parse alone took 12 s, which is over the SIPAS time target by itself.
 */

export interface CsvRecord {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

export class UnterminatedQuote extends Error {
  constructor(readonly line: number) {
    super(`unterminated quote (line ${line})`);
  }
}

/** Splits one record (which may hold line breaks inside quotes) into fields. */
export function splitRecord(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  const out: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  while (i <= n) {
    if (text[i] === '"') {
      // Quoted field: up to the closing quote; "" is one quote.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept (relaxed).
      const d = text.indexOf(delimiter, i);
      const end = d < 0 ? n : d;
      field += text.slice(i, end);
      out.push(field);
      field = '';
      i = end + delimiter.length;
      if (d < 0) break;
    } else {
      const d = text.indexOf(delimiter, i);
      const end = d < 0 ? n : d;
      out.push(text.slice(i, end));
      i = end + delimiter.length;
      if (d < 0) break;
    }
  }
  return out;
}

function quotes(s: string): number {
  let c = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) c++;
  return c;
}

/**
 * Records from decoded text chunks, in batches (one per chunk, so a million rows cost a few
 * thousand promise turns, not a million). Line breaks are \r\n, \n or \r; blank lines are skipped but
 * counted (from `lineBase`, the lines before the text). Throws `UnterminatedQuote` at the end when a quoted field never
 * closes.
 */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  delimiter: string,
  lineBase = 0,
): AsyncGenerator<CsvRecord[]> {
  let carry = '';
  let line = lineBase;
  let pending: string | undefined;
  let pendingLine = 0;
  let pendingQuotes = 0;
  const emit = function* (text: string, at: number): Generator<CsvRecord> {
    if (pending !== undefined) {
      pending += '\n' + text;
      pendingQuotes += quotes(text);
      if (pendingQuotes % 2 === 0) {
        const rec = pending;
        pending = undefined;
        yield { line: pendingLine, cells: splitRecord(rec, delimiter) };
      }
      return;
    }
    if (text === '') return;
    if (!text.includes('"')) {
      yield { line: at, cells: text.split(delimiter) };
      return;
    }
    const q = quotes(text);
    if (q % 2 === 1) {
      pending = text;
      pendingLine = at;
      pendingQuotes = q;
      return;
    }
    yield { line: at, cells: splitRecord(text, delimiter) };
  };
  for await (const chunk of chunks) {
    const text = carry + chunk;
    const batch: CsvRecord[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const cr = text.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        // \r\n or a lone \r; a \r at the very end may be the first half of \r\n.
        if (cr === text.length - 1) break;
        end = cr;
        next = text[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (nl >= 0) {
        end = nl;
        next = nl + 1;
      } else break;
      line++;
      for (const r of emit(text.slice(start, end), line)) batch.push(r);
      start = next;
    }
    carry = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (carry !== '') {
    line++;
    const last = [...emit(carry, line)];
    if (last.length > 0) yield last;
  }
  if (pending !== undefined) throw new UnterminatedQuote(pendingLine);
}
