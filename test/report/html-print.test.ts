/**
 * The HTML report on paper, in its markup: field names on the agency cards whole (wrapped, never cut
 * with "…"), and a heatmap of more fields than fit an A4 width printed as several tables of at most
 * HEAT_COLUMNS_PRINTED fields each, every one with the agency column. (The printed pages themselves
 * are checked in print.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { HEAT_COLUMNS_PRINTED, renderHtmlReport, wrapWords } from '../../src/report/html-report.js';
import { runRound } from '../../src/pipeline/run-round.js';
import type { RoundResult } from '../../src/result/schema.js';
import { makeRound } from '../helpers/round.js';

/** The longest field name of the bundled sets (bnv-province, field 8): 95 characters. */
const LONGEST = 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế – xã hội của tỉnh';

describe('field names wrapped for the cards', () => {
  it('the longest bundled name on three lines of at most 36 characters, nothing dropped', () => {
    const lines = wrapWords(`8. ${LONGEST}`, 36, 3);
    expect(lines.length).toBe(3);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(36);
    expect(lines.join(' ')).toBe(`8. ${LONGEST}`);
  });

  it('a short name stays one line; past the last line the rest ends with "…"', () => {
    expect(wrapWords('2. Cải cách thể chế', 36, 3)).toEqual(['2. Cải cách thể chế']);
    // 'a b c d e f' at 3 characters a line: "a b", "c d", "e f"; at most 2 lines: "a b", then "c d e f" clipped to 3.
    expect(wrapWords('a b c d e f', 3, 2)).toEqual(['a b', 'c…']);
  });
});

describe('the tiny round in HTML', async () => {
  const dir = await makeRound({ year: 2025, appraisal: false });
  const result = (await runRound(dir)).result!;

  it('each card labels every field with its code and whole name', () => {
    const html = renderHtmlReport(result, { lang: 'vi' });
    const labels = [...html.matchAll(/<text class="label">(.*?)<\/text>/g)].map((m) =>
      [...m[1]!.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((t) => t[1]).join(' '),
    );
    const fields = result.criteria[0]!.fields.filter((f) => f.max > 0);
    const scored = result.agencies.filter((a) => a.status !== 'missing').length;
    expect(labels.length).toBe(scored * fields.length);
    for (const f of fields) expect(labels).toContain(`${f.code}. ${f.title.vi}`);
    expect(labels.some((l) => l.includes('…'))).toBe(false);
  });

  it(`a set of 12 fields prints its heatmap as two tables of 6 (at most ${HEAT_COLUMNS_PRINTED} each)`, () => {
    // 12 fields > 10: ceil(12 / 10) = 2 tables, ceil(12 / 2) = 6 fields in each.
    const wide: RoundResult = structuredClone(result);
    const set = wide.criteria[0]!;
    set.fields = Array.from({ length: 12 }, (_, i) => ({
      code: String(i + 1),
      title: { vi: `Lĩnh vực ${i + 1}` },
      max: 1,
    })) as typeof set.fields;
    const html = renderHtmlReport(wide, { lang: 'vi' });
    const printed = [...html.matchAll(/<div class="print-only">(.*?)<\/table><\/div><\/div>/g)].map((m) => m[1]!);
    // Two groups (so, xa), two printed tables each.
    expect(printed.length).toBe(4);
    const heads = printed.map((t) => [...t.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]));
    expect(heads[0]).toEqual(['Hạng', 'Cơ quan', 'LV1', 'LV2', 'LV3', 'LV4', 'LV5', 'LV6']);
    expect(heads[1]).toEqual(['Hạng', 'Cơ quan', 'LV7', 'LV8', 'LV9', 'LV10', 'LV11', 'LV12']);
    expect(printed[1]).toContain('(LV7–LV12)');
    // On screen, one table with all twelve.
    const screen = [...html.matchAll(/<div class="screen-only">(.*?)<\/table><\/div><\/div>/g)].map((m) => m[1]!);
    expect(screen.length).toBe(2);
    expect([...screen[0]!.matchAll(/<th scope="col"/g)].length).toBe(14);
  });
});
