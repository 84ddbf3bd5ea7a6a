/** cleanText's ASCII fast path gives what the full cleaning gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/core/text.js';

/** The cleaning as specified: NFC, invisible characters removed, spaces folded, trimmed. */
const reference = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();

describe('cleanText', () => {
  it('equals the full cleaning on ASCII, spaced and Vietnamese text', () => {
    const pieces = fc.constantFrom('1.2.3', 'SNV', ' ', '  ', '\t', '\n', '\u00A0', '\u200B', 'Điểm', 'Đạt', 'a\u0301', '2,5', '%', '');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), pieces), { maxLength: 8 }), (parts) => {
        const s = parts.join('');
        expect(cleanText(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
  it('leaves plain codes alone and folds the rest', () => {
    expect(cleanText('1.1.2')).toBe('1.1.2');
    expect(cleanText(' 1.1.2 ')).toBe('1.1.2');
    expect(cleanText('Sở  Nội\u00A0vụ\u200B')).toBe('Sở Nội vụ');
  });
});
