import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCriteriaFile, listCriteriaFiles } from '../../src/criteria/load.js';
import { baseSet, writeSet } from '../helpers/criteria.js';
import { runBin } from '../helpers/cli.js';

// biome-ignore lint/suspicious/noExplicitAny: tests mutate parsed YAML of any shape
type Obj = Record<string, any>;

function emptyDir(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parindex-')), name);
  mkdirSync(dir);
  return dir;
}

function check(mutate: (s: Obj) => void) {
  const set = baseSet() as Obj;
  mutate(set);
  const path = writeSet(set);
  return loadCriteriaFile(path, 'set.yaml');
}

function codes(r: ReturnType<typeof check>) {
  return r.findings.map((f) => ({ code: f.code, path: f.location.path, criterion: f.criterion }));
}

describe('criteria check: named rules', () => {
  it('accepts the valid base set', () => {
    const r = check(() => {});
    expect(r.findings).toEqual([]);
    expect(r.index?.items.map((i) => i.item.code)).toEqual([
      '1.1.1',
      '1.1.2',
      '1.1.3',
      '1.2.1',
      '1.2.2',
      '2.1.1',
      '2.1.2',
      '2.1.3',
      '2.1.4',
      '2.1.5',
    ]);
  });

  it('reports a duplicate code at the second node', () => {
    const r = check((s) => {
      s.fields[0].children[0].children[1].code = '1.1.1';
    });
    expect(codes(r)).toContainEqual({
      code: 'CRITERIA_DUPLICATE_CODE',
      path: 'fields.0.children.0.children.1.code',
      criterion: '1.1.1',
    });
  });

  it('reports children not adding up to the parent', () => {
    const r = check((s) => {
      s.fields[0].children[0].children[0].max = 0.5;
      s.fields[0].children[0].children[0].rule.step = 0.25;
    });
    expect(codes(r)).toEqual([
      { code: 'CRITERIA_MAX_MISMATCH', path: 'fields.0.children.0.max', criterion: '1.1' },
      { code: 'CRITERIA_SOURCE_TOTAL_MISMATCH', path: 'sourceTotals.appraisal', criterion: undefined },
    ]);
    expect(r.findings[0]!.args).toMatchObject({ max: '3', sum: '2.5' });
    expect(r.findings[0]!.location.line).toBeGreaterThan(1);
  });

  it('reports a total different from the declared one', () => {
    const r = check((s) => {
      s.total = 12;
    });
    expect(codes(r)).toEqual([{ code: 'CRITERIA_TOTAL_MISMATCH', path: 'total', criterion: undefined }]);
  });

  it('reports a source subtotal that does not add up', () => {
    const r = check((s) => {
      s.sourceTotals.survey = 3;
    });
    expect(codes(r).map((c) => c.code)).toEqual(['CRITERIA_SOURCE_TOTAL_MISMATCH']);
  });

  it('reports overlapping bands in a rule and in the grading', () => {
    const r = check((s) => {
      s.fields[0].children[1].children[0].rule.bands[2].max = 85;
      s.bands[1].min = 75;
    });
    expect(codes(r)).toEqual([
      { code: 'CRITERIA_BAND_OVERLAP', path: 'fields.0.children.1.children.0.rule.bands.1.min', criterion: '1.2.1' },
      { code: 'CRITERIA_BAND_OVERLAP', path: 'bands.1.min', criterion: undefined },
    ]);
  });

  it('reports a band gap with its bounds', () => {
    const r = check((s) => {
      s.fields[0].children[1].children[0].rule.bands[2].max = 70;
    });
    expect(codes(r)).toEqual([
      { code: 'CRITERIA_BAND_GAP', path: 'fields.0.children.1.children.0.rule.bands.1.min', criterion: '1.2.1' },
    ]);
    expect(r.findings[0]!.args).toMatchObject({ from: '70', to: '80' });
  });

  it('reports grading bands that stop short of 100', () => {
    const r = check((s) => {
      s.bands[0].max = 95;
    });
    expect(codes(r)).toEqual([{ code: 'CRITERIA_BAND_GAP', path: 'bands', criterion: undefined }]);
  });

  it('reports a band whose lower bound is above its upper bound', () => {
    const r = check((s) => {
      s.bands[2] = { id: 'C', label: { vi: 'C' }, min: 80, max: 0 };
    });
    expect(codes(r).map((c) => c.code)).toContain('CRITERIA_BAND_ORDER');
  });

  it('reports an option worth more than the maximum', () => {
    const r = check((s) => {
      s.fields[0].children[0].children[1].rule.options[0].points = 1.5;
    });
    expect(codes(r)).toEqual([
      {
        code: 'CRITERIA_POINTS_ABOVE_MAX',
        path: 'fields.0.children.0.children.1.rule.options.0.points',
        criterion: '1.1.2',
      },
    ]);
  });

  it('reports an unknown rule kind', () => {
    const r = check((s) => {
      s.fields[0].children[0].children[0].rule = { kind: 'ratio' };
    });
    expect(codes(r)).toEqual([
      { code: 'CRITERIA_UNKNOWN_RULE_KIND', path: 'fields.0.children.0.children.0.rule.kind', criterion: undefined },
    ]);
    expect(r.set).toBeUndefined();
  });

  it('reports an unknown key (strict objects), with its line', () => {
    const r = check((s) => {
      s.fields[1].children[0].children[0].maxx = 2;
    });
    expect(codes(r)).toEqual([
      { code: 'CRITERIA_UNKNOWN_KEY', path: 'fields.1.children.0.children.0.maxx', criterion: undefined },
    ]);
    expect(r.findings[0]!.location.line).toBeGreaterThan(10);
  });

  it('reports a step that does not divide the maximum', () => {
    const r = check((s) => {
      s.fields[0].children[0].children[0].rule.step = 0.3;
    });
    expect(codes(r)).toEqual([
      { code: 'CRITERIA_STEP_NOT_DIVIDING', path: 'fields.0.children.0.children.0.rule.step', criterion: '1.1.1' },
    ]);
  });

  it('reports an unknown agency kind', () => {
    const r = check((s) => {
      s.fields[1].children[0].children[0].appliesTo = ['district'];
    });
    expect(codes(r).map((c) => c.code)).toContain('CRITERIA_UNKNOWN_AGENCY_KIND');
  });

  it('reports a malformed code and a code outside its parent', () => {
    const r = check((s) => {
      s.fields[0].children[0].children[0].code = '1.1.x';
      s.fields[0].children[1].children[1].code = '1.3.2';
    });
    expect(
      codes(r)
        .filter((c) => c.code === 'CRITERIA_CODE_FORMAT')
        .map((c) => c.criterion),
    ).toEqual(['1.1.x', '1.3.2']);
  });

  it('reports a wrong type as a shape finding at its path', () => {
    const r = check((s) => {
      s.fields[0].max = 'sáu';
    });
    expect(codes(r)).toEqual([{ code: 'CRITERIA_SHAPE', path: 'fields.0.max', criterion: undefined }]);
  });

  it('warns about unconfirmed values', () => {
    const r = check((s) => {
      s.fields[0].provenance = 'unconfirmed';
    });
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['CRITERIA_UNCONFIRMED', 'warning']]);
    expect(r.index).toBeDefined();
  });

  it('accepts a point band at 100% beside a band ending at 100', () => {
    const r = check((s) => {
      s.fields[0].children[1].children[0].rule.bands = [
        { min: 100, max: 100, points: 2 },
        { min: 0, max: 100, points: 0, linearTo: 2 },
      ];
    });
    expect(r.findings).toEqual([]);
  });
});

describe('bundled criteria sets', () => {
  it('all pass criteria check', () => {
    const files = listCriteriaFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = loadCriteriaFile(f.path);
      expect(
        r.findings.filter((x) => x.severity === 'error'),
        f.path,
      ).toEqual([]);
    }
  });
});

describe('criteria check: command', () => {
  it('exits 0 on the bundled sets', () => {
    const r = runBin(['criteria', 'check']);
    expect(r.code).toBe(0);
  });

  it('exits 1 and names the defect in --json', () => {
    const set = baseSet() as Obj;
    set.fields[0].children[0].children[1].code = '1.1.1';
    const r = runBin(['criteria', 'check', writeSet(set), '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0].findings.map((f: Obj) => f.code)).toEqual(['CRITERIA_DUPLICATE_CODE']);
    expect(r.stderr).toBe('');
  });

  it.each([
    ['malformed YAML', writeSet('format: 1\nid: [unclosed\n')],
    ['a missing file', '/nonexistent/criteria.yaml'],
    ['a folder in place of a file', emptyDir('criteria.yaml')],
  ])('exits 2 with a one-line message on %s', (_name, path) => {
    const r = runBin(['criteria', 'check', path]);
    expect(r.code).toBe(2);
    const errLines = r.stderr.trim().split('\n');
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(/^parindex: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
