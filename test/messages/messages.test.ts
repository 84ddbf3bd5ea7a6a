import { describe, expect, it } from 'vitest';
import { findingCodes, messages, renderFinding } from '../../src/messages/index.js';
import { finding, type FindingCode } from '../../src/findings/finding.js';

describe('messages', () => {
  it('has stable UPPER_SNAKE codes', () => {
    expect(findingCodes.length).toBeGreaterThan(10);
    for (const code of findingCodes) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
  });

  it.each(findingCodes)('renders %s in Vietnamese and English', (code: FindingCode) => {
    const entry = messages[code];
    const f = finding(
      code,
      { file: 'a.xlsx', sheet: 'Tự chấm điểm', cell: 'E14', row: 14, column: 5 },
      entry.example as never,
    );
    const vi = renderFinding(f, 'vi');
    const en = renderFinding(f, 'en');
    expect(vi).toMatch(/^A\.xlsx, trang 'Tự chấm điểm', ô E14: \S/);
    expect(en).toMatch(/^A\.xlsx, sheet 'Tự chấm điểm', cell E14: \S/);
    for (const text of [vi, en]) {
      expect(text).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
    expect(vi).not.toEqual(en.replace('sheet', 'trang').replace('cell', 'ô'));
  });

  it('writes decimals with a comma in Vietnamese', () => {
    const f = finding('CRITERIA_MAX_MISMATCH', {}, { code: '1.1', max: '2.5', sum: '2.25' });
    expect(renderFinding(f, 'vi')).toContain('2,5');
    expect(renderFinding(f, 'en')).toContain('2.5');
  });
});
