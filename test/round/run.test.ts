/**
 * A whole round on the tiny set (test/helpers/criteria.ts), every figure worked out by hand:
 * self-scoring through each rule kind, appraisal in two rounds, survey shares, a not-applicable
 * item rescaled, bonus and penalty, a tie (1, 1, 3, 4), a missing submission, last year's ranks.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRound } from '../../src/pipeline/run-round.js';
import type { RoundResult } from '../../src/result/schema.js';
import { COMMUNE, HEAD, makeRound } from '../helpers/round.js';
import { runBin } from '../helpers/cli.js';

const agency = (r: RoundResult, code: string): RoundResult['agencies'][number] =>
  r.agencies.find((a) => a.code === code)!;

describe('a whole round, worked by hand', async () => {
  const before = await runRound(await makeRound({ year: 2024, appraisal: false }));
  const dir = await makeRound({ year: 2025, appraisal: true, previous: before.result! });
  const run = await runRound(dir);
  const r = run.result!;

  it('scores without errors; the commune without a file is reported and left unranked', () => {
    expect(run.blocked).toBe(false);
    expect(run.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(run.findings.map((f) => [f.code, f.agency])).toContainEqual(['ROUND_SUBMISSION_MISSING', 'X2']);
    expect(agency(r, 'X2').status).toBe('missing');
    expect(agency(r, 'X2').rank).toBeUndefined();
  });

  it('D3: 6.5 appraisal + 0.8 × 2 survey + 0.5 bonus = 8.6 of 10 → 86%, group B', () => {
    const a = agency(r, 'D3');
    expect(a.total.points.exact).toBe('8.6');
    expect(a.total.max.exact).toBe('10');
    expect(a.total.index.exact).toBe('86');
    expect(a.band).toBe('B');
    expect(a.bySource.survey.points.exact).toBe('1.6');
  });

  it(
    'D1: the second appraisal file overrides the first (0.75 → 0.5 → 0.25): 6.5 − 0.5 + 1.6 + 0.5 = 8.1 → 81%, ' +
      'both changes kept',
    () => {
      const a = agency(r, 'D1');
      expect(a.total.points.exact).toBe('8.1');
      expect(a.total.index.exact).toBe('81');
      const item = a.items.find((i) => i.code === '1.1.1')!;
      expect(item.final.exact).toBe('0.25');
      expect(item.reason).toBe('Giải trình không đủ căn cứ');
      const trail = r.appraisalChanges
        .filter((c) => c.agency === 'D1')
        .map((c) => [c.from?.exact, c.to.exact, c.order, c.file]);
      expect(trail).toEqual([
        ['0.75', '0.5', 1, 'dot1.xlsx'],
        ['0.5', '0.25', 2, 'dot2.xlsx'],
      ]);
    },
  );

  it('D2: "not applicable" on 1.1.3 drops it from the maximum: 7.6 of 9 = 84.44…%', () => {
    const a = agency(r, 'D2');
    expect(a.total.points.exact).toBe('7.6');
    expect(a.total.max.exact).toBe('9');
    expect(a.total.index.exact).toBe('760/9');
    expect(a.total.index.value).toBe(84.44);
  });

  it('X1: 8 + 1.8 survey − penalty 3 × 1 capped at 2 = 7.8 → 78%, group C', () => {
    const a = agency(r, 'X1');
    expect(a.total.index.exact).toBe('78');
    expect(a.band).toBe('C');
    expect(a.bySource.penalty.exact).toBe('2');
  });

  it('ranks the departments 1, 1, 3, 4 (D3 and D4 tied at 86%) and the communes separately', () => {
    const ranks = ['D3', 'D4', 'D2', 'D1'].map((c) => agency(r, c).rank);
    expect(ranks).toEqual([1, 1, 3, 4]);
    expect(agency(r, 'X1').rank).toBe(1);
    expect(r.groups.map((g) => g.id)).toEqual(['so', 'xa']);
  });

  it('compares with last year: D1 fell from 1st (tied) to 4th, D2 rose from 4th to 3rd', () => {
    expect(agency(before.result!, 'D1').rank).toBe(1);
    expect(agency(before.result!, 'D2').rank).toBe(4);
    expect(agency(r, 'D1').previous?.rankChange).toBe(-3);
    expect(agency(r, 'D2').previous?.rankChange).toBe(1);
    expect(agency(r, 'D3').previous?.rankChange).toBe(0);
  });

  it('records every input file with its SHA-256, paths relative to the round', () => {
    const files = r.inputs.map((i) => `${i.role}:${i.file}`);
    expect(files).toEqual(
      expect.arrayContaining([
        'round:round.yaml',
        'roster:roster.csv',
        'submission:nop/so.csv',
        'submission:nop/xa.csv',
        'appraisal:dot1.xlsx',
        'appraisal:dot2.xlsx',
        'survey:khao-sat.csv',
        'previous:truoc.json',
      ]),
    );
    for (const i of r.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the order in which submission files are found changes nothing but their names', async () => {
    // Swap the files' names: the commune file is now found first.
    renameSync(join(dir, 'nop', 'so.csv'), join(dir, 'nop', 'z-so.csv'));
    renameSync(join(dir, 'nop', 'xa.csv'), join(dir, 'nop', 'a-xa.csv'));
    const again = (await runRound(dir)).result!;
    const strip = (x: RoundResult): string =>
      JSON.stringify({ ...x, inputs: [], findings: [] })
        .replaceAll('z-so.csv', 'so.csv')
        .replaceAll('a-xa.csv', 'xa.csv');
    expect(strip(again)).toBe(strip(r));
    renameSync(join(dir, 'nop', 'z-so.csv'), join(dir, 'nop', 'so.csv'));
    renameSync(join(dir, 'nop', 'a-xa.csv'), join(dir, 'nop', 'xa.csv'));
  });

  it('`score` twice writes byte-identical result.json, and exits 0', () => {
    const a = runBin(['score', dir, '--out', join(dir, 'r1.json')]);
    const b = runBin(['score', dir, '--out', join(dir, 'r2.json')]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(readFileSync(join(dir, 'r1.json'))).toEqual(readFileSync(join(dir, 'r2.json')));
    expect(a.stdout).toContain('Sở Ba');
  });

  it('errors block scoring with exit 1 unless --allow-incomplete', () => {
    writeFileSync(
      join(dir, 'nop', 'xa.csv'),
      [HEAD, ...COMMUNE.map((l) => l.replace('X1;1.1.1;1;', 'X1;1.1.1;7;'))].join('\r\n'),
    );
    const blocked = runBin(['score', dir, '--out', join(dir, 'r3.json')]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('INTAKE_ABOVE_MAX');
    const forced = runBin(['score', dir, '--allow-incomplete', '--out', join(dir, 'r3.json')]);
    expect(forced.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'r3.json'), 'utf8')).agencies.length).toBe(6);
  });
});

describe('the result shares what recurs', () => {
  it(
    'one object for each number (within a set) and each detail sentence that recur across agencies, and the ' +
      'same JSON as unshared copies',
    async () => {
      const r = (await runRound(await makeRound({ year: 2025, appraisal: true }))).result!;
      const items = r.agencies.flatMap((a) => a.items);
      // Numbers are rounded by their set's rule, so they are shared within a set.
      const byExact = new Map<string, Set<object>>();
      for (const a of r.agencies)
        for (const it of a.items)
          for (const n of [it.max, it.final])
            byExact.set(`${a.set} ${n.exact}`, (byExact.get(`${a.set} ${n.exact}`) ?? new Set()).add(n));
      expect(byExact.size).toBeGreaterThan(1);
      for (const [exact, objects] of byExact) expect(objects.size, exact).toBe(1);
      const details = new Map<string, Set<object>>();
      for (const it of items)
        details.set(
          `${it.detail.vi}|${it.detail.en}`,
          (details.get(`${it.detail.vi}|${it.detail.en}`) ?? new Set()).add(it.detail),
        );
      expect([...details.values()].some((s) => s.size === 1)).toBe(true);
      for (const s of details.values()) expect(s.size).toBe(1);
      expect(items.length).toBeGreaterThan(details.size);
      expect(JSON.stringify(r, null, 2)).toBe(JSON.stringify(structuredClone(r), null, 2));
    },
  );
});
