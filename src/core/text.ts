/** Text helpers: Vietnamese text is compared after NFC normalisation and cleaning. */

// Zero-width and bidi control characters that agencies' files carry invisibly.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;

const PLAIN_ASCII = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;

/** What cleaning would change besides NFC: white space at either end, other than single spaces, or invisible. */
const NEEDS_CLEANING = /^\s|\s$|[^\S ]| {2}|[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/;

/** NFC, invisible characters removed, spaces folded and trimmed. What a person meant to type. */
export function cleanText(s: string): string {
  // Printable ASCII words separated by single spaces are already clean (codes, numbers, most headers).
  if (PLAIN_ASCII.test(s)) return s;
  // Most text (evidence, titles) only needs NFC; the replacements below cost three times as much.
  if (!NEEDS_CLEANING.test(s)) return s.normalize('NFC');
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

/** Full-width digits and letters (０-９, Ａ-Ｚ) to ASCII. */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Removes Vietnamese diacritics (and đ → d) after NFD; for matching labels typed without them. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

const ASCII = /^[\x00-\x7F]*$/;

/** A key for loose matching of labels and headers: cleaned, width-folded, lower case, no diacritics. */
export function looseKey(s: string): string {
  const clean = cleanText(s);
  // ASCII has no diacritics and nothing full-width: the normalisations would give it back unchanged.
  return (ASCII.test(clean) ? clean : stripDiacritics(foldWidth(clean)))
    .toLowerCase()
    .replace(/[^a-z0-9%/.]+/g, ' ')
    .trim();
}

/** A key for codes ("1.1.2", agency codes): cleaned, width-folded, upper case. */
export function codeKey(s: string): string {
  return foldWidth(cleanText(s)).replace(/\s+/g, '').toUpperCase();
}

/** Text in both languages, for one-line failure messages. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** What XML 1.0 cannot carry besides the control characters every writer here drops already. */
const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAYBE_NOT_XML = /[\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * `s` with U+FFFE, U+FFFF and unpaired surrogates replaced by U+FFFD: XML 1.0 cannot carry them,
 * and one in an agency's name would make a workbook no program (exceljs included) can open.
 */
export function xmlCarried(s: string): string {
  return MAYBE_NOT_XML.test(s) ? s.replace(NOT_XML, '\uFFFD') : s;
}
