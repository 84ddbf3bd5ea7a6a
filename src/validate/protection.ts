/**
 * Sheet protection carried from a workbook to its annotated copy. exceljs reads protection only
 * in the form Excel writes (`sheet="1"`, a SHA-512 hash); a workbook saved by LibreOffice writes
 * `sheet="true"` and a legacy `password` hash, which exceljs drops, so its copy came back
 * unprotected. The source's own `<sheetProtection/>` element is put back, byte for byte.
 */
import { readZip, replaceZipEntries } from '../core/zip.js';

const PROTECTION = /<(?:\w+:)?sheetProtection\b[^>]*\/>/;

/** Each sheet's `<sheetProtection …/>` element, by sheet name. */
export function sheetProtections(xlsx: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const parts = new Map(readZip(xlsx).map((p) => [p.name, p.data]));
  for (const [name, path] of sheetPaths(parts)) {
    const xml = parts.get(path)?.toString('utf8');
    const el = xml ? PROTECTION.exec(xml)?.[0] : undefined;
    if (el) out.set(name, el);
  }
  return out;
}

/** The workbook with the given sheets' protection elements in place of its own (or added after the sheet data). */
export function restoreProtections(xlsx: Buffer, protections: ReadonlyMap<string, string>): Buffer {
  if (protections.size === 0) return xlsx;
  const parts = new Map(readZip(xlsx).map((p) => [p.name, p.data]));
  const paths = sheetPaths(parts);
  const changed = new Map<string, Buffer>();
  for (const [sheet, el] of protections) {
    const path = paths.get(sheet);
    const data = path ? parts.get(path) : undefined;
    if (!path || !data) continue;
    const xml = data.toString('utf8');
    const next = PROTECTION.test(xml)
      ? xml.replace(PROTECTION, el)
      : xml.replace(/<\/sheetData>|<sheetData\/>/, (m) => `${m}${el}`);
    if (next !== xml) changed.set(path, Buffer.from(next, 'utf8'));
  }
  return changed.size > 0 ? replaceZipEntries(xlsx, changed) : xlsx;
}

/** Sheet name → path of its part, from workbook.xml and its relationships. */
function sheetPaths(parts: ReadonlyMap<string, Buffer>): Map<string, string> {
  const out = new Map<string, string>();
  const wb = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const path = id ? target.get(id) : undefined;
    if (name && path) out.set(unescapeXml(name), path);
  }
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
