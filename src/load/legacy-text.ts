/**
 * Text typed in the legacy Vietnamese encodings TCVN3 (ABC, the .VnTime fonts) and VNI (VNI-Times),
 * found in any cell that was read: such text shows in Unicode as Latin-1 letters ("Céng hßa X· héi",
 * "Coäng hoøa xaõ hoäi"). Comes in: a grid; goes out: the same grid with those cells converted to
 * Unicode, and one warning per converted cell naming the encoding (never a silent conversion).
 *
 * Unicode Vietnamese also uses Latin-1 letters (à á â ã è é ê ì í ò ó ô õ ù ú ý), so a cell is only
 * considered when it holds a character Vietnamese never uses (ß, ·, ¸, ä, ø, ñ, …) and no character
 * only Unicode Vietnamese has (ă, đ, ơ, ư, ạ…ỹ, combining tone marks); it is converted only when the
 * conversion gives Vietnamese syllables, word by word. Plain ASCII is never touched.
 */
import { cellAddress, finding, type Finding, type FindingLocation } from '../findings/finding.js';
import type { Grid, GridCell } from './grid.js';

export type LegacyEncoding = 'TCVN3' | 'VNI';

/** Latin-1 characters that Unicode Vietnamese text never holds: the fast pre-test, one regex scan. */
const NOT_VIETNAMESE =
  /[\u00A1-\u00BF\u00C4-\u00C7\u00CB\u00CE-\u00D1\u00D6-\u00D8\u00DB\u00DC\u00DE\u00DF\u00E4-\u00E7\u00EB\u00EE-\u00F1\u00F6-\u00F8\u00FB\u00FC\u00FE\u00FF]/;
/** Latin-1 characters past ASCII: text without any is never looked at further. */
const LATIN1 = /[\u00A1-\u00FF]/;
/** Characters only Unicode Vietnamese has: a cell with one of them is Unicode already. */
const UNICODE_VIETNAMESE =
  // Combining marks are matched one by one on purpose (NFD text):
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: see the line above
  /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u0300-\u0323\u1EA0-\u1EF9]/;

/**
 * TCVN 5712:1993 (the table published with the standard, as libiconv carries it), bytes 0xA0–0xFF →
 * Unicode. TCVN3 (VN3, the ABC fonts) uses this range; 0xB0–0xB4 are combining tone marks.
 */
const TCVN3_A0 = [
  0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0,
  0x0111, 0x1eb0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1,
  0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4, 0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, 0x1ea9, 0x1eab,
  0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd, 0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec,
  0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2, 0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3,
  0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9, 0x1ed6, 0x1ee7, 0x0169, 0x00fa,
  0x1ee5, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0,
];

/** TCVN3 text → Unicode (NFC). */
export function fromTcvn3(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xa0 && c <= 0xff ? String.fromCharCode(TCVN3_A0[c - 0xa0]!) : s[i];
  }
  return out.normalize('NFC');
}

// VNI-Windows: a vowel is followed by a mark character (the VNI keyboard's published table).
const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRC = '\u0302';
const BREVE = '\u0306';
/** Tone marks after any vowel. */
const VNI_TONE: Record<string, string> = { ù: ACUTE, ø: GRAVE, û: HOOK, õ: TILDE, ï: DOT };
/** Circumflex (with a tone) after a, e, o. */
const VNI_CIRC: Record<string, string> = {
  â: CIRC,
  á: CIRC + ACUTE,
  à: CIRC + GRAVE,
  å: CIRC + HOOK,
  ã: CIRC + TILDE,
  ä: CIRC + DOT,
};
/** Breve (with a tone) after a. */
const VNI_BREVE: Record<string, string> = {
  ê: BREVE,
  é: BREVE + ACUTE,
  è: BREVE + GRAVE,
  ú: BREVE + HOOK,
  ü: BREVE + TILDE,
  ë: BREVE + DOT,
};
/** Letters written as one character. */
const VNI_SINGLE: Record<string, string> = { ô: 'ơ', ö: 'ư', ñ: 'đ', í: 'í', ì: 'ì', æ: 'ỉ', ó: 'ĩ', ò: 'ị', î: 'ỵ' };

function vniMark(table: Record<string, string>, ch: string): string | undefined {
  return table[ch] ?? table[ch.toLowerCase()];
}

/** VNI text → Unicode (NFC). */
export function fromVni(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const lower = ch.toLowerCase();
    const single = VNI_SINGLE[lower];
    const base = single === undefined ? ch : ch !== lower ? single.toUpperCase() : single;
    const b = base.toLowerCase();
    const next = s[i + 1] ?? '';
    let mark: string | undefined;
    if (b === 'a') mark = vniMark(VNI_CIRC, next) ?? vniMark(VNI_BREVE, next);
    else if (b === 'e' || b === 'o') mark = vniMark(VNI_CIRC, next);
    if (mark === undefined && /[aeouyơư]/.test(b)) mark = vniMark(VNI_TONE, next);
    if (mark === undefined) out += base;
    else {
      out += base + mark;
      i++;
    }
  }
  return out.normalize('NFC');
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const SYLLABLE = new RegExp(
  '^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?' +
    '(a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|' +
    'ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu)' +
    '(ch|ng|nh|[cmnpt])?$',
);
/** Vowel pairs ending in a glide (i, y, o, u) take the tone on their first vowel ("mài", never "maì"). */
const GLIDE_PAIRS = new Set(['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'iu', 'oi', 'ôi', 'ơi', 'ui', 'ưi', 'ưu']);

/**
 * Whether a word is a Vietnamese syllable: one tone mark at most, on a vowel, initial, vowels and
 * final in Vietnamese spelling, and no tone on the glide that ends a vowel group.
 */
export function isVietnameseSyllable(word: string): boolean {
  let plain = '';
  let toned = -1;
  for (const ch of word.toLowerCase().normalize('NFC')) {
    const d = ch.normalize('NFD');
    const bare = d.replace(TONES, '');
    if (bare !== d) {
      if (toned >= 0) return false;
      toned = plain.length;
    }
    plain += bare.normalize('NFC');
  }
  const m = SYLLABLE.exec(plain);
  if (!m) return false;
  if (toned < 0) return true;
  const start = m[1]?.length ?? 0;
  const vowels = m[2]!;
  if (toned < start || toned >= start + vowels.length) return false;
  const glide = (vowels.length === 2 && GLIDE_PAIRS.has(vowels)) || (vowels.length === 3 && !m[3]);
  return !(glide && toned === start + vowels.length - 1);
}

/**
 * How well a converted text reads as Vietnamese: the words that hold a non-ASCII letter, and how
 * many of them are syllables. Characters left over that Vietnamese never uses count against it.
 */
function vietnameseScore(text: string): { words: number; good: number } {
  let words = 0;
  let good = 0;
  for (const w of text.split(/[^\p{L}\p{M}]+/u)) {
    if (!w || /^[\x00-\x7f]*$/.test(w)) continue;
    const ok = !NOT_VIETNAMESE.test(w) && isVietnameseSyllable(w);
    // An abbreviation in capitals ("QĐ", "HĐND") is neither for nor against.
    if (!ok && w.length <= 5 && w === w.toUpperCase()) continue;
    words++;
    if (ok) good++;
  }
  return { words, good };
}

/** Whether every word with a non-ASCII letter is a Vietnamese syllable (and there is one). */
function readsAsVietnamese(s: string): boolean {
  const nfc = s.normalize('NFC');
  const score = vietnameseScore(nfc);
  return !NOT_VIETNAMESE.test(nfc) && score.words > 0 && score.good === score.words;
}

/**
 * Text in capitals stays in capitals: TCVN3 has no codes for most capital letters with marks, so
 * "CÔNG TÁC" in a .VnTimeH font is stored as "C¤NG T¸C" (small á shown as a capital by the font).
 */
function keepCapitals(original: string, converted: string): string {
  return /[A-Z][^a-z]*[A-Z][^a-z]*[A-Z]/.test(original) && !/[a-z]/.test(original)
    ? converted.toUpperCase()
    : converted;
}

/**
 * The Unicode text of a cell typed in TCVN3 or VNI, or undefined when the text is not such a cell
 * (ASCII, Unicode Vietnamese, other languages, symbols) or the encoding cannot be told with confidence.
 */
export function decodeLegacyText(s: string): { encoding: LegacyEncoding; text: string } | undefined {
  if (!LATIN1.test(s) || UNICODE_VIETNAMESE.test(s)) return undefined;
  // Without a character Vietnamese never uses ("Néi dung", "Caùc"), the text must fail to read as
  // Vietnamese as it stands before another reading is looked at.
  const strict = !NOT_VIETNAMESE.test(s);
  if (strict) {
    const asIs = vietnameseScore(s.normalize('NFC'));
    if (asIs.good === asIs.words) return undefined;
  }
  const candidates: { encoding: LegacyEncoding; text: string; good: number }[] = [];
  for (const [encoding, convert] of [
    ['TCVN3', fromTcvn3],
    ['VNI', fromVni],
  ] as const) {
    const text = convert(s);
    if (text === s.normalize('NFC')) continue;
    const score = vietnameseScore(text);
    // Every changed word must read as Vietnamese, allowing one stray word in ten (names, abbreviations).
    const stray = strict ? 0 : Math.floor(score.words / 10);
    if (score.words > 0 && score.good >= 1 && score.words - score.good <= stray)
      candidates.push({ encoding, text: keepCapitals(s, text), good: score.good });
  }
  if (candidates.length === 0) return undefined;
  // cannot tell: never guess
  if (candidates.length === 2 && candidates[0]!.good === candidates[1]!.good) return undefined;
  candidates.sort((a, b) => b.good - a.good);
  return { encoding: candidates[0]!.encoding, text: candidates[0]!.text };
}

/** windows-1258 characters back to their bytes, shown as Latin-1 (a CSV file read as windows-1258). */
const CP1258_BYTES: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const dec = new TextDecoder('windows-1258');
  for (let b = 0x80; b <= 0xff; b++) m.set(dec.decode(Uint8Array.of(b)), String.fromCharCode(b));
  return m;
})();

function cp1258AsLatin1(s: string): string {
  let out = '';
  for (const ch of s) out += ch.charCodeAt(0) < 0x80 ? ch : (CP1258_BYTES.get(ch) ?? ch);
  return out;
}

/** Converted cells reported one by one per file; the rest are counted and listed in one finding. */
const SHOWN_PER_FILE = 10;

/**
 * Converts every text cell of the grid typed in TCVN3 or VNI to Unicode, in place, and returns a
 * warning at each converted cell (the first ten of a file; then one finding lists the others).
 * `table` names Word tables instead of sheets. Cheap on ordinary files: one regex test per text cell.
 */
export function convertLegacyCells(
  grid: Pick<Grid, 'file' | 'sheets' | 'csv'>,
  table?: (sheetIndex: number) => number | undefined,
): Finding[] {
  const out: Finding[] = [];
  const rest: Record<LegacyEncoding, string[]> = { TCVN3: [], VNI: [] };
  // A CSV file whose bytes are not UTF-8 was read as windows-1258: look at its bytes instead.
  const bytes = grid.csv?.encoding === 'windows-1258';
  // The same words recur in a file (Có, Không, Đạt…): each distinct text is looked at once.
  const seen = new Map<string, ReturnType<typeof decodeLegacyText>>();
  grid.sheets.forEach((sheet, index) => {
    for (const row of sheet.rows.values())
      for (const cell of row.values()) {
        if (cell.v.t !== 'text') continue;
        const s = cell.v.s;
        // The pre-test: ASCII (codes, numbers) and Unicode Vietnamese (ư, ơ, đ, ạ…) leave at once.
        if (!bytes && (!LATIN1.test(s) || UNICODE_VIETNAMESE.test(s))) continue;
        let decoded = seen.get(s);
        if (decoded === undefined && !seen.has(s)) {
          // Text that reads as Vietnamese as decoded (a genuine windows-1258 file) is left as it is.
          decoded = bytes && readsAsVietnamese(s) ? undefined : decodeLegacyText(bytes ? cp1258AsLatin1(s) : s);
          seen.set(s, decoded);
        }
        if (!decoded) continue;
        cell.v = { t: 'text', s: decoded.text };
        // A merged range's other cells repeat its text: converted too, reported once at the range's cell.
        if (cell.merged?.role === 'child') continue;
        const at = where(grid, sheet.name, cell, table?.(index));
        const found = bytes ? cp1258AsLatin1(s) : s;
        if (out.length < SHOWN_PER_FILE)
          out.push(
            finding('INTAKE_LEGACY_ENCODING', at, { encoding: decoded.encoding, found, converted: decoded.text }),
          );
        else rest[decoded.encoding].push(at.cell ?? `${at.row}:${at.column}`);
      }
  });
  for (const encoding of ['TCVN3', 'VNI'] as const)
    if (rest[encoding].length)
      out.push(
        finding(
          'INTAKE_LEGACY_ENCODING_MORE',
          { file: grid.file },
          { encoding, count: rest[encoding].length, cells: rest[encoding] },
        ),
      );
  return out;
}

function where(
  grid: Pick<Grid, 'file'>,
  sheet: string | undefined,
  cell: GridCell,
  table: number | undefined,
): FindingLocation {
  if (table !== undefined) return { file: grid.file, table, row: cell.row, column: cell.col };
  const loc: FindingLocation = {
    file: grid.file,
    row: cell.row,
    column: cell.col,
    cell: cellAddress(cell.row, cell.col),
  };
  if (sheet) loc.sheet = sheet;
  return loc;
}
