/**
 * The lean workbook reader must give exactly what the exceljs reader gives — grid for grid on
 * every workbook we have, and finding for finding through `validate` — or decline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { GridSheet } from '../../src/load/grid.js';
import { readXlsxLean } from '../../src/load/xlsx-lean.js';
import { readXlsxSheets } from '../../src/load/xlsx.js';
import { guardWorkbookZip } from '../../src/load/zip-guard.js';
import { renderTemplateXlsx } from '../../src/intake/template.js';
import { loadCriteriaSet } from '../../src/criteria/load.js';
import { validateFiles, collectFiles } from '../../src/pipeline/check-files.js';
import { ROOT } from '../helpers/cli.js';
import { rezip } from '../helpers/zip.js';

function plain(sheets: GridSheet[]): unknown {
  return sheets.map((s) => ({
    name: s.name,
    state: s.state,
    rowCount: s.rowCount,
    colCount: s.colCount,
    hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
    hiddenCols: [...s.hiddenCols].sort((a, b) => a - b),
    cells: [...s.rows.values()].flatMap((r) => [...r.values()]).sort((a, b) => a.row - b.row || a.col - b.col),
  }));
}

async function both(buf: Buffer): Promise<{ lean: unknown; exceljs: unknown }> {
  const parts = new Map<string, Buffer>();
  await guardWorkbookZip(buf, 'x.xlsx', DEFAULT_LIMITS, parts);
  const lean = readXlsxLean(parts);
  return { lean: lean && plain(lean), exceljs: plain(await readXlsxSheets(buf)) };
}

function workbooks(): string[] {
  const dirs = ['fixtures/intake', 'fixtures/sample-round/submissions/so-nganh', 'fixtures/sample-round/appraisal'];
  return dirs.flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((n) => n.endsWith('.xlsx'))
      .map((n) => join(ROOT, d, n)),
  );
}

/**
 * A workbook with what agencies' files hold: merges, hidden rows and columns, dates, percents, rich text, errors,
 * formulas.
 */
async function crafted(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tự chấm điểm');
  ws.addRow(['Mã', 'Nội dung', 'Điểm tự chấm', 'Tỷ lệ']);
  ws.addRow(['1.1.1', { richText: [{ text: 'Ban hành ' }, { font: { bold: true }, text: 'kế hoạch' }] }, 1, 0.95]);
  ws.getCell('D2').numFmt = '0.00%';
  ws.addRow(['1.1.2', 'Ngày', new Date(Date.UTC(2025, 2, 4)), { formula: 'C2*2', result: 2 }]);
  ws.addRow(['1.1.3', { error: '#N/A' }, true, { formula: 'D9' }]);
  ws.addRow(['1.1.4', 'gộp', null, null]);
  ws.mergeCells('B5:D5');
  ws.addRow(['1.1.5', 'ẩn', 0, { formula: 'C6', result: 0 }]);
  ws.getRow(6).hidden = true;
  ws.getColumn(4).hidden = true;
  ws.getCell('F9').value = 'xa';
  ws.getCell('A12').numFmt = '0.0';
  const hidden = wb.addWorksheet('Ẩn', { state: 'veryHidden' });
  hidden.addRow(['x', 1.5]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('lean workbook reader', () => {
  it('gives the same grid as exceljs on every fixture workbook it reads, and reads the plain ones', async () => {
    let read = 0;
    for (const f of workbooks()) {
      const buf = readFileSync(f);
      let r: { lean: unknown; exceljs: unknown };
      try {
        r = await both(buf);
      } catch {
        continue; // a file exceljs cannot read either (broken fixtures): covered by the findings test
      }
      if (r.lean === undefined) continue;
      read++;
      expect(r.lean, f).toEqual(r.exceljs);
    }
    expect(read).toBeGreaterThanOrEqual(10);
  });

  it(
    'gives the same grid on a workbook with merges, hidden rows and columns, dates, percents, rich text, ' +
      'errors and formulas',
    async () => {
      const r = await both(await crafted());
      expect(r.lean).toBeDefined();
      expect(r.lean).toEqual(r.exceljs);
    },
  );

  it('gives the same grid on a generated template, and on one with inline strings', async () => {
    const set = loadCriteriaSet('illustrative-internal@2025.1');
    const buf = await renderTemplateXlsx(set, { lang: 'vi', agency: { code: 'SNV', name: 'Sở Nội vụ' }, year: 2025 });
    const r = await both(Buffer.from(buf));
    expect(r.lean).toEqual(r.exceljs);
    const inline = rezip(readFileSync(join(ROOT, 'fixtures/sample-round/submissions/so-nganh/snv.xlsx')), (ps) =>
      ps.map((p) =>
        p.name === 'xl/worksheets/sheet2.xml'
          ? {
              ...p,
              data: Buffer.from(
                p.data
                  .toString('utf8')
                  .replace(
                    '<c r="M4" t="s"><v>',
                    '<c r="M4" t="inlineStr"><is><r><t>Văn bản </t></r><r><t>số 1</t></r></is></c><c r="Z4" t="s"><v>',
                  ),
              ),
            }
          : p,
      ),
    );
    const r2 = await both(inline);
    expect(JSON.stringify(r2.lean)).toContain('Văn bản số 1');
    expect(r2.lean).toEqual(r2.exceljs);
  });

  it('reads cell references written another way ($M$4, M04) as exceljs does', async () => {
    for (const spelled of ['$M$4', 'M04', '$M4']) {
      const buf = rezip(readFileSync(join(ROOT, 'fixtures/sample-round/submissions/so-nganh/snv.xlsx')), (ps) =>
        ps.map((p) =>
          p.name === 'xl/worksheets/sheet2.xml'
            ? { ...p, data: Buffer.from(p.data.toString('utf8').replace('<c r="M4"', `<c r="${spelled}"`)) }
            : p,
        ),
      );
      const r = await both(buf);
      expect(JSON.stringify(r.lean), spelled).toContain('"address":"M4"');
      expect(r.lean, spelled).toBeDefined();
      expect(r.lean, spelled).toEqual(r.exceljs);
    }
  });

  it('declines shared formulas, which exceljs translates', async () => {
    const buf = rezip(readFileSync(join(ROOT, 'fixtures/sample-round/submissions/so-nganh/snv.xlsx')), (ps) =>
      ps.map((p) =>
        p.name === 'xl/worksheets/sheet2.xml'
          ? {
              ...p,
              data: Buffer.from(
                p.data
                  .toString('utf8')
                  .replace(/<c r="E2"([^>]*)><f>([^<]*)<\/f>/, '<c r="E2"$1><f t="shared" ref="E2:E3" si="0">$2</f>'),
              ),
            }
          : p,
      ),
    );
    const parts = new Map<string, Buffer>();
    await guardWorkbookZip(buf, 'x.xlsx', DEFAULT_LIMITS, parts);
    expect(parts.get('xl/worksheets/sheet2.xml')?.toString('utf8')).toContain('t="shared"');
    expect(readXlsxLean(parts)).toBeUndefined();
  });

  it('validate gives the same findings with either reader', async () => {
    const files = collectFiles(
      [join(ROOT, 'fixtures/intake'), join(ROOT, 'fixtures/sample-round/submissions/so-nganh')],
      ROOT,
    );
    const set = loadCriteriaSet('illustrative-internal@2025.1');
    const run = async (reader: 'lean' | 'exceljs'): Promise<unknown> => {
      const r = await validateFiles(files, { expected: set, read: { limits: DEFAULT_LIMITS, reader } });
      return r.files.map((f) => ({ file: f.file, findings: f.findings.map((x) => [x.code, x.location, x.args]) }));
    };
    expect(await run('exceljs')).toEqual(await run('lean'));
  });
});
