/**
 * YAML (and JSON) files read with line numbers, for data files people edit by hand: criteria
 * sets, questionnaires, rounds. Aliases are limited, duplicate keys refused; a file that cannot
 * be parsed is an error the caller turns into "cannot run".
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { Bilingual } from './text.js';

/** A parsed data file and a way to find the line of a path inside it. */
export interface DataFile {
  data: unknown;
  /** 1-based line of "a.0.b" in the file, when known. */
  lineOf: (path: string) => number | undefined;
}

/** Why a data file could not be read; the caller wraps it in its own error class. */
export class DataFileError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly notFound = false,
  ) {
    super(text.en);
  }
}

/** Reads YAML or JSON (by extension) of at most `maxBytes`. Throws `DataFileError`. */
export function readDataFile(path: string, display: string, maxBytes = 5 * 1024 * 1024): DataFile {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new DataFileError({
        vi: `${display}: là thư mục, không phải tệp.`,
        en: `${display}: is a folder, not a file.`,
      });
    size = st.size;
  } catch (e) {
    if (e instanceof DataFileError) throw e;
    throw new DataFileError({ vi: `${display}: không tìm thấy tệp.`, en: `${display}: file not found.` }, true);
  }
  if (size > maxBytes)
    throw new DataFileError({
      vi: `${display}: tệp quá lớn (${size} byte; tối đa ${maxBytes}).`,
      en: `${display}: file too large (${size} bytes; at most ${maxBytes}).`,
    });
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new DataFileError({
      vi: `${display}: không đọc được tệp (${(e as Error).message}).`,
      en: `${display}: cannot read the file (${(e as Error).message}).`,
    });
  }
  return parseDataText(text, display, extname(path).toLowerCase() === '.json');
}

/** Deepest nesting of brackets a data file may have; criteria sets nest five or six levels. */
export const MAX_NESTING = 64;

/**
 * How deep `[` and `{` nest in `text`, outside quoted strings and comments; stops counting once
 * past `limit`. The YAML parser builds a node per bracket and recurses into each: 4.8 MB of
 * "[" took 2.7 GB before its error, so the depth is read first, in one pass that keeps nothing.
 */
export function bracketDepth(text: string, yaml: boolean, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quote) {
      if (ch === 0x5c /* \\ */ && quote === 0x22) i++;
      else if (ch === quote) quote = 0;
      continue;
    }
    // In YAML, a line starting with a key at the left margin ends every flow collection before
    // it: a stray "[" in a description is not carried into the next entry.
    if (yaml && depth > 0 && (i === 0 || text.charCodeAt(i - 1) === 0x0a) && /[A-Za-z0-9_]/.test(text[i]!)) depth = 0;
    if (ch === 0x22 || ch === 0x27) {
      // A quote opens a string only where a value starts; in "it's" it is a letter.
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      if (
        prev === 0x20 ||
        prev === 0x09 ||
        prev === 0x0a ||
        prev === 0x0d ||
        prev === 0x5b ||
        prev === 0x7b ||
        prev === 0x2c ||
        prev === 0x3a ||
        prev === 0x2d
      )
        quote = ch;
    } else if (ch === 0x23 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x0a)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((ch === 0x5d || ch === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}

/** The message for a data file that nests past `MAX_NESTING`; undefined when it does not. */
export function nestingProblem(text: string, display: string, json: boolean): Bilingual | undefined {
  if (bracketDepth(text, !json) <= MAX_NESTING) return undefined;
  return {
    vi:
      `${display}: dữ liệu lồng nhau quá sâu (hơn ${MAX_NESTING} cấp ngoặc [ ] hoặc { }); tệp không được đọc. ` +
      `Kiểm tra các dấu ngoặc.`,
    en:
      `${display}: nested too deeply (more than ${MAX_NESTING} levels of [ ] or { }); the file is not read. ` +
      `Check its brackets.`,
  };
}

/** Parses YAML or JSON text. Throws `DataFileError` on a syntax error, nesting past `MAX_NESTING` or an alias bomb. */
export function parseDataText(text: string, display: string, json = false): DataFile {
  const deep = nestingProblem(text, display, json);
  if (deep) throw new DataFileError(deep);
  if (json) {
    try {
      return { data: JSON.parse(text), lineOf: () => undefined };
    } catch (e) {
      throw new DataFileError({
        vi: `${display}: không đọc được JSON (${(e as Error).message}).`,
        en: `${display}: not valid JSON (${(e as Error).message}).`,
      });
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    throw new DataFileError({
      vi: `${display}${where}: YAML sai cú pháp (${firstLine(err.message)}).`,
      en: `${display}${where}: malformed YAML (${firstLine(err.message)}).`,
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new DataFileError({
      vi: `${display}: YAML không dùng được (${firstLine((e as Error).message)}).`,
      en: `${display}: YAML cannot be used (${firstLine((e as Error).message)}).`,
    });
  }
  return { data, lineOf: (path) => lineOfPath(doc, lineCounter, path) };
}

function lineOfPath(doc: Document, lineCounter: LineCounter, path: string): number | undefined {
  const keys = path === '' ? [] : path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  for (let n = keys.length; n >= 0; n--) {
    if (n === keys.length && n > 0) {
      // A key that is in the file but whose value is not a node (or an unknown key): point at the key.
      const parent = doc.getIn(keys.slice(0, n - 1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === keys[n - 1]);
        const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (range) return lineCounter.linePos(range[0]).line;
      }
    }
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
