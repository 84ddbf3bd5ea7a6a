/**
 * cleanText's fast paths (plain ASCII; text that needs only NFC) give what the full cleaning gives; looseKey's memo
 * changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, foldWidth, looseKey, stripDiacritics } from '../../src/core/text.js';

/** The cleaning as specified: NFC, invisible characters removed, spaces folded, trimmed. */
const reference = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();

describe('cleanText', () => {
  it('equals the full cleaning on ASCII, spaced and Vietnamese text', () => {
    const pieces = fc.constantFrom(
      '1.2.3',
      'SNV',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00A0',
      '\u200B',
      '\u2000',
      '\u3000',
      '\uFEFF',
      '\u00AD',
      'Điểm',
      'Đạt',
      'ự',
      'u\u031B\u0323',
      'a\u0301',
      '2,5',
      '%',
      '',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), pieces), { maxLength: 8 }), (parts) => {
        const s = parts.join('');
        expect(cleanText(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
  it('needs only NFC for clean Vietnamese text, and cleans the rest', () => {
    expect(cleanText('Quyết định số 12/QĐ-UBND')).toBe('Quyết định số 12/QĐ-UBND');
    expect(cleanText('Quye\u0302\u0301t định')).toBe('Quyết định');
    expect(cleanText('Quyết định ')).toBe('Quyết định');
    expect(cleanText('Quyết\u2000định')).toBe('Quyết định');
    expect(cleanText('Quyết  định\u00AD')).toBe('Quyết định');
  });
  it('leaves plain codes alone and folds the rest', () => {
    expect(cleanText('1.1.2')).toBe('1.1.2');
    expect(cleanText(' 1.1.2 ')).toBe('1.1.2');
    expect(cleanText('Sở  Nội\u00A0vụ\u200B')).toBe('Sở Nội vụ');
  });
});

describe('looseKey', () => {
  it('gives the same key on every call, remembered or not', () => {
    const fresh = (s: string): string =>
      stripDiacritics(foldWidth(reference(s)))
        .toLowerCase()
        .replace(/[^a-z0-9%/.]+/g, ' ')
        .trim();
    const words = fc.constantFrom('Có', 'KHÔNG', ' đạt ', 'Ｘ', 'Không áp dụng', 'yes', '1.2', '');
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string({ maxLength: 4 })), { maxLength: 4 }), (parts) => {
        const s = parts.join(' ');
        expect(looseKey(s)).toBe(fresh(s));
        expect(looseKey(s)).toBe(fresh(s));
      }),
      { numRuns: 1000 },
    );
    expect(looseKey('Không áp dụng')).toBe('khong ap dung');
  });
});

describe('xmlCarried', () => {
  it('replaces what XML 1.0 cannot carry and leaves the rest alone', async () => {
    const { xmlCarried } = await import('../../src/core/text.js');
    expect(xmlCarried('Sở Nội vụ 😀')).toBe('Sở Nội vụ 😀');
    expect(xmlCarried('a\uFFFEb\uFFFFc')).toBe('a\uFFFDb\uFFFDc');
    expect(xmlCarried('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
  });
});
