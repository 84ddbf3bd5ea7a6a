/**
 * The template scores itself: on every bundled criteria set, templates filled with seeded random
 * inputs (fast-check) are recalculated by LibreOffice, and every computed cell (items, fields,
 * criteria, bonus, penalty, total, maximum, index) must equal what parindex scores from the same
 * file's raw inputs. The template's cached values are left stale (0) on purpose: a value read
 * back can only come from LibreOffice's recalculation.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listCriteriaFiles, loadCriteriaSet } from '../../src/criteria/load.js';
import type { Item } from '../../src/criteria/schema.js';
import type { CriteriaIndex } from '../../src/criteria/tree.js';
import type { TemplateField } from '../../src/intake/columns.js';
import { renderTemplateXlsx, templateColumn, templateRows, type TemplateRow } from '../../src/intake/template.js';
import { explainFile } from '../../src/pipeline/explain-file.js';
import type { AgencyResult, Num } from '../../src/result/schema.js';
import { HAS_SOFFICE, sofficeConvert, warnMissing } from '../helpers/office.js';

const SAMPLES_PER_SET = 4;
const SEED = 20_251_129;

const col = (f: TemplateField): number => templateColumn(f);

const sets: CriteriaIndex[] = listCriteriaFiles()
  .map((f) => {
    try {
      return loadCriteriaSet(`${f.id}@${f.version}`);
    } catch {
      return undefined; // a questionnaire, not a criteria set
    }
  })
  .filter((x): x is CriteriaIndex => x !== undefined);

/** Fills one item's row from a stream of random numbers: empty, points only, the rule's inputs, N/A, boundaries. */
function fill(row: ExcelJS.Row, item: Item, next: () => number): void {
  const rule = item.rule;
  if (rule.kind === 'survey') return;
  const set = (f: TemplateField, v: string | number): void => {
    row.getCell(col(f)).value = v;
  };
  const step = rule.kind === 'points' ? (rule.step ?? 0.25) : 0.25;
  const entered = (): number => (next() % (Math.floor(item.max / step) + 1)) * step;
  const mode = next() % 7;
  if (mode === 0) return;
  set('evidence', `Văn bản số ${next() % 100}/QĐ`);
  if (mode === 1 || rule.kind === 'points') {
    set('points', entered());
    return;
  }
  if (mode === 2 && item.notApplicable) {
    set('notApplicable', 'x');
    return;
  }
  if (mode === 3) set('points', entered());
  const edge = mode >= 5;
  switch (rule.kind) {
    case 'choice':
      set('option', rule.options[next() % rule.options.length]!.label.vi);
      break;
    case 'boolean':
      set('yes', next() % 2 === 0 ? 'Có' : 'Không');
      break;
    case 'bands': {
      const bounds = rule.bands.flatMap((b) => [b.min, b.max]);
      if (rule.input === 'percent') {
        set('percent', edge ? bounds[next() % bounds.length]! : (next() % 1001) / 10);
      } else if (edge) {
        // A boundary as a ratio: bound/100 with the denominator a multiple of 100 when needed.
        const b = bounds[next() % bounds.length]!;
        const d = [100, 200, 1000][next() % 3]!;
        set('numerator', Math.round((b * d) / 100));
        set('denominator', d);
      } else {
        const d = 1 + (next() % 60);
        set('numerator', next() % (d + 1));
        set('denominator', d);
      }
      break;
    }
    case 'deduction':
    case 'count':
      set('count', next() % 12);
      break;
  }
}

const numOf = (n: Num): number => {
  const [a, b] = n.exact.split('/');
  return b === undefined ? Number(a) : Number(a) / Number(b);
};

function resultOf(cell: ExcelJS.Cell): number {
  const v = cell.value as unknown;
  if (typeof v === 'number') return v;
  // exceljs leaves `result` out when the cached value is 0.
  if (v && typeof v === 'object' && 'formula' in v) return Number((v as { result?: unknown }).result ?? 0);
  return Number.NaN;
}

interface Case {
  idx: CriteriaIndex;
  kind: string;
  file: string;
  rows: TemplateRow[];
}

describe.skipIf(!HAS_SOFFICE)('template scores itself: LibreOffice recalculation equals parindex', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-selfscore-'));
  const out = join(dir, 'recalc');
  mkdirSync(out);
  const cases: Case[] = [];
  const streams = fc.sample(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 4000, maxLength: 4000 }), {
    seed: SEED,
    numRuns: sets.length * SAMPLES_PER_SET,
  });
  let s = 0;
  for (const idx of sets) {
    for (let k = 0; k < SAMPLES_PER_SET; k++) {
      const stream = streams[s++]!;
      let i = 0;
      const next = (): number => stream[i++ % stream.length]!;
      const kind = idx.set.agencyKinds[k % idx.set.agencyKinds.length]!.id;
      const buf = await renderTemplateXlsx(idx, { lang: 'vi', kind, agency: { code: `A${k}` }, year: 2025 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Tự chấm điểm')!;
      const rows = templateRows(idx, kind);
      for (const r of rows) if (r.level === 'item' && k > 0) fill(ws.getRow(r.row), r.node as Item, next);
      const file = join(dir, `${idx.set.id}-${idx.set.version}-${k}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      cases.push({ idx, kind, file, rows });
    }
  }
  sofficeConvert(
    cases.map((c) => c.file),
    'xlsx',
    out,
  );

  it('covers every bundled criteria set and every rule kind', () => {
    expect(sets.length).toBeGreaterThanOrEqual(7);
    const kinds = new Set(sets.flatMap((x) => x.items.map((e) => e.item.rule.kind)));
    for (const k of ['choice', 'boolean', 'bands', 'deduction', 'count', 'points']) expect(kinds).toContain(k);
  });

  const checked = { items: 0, nonZero: 0 };
  for (const [n, c] of cases.entries()) {
    it(`${c.idx.ref} (${c.kind}, sample ${n % SAMPLES_PER_SET}): every computed cell equals parindex`, async () => {
      const x = await explainFile(c.file, { expected: c.idx, kind: c.kind });
      const agency = x.agency as AgencyResult;
      expect(agency).toBeDefined();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, c.file.split('/').pop()!));
      const ws = wb.getWorksheet('Tự chấm điểm')!;
      const got = (r: number): number => resultOf(ws.getCell(r, col('computed')));
      const expected = new Map<string, number>();
      for (const it of agency.items) expected.set(it.code, numOf(it.final));
      for (const nd of [...agency.fields, ...agency.criteria]) expected.set(nd.code, numOf(nd.points));
      const diffs: string[] = [];
      for (const r of c.rows) {
        const want = expected.get(r.code);
        if (want === undefined) continue;
        if (!(Math.abs(got(r.row) - want) <= 1e-9))
          diffs.push(`${r.code}: LibreOffice ${got(r.row)}, parindex ${want}`);
      }
      const top = c.rows[c.rows.length - 1]!.row + 2;
      const totals: [string, number][] = [
        ['fields', numOf(agency.bySource.appraisal.points) + numOf(agency.bySource.survey.points)],
        ['bonus', numOf(agency.bySource.bonus)],
        ['penalty', -numOf(agency.bySource.penalty)],
        ['total', numOf(agency.total.points)],
        ['max', numOf(agency.total.max)],
        ['index', numOf(agency.total.index)],
      ];
      totals.forEach(([name, want], i) => {
        const v = got(top + i);
        if (!(Math.abs(v - want) <= 1e-9)) diffs.push(`${name}: LibreOffice ${v}, parindex ${want}`);
      });
      expect(diffs).toEqual([]);
      checked.items += c.rows.filter((r) => r.level === 'item').length;
      if (numOf(agency.total.points) > 0) checked.nonZero++;
    });
  }

  it('compared real scores, not empty workbooks', () => {
    expect(checked.nonZero).toBeGreaterThanOrEqual(sets.length * (SAMPLES_PER_SET - 1));
    expect(checked.items).toBeGreaterThan(300);
  });
});

describe.skipIf(HAS_SOFFICE)('template self-score without LibreOffice', () => {
  it('is skipped: soffice is not installed', () => {
    warnMissing('soffice (LibreOffice)', 'the template self-score recalculation test');
  });
});
