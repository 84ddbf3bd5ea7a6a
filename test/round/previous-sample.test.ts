/**
 * The sample round with last year given only as the communes' published table
 * (fixtures/sample-round/previous/xep-hang-xa-phuong-2024.csv): names printed otherwise are matched,
 * the merged commune 25088 and the departments (not in the table) have no comparison.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/core/rational.js';
import { runRound } from '../../src/pipeline/run-round.js';

describe('sample round, previous year from a published table', () => {
  it('compares communes with the printed values and says what it cannot compare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-sample-table-'));
    cpSync('fixtures/sample-round', dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'round.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'round.yaml'),
      yaml.replace(/^previous: .*$/m, 'previous: previous/xep-hang-xa-phuong-2024.csv'),
    );
    const run = await runRound(dir);
    const r = run.result!;
    expect(r.comparison).toMatchObject({ kind: 'table', rank: true, rows: 29, matched: 29 });
    expect(r.comparison!.fields).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(run.findings.filter((f) => f.code === 'ROUND_PREVIOUS_ROW_UNMATCHED')).toEqual([]);
    const absent = run.findings.filter((f) => f.code === 'ROUND_PREVIOUS_AGENCY_ABSENT').map((f) => f.agency);
    expect(absent).toHaveLength(21); // 20 departments + 25088
    expect(absent).toContain('25088');
    // "PHƯỜNG ĐÔNG HƯNG" (row 1, in capitals) is Phường Đông Hưng, 25016: printed 97,34, rank 1.
    const a = r.agencies.find((x) => x.code === '25016')!;
    expect(a.previous!.index.exact).toBe('97.34');
    expect(a.previous!.rank).toBe(1);
    expect(a.previous!.rankChange).toBe(1 - a.rank!);
    const now = Rational.fromExact(a.total.index.exact)!;
    expect(a.previous!.indexChange.exact).toBe(now.sub(Rational.fromExact('97.34')!).toExact());
    const hoa = r.agencies.find((x) => x.code === '25001')!; // printed "Phường Hòa Bình"
    expect(hoa.previous).toBeDefined();
    expect(r.agencies.find((x) => x.code === '25088')!.isNew).toBe(true);
  });
});
