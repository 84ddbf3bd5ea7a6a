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

/** Parses YAML or JSON text. Throws `DataFileError` on a syntax error or an alias bomb. */
export function parseDataText(text: string, display: string, json = false): DataFile {
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
