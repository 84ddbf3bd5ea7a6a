/**
 * `criteria diff` and crosswalks: two versions of the tiny set (criterion 1.2 moved into field 2,
 * field 2 renamed, a rule changed, a bonus item replaced), the crosswalk the diff writes, and a
 * round compared with last year through it, figures worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { crosswalkCode, type Crosswalk } from '../../src/criteria/crosswalk.js';
import { crosswalkFromDiff, diffCriteriaSets } from '../../src/criteria/diff.js';
import { CriteriaSet } from '../../src/criteria/schema.js';
import { runRound } from '../../src/pipeline/run-round.js';
import type { RoundResult } from '../../src/result/schema.js';
import { baseSet } from '../helpers/criteria.js';
import { runBin } from '../helpers/cli.js';
import { makeRound } from '../helpers/round.js';

// biome-ignore lint/suspicious/noExplicitAny: tests mutate parsed YAML of any shape
type Raw = Record<string, any>;

/** tiny@2: field 1 keeps 1.1 (3 points); criterion 1.2 becomes 2.2 under field 2, renamed "… (mở rộng)", 4 + 3 = 7. */
function v2(): Raw {
  const s: Raw = structuredClone(baseSet());
  s.version = '2';
  const c12 = s.fields[0].children[1];
  c12.code = '2.2';
  c12.children[0].code = '2.2.1';
  c12.children[1].code = '2.2.2';
  s.fields[0].children = [s.fields[0].children[0]];
  s.fields[0].max = 3;
  s.fields[1].children.push(c12);
  s.fields[1].max = 7;
  s.fields[1].title = { vi: 'Lĩnh vực 2 (mở rộng)' };
  return s;
}
const v1 = (): Raw => ({ ...baseSet(), version: '1' });

describe('criteria diff', () => {
  it('finds moved, renamed, changed, added and removed nodes', () => {
    const b = v2();
    b.fields[0].children[0].children[1].rule.options[1].points = 0.25; // 1.1.2: late 0.5 → 0.25
    const bonus = b.fields[1].children[0].children;
    bonus.splice(3, 1); // 2.1.4 "Thưởng" removed
    bonus.push({
      code: '2.1.6',
      title: { vi: 'Thưởng sáng kiến' },
      max: 1,
      source: 'bonus',
      rule: { kind: 'boolean' },
    });
    const d = diffCriteriaSets(CriteriaSet.parse(v1()), CriteriaSet.parse(b));
    const lines = d.nodes
      .filter((n) => n.change !== 'matched' || n.how !== 'same' || n.max || n.rule || n.source)
      .map((n) =>
        n.change === 'matched'
          ? `${n.how} ` +
            `${n.from}→${n.to}${n.max ? ` max ${n.max.from}→${n.max.to}` : ''}` +
            `${n.rule ? ` rule ${n.rule.from}→${n.rule.to}` : ''}`
          : n.change === 'added'
            ? `added ${n.to}`
            : `removed ${n.from}`,
      );
    expect(lines).toEqual([
      'same 1→1 max 6→3',
      'same 1.1.2→1.1.2 rule choice→choice',
      'renamed 2→2 max 4→7',
      'added 2.1.6',
      'moved 1.2→2.2',
      'moved 1.2.1→2.2.1',
      'moved 1.2.2→2.2.2',
      'removed 2.1.4',
    ]);
    expect(d.counts).toMatchObject({ added: 1, removed: 1, renamed: 1, moved: 3, changed: 3 });
    // The crosswalk lists what moved (descendants follow their group) and what was removed.
    expect(crosswalkFromDiff(d).map).toEqual({ '1.2': '2.2', '2.1.4': null });
  });

  it('crosswalkCode carries descendants, keeps unlisted codes and drops removed ones', () => {
    const cw: Crosswalk = {
      format: 1,
      kind: 'crosswalk',
      from: 'a@1',
      to: 'a@2',
      map: { '1.2': '2.2', '3': '4', '2.1.4': null },
    };
    expect(['1.2', '1.2.1', '1.2.10', '1.1.2', '3.1.1', '2.1.4', '2.1.40'].map((c) => crosswalkCode(cw, c))).toEqual([
      '2.2',
      '2.2.1',
      '2.2.10',
      '1.1.2',
      '4.1.1',
      undefined,
      '2.1.40',
    ]);
  });

  it('parindex criteria diff prints the changes and writes the crosswalk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-diff-'));
    writeFileSync(join(dir, 'v1.yaml'), stringify(v1()));
    writeFileSync(join(dir, 'v2.yaml'), stringify(v2()));
    const r = runBin([
      'criteria',
      'diff',
      join(dir, 'v1.yaml'),
      join(dir, 'v2.yaml'),
      '--crosswalk',
      join(dir, 'cw.yaml'),
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/~ 2\.2 Tiêu chí 1\.2: moved 1\.2 → 2\.2/);
    expect(r.stdout).toMatch(
      /~ 2 Lĩnh vực 2 \(mở rộng\): renamed: "Lĩnh vực 2" → "Lĩnh vực 2 \(mở rộng\)"; maximum 4 → 7/,
    );
    expect(r.stdout).toMatch(/0 added, 0 removed, 1 renamed, 3 moved, 2 with changed maxima or rules/);
    expect(parse(readFileSync(join(dir, 'cw.yaml'), 'utf8'))).toEqual({
      format: 1,
      kind: 'crosswalk',
      from: 'tiny@1',
      to: 'tiny@2',
      map: { '1.2': '2.2' },
    });
  });
});

describe('a round compared with last year through a crosswalk', async () => {
  const field = (r: RoundResult, agency: string, code: string) =>
    r.agencies.find((a) => a.code === agency)!.previous!.fields.find((f) => f.code === code);
  const before = await runRound(await makeRound({ year: 2024, appraisal: false, set: v1() }));
  const recode = { '1.2.1': '2.2.1', '1.2.2': '2.2.2' };
  const crosswalk = { format: 1, kind: 'crosswalk', from: 'tiny@1', to: 'tiny@2', map: { '1.2': '2.2' } };
  const withCw = await runRound(
    await makeRound({ year: 2025, appraisal: true, previous: before.result!, set: v2(), recode, crosswalk }),
  );
  const without = await runRound(
    await makeRound({ year: 2025, appraisal: true, previous: before.result!, set: v2(), recode }),
  );

  it('scores this year without errors', () => {
    expect(withCw.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(withCw.findings.map((f) => f.code)).not.toContain('ROUND_CRITERIA_CHANGED');
    expect(withCw.result!.inputs.map((i) => i.role)).toContain('crosswalk');
  });

  it('D1, field 1 (now 1.1 only): 2,25/3 = 75% last year, 1,75/3 this year after appraisal: −50/3 points', () => {
    // last year: 1.1.1 0,75 + 1.1.2 late 0,5 + 1.1.3 yes 1 = 2,25 of 3; this year 1.1.1 appraised to 0,25.
    expect(field(withCw.result!, 'D1', '1')).toEqual({
      code: '1',
      index: { exact: '75', value: 75 },
      change: { exact: '-50/3', value: -16.67 },
    });
  });

  it('D1, field 2 (old field 2 + old 1.2): (2 + 0,75 + 1,5 + 1,6)/(3 + 4) = 585/7 % last year, unchanged', () => {
    // old 1.2.1 45/45 → 2, old 1.2.2 one deduction → 0,75, 2.1.1 1,5, survey 0,8 × 2 = 1,6.
    expect(field(withCw.result!, 'D1', '2')).toEqual({
      code: '2',
      index: { exact: '585/7', value: 83.57 },
      change: { exact: '0', value: 0 },
    });
  });

  it('without the crosswalk: a warning, and field 2 is compared with old field 2 alone (3,1/4 = 77,5%)', () => {
    expect(without.findings.map((f) => f.code)).toContain('ROUND_CRITERIA_CHANGED');
    expect(field(without.result!, 'D1', '2')!.index.exact).toBe('77.5');
  });
});
