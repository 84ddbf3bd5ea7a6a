/**
 * Word tables into the grid: cells merged across and down become merged ranges, a table inside a
 * cell gives its text to that cell, deleted (tracked) text is left out, and a document with a DTD
 * is refused like a workbook.
 */
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../helpers/zip-write.mjs';
import { isWordDocument, readWordTables } from '../../src/load/docx.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (t: string): string => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (body: string, pr = ''): string => `<w:tc><w:tcPr>${pr}</w:tcPr>${body}</w:tc>`;

function docx(body: string, head = ''): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${head}<w:document ${W}><w:body>${body}</w:body></w:document>`;
  return writeZip([{ name: 'word/document.xml', data: Buffer.from(xml) }]);
}

describe('readWordTables', () => {
  it('reads merged cells across (gridSpan) and down (vMerge) as ranges, with paragraphs above as caption', async () => {
    const buf = docx(
      p('BẢNG TIÊU CHÍ') +
        '<w:tbl>' +
        `<w:tr>${tc(p('STT'), '<w:vMerge w:val="restart"/>')}${tc(p('Điểm'), '<w:gridSpan w:val="2"/>')}</w:tr>` +
        `<w:tr>${tc(p(''), '<w:vMerge/>')}${tc(p('Tối đa'))}${tc(p('Tự chấm'))}</w:tr>` +
        `<w:tr>${tc(p('1') + '<w:tbl><w:tr>' + tc(p('lồng')) + '</w:tr></w:tbl>')}` +
        `${tc('<w:p><w:r><w:t>2</w:t></w:r><w:del><w:r><w:delText>5</w:delText></w:r></w:del></w:p>')}</w:tr>` +
        '</w:tbl>',
    );
    expect(isWordDocument(buf)).toBe(true);
    const r = await readWordTables(buf, 'qd.docx', DEFAULT_LIMITS);
    const s = r.grid!.sheets[0]!;
    expect(r.grid!.sheets).toHaveLength(1);
    expect(r.captions.get(s)).toEqual(['BẢNG TIÊU CHÍ']);
    expect(s.get(1, 1)!.merged).toEqual({ role: 'master', range: 'A1:A2' });
    expect(s.get(2, 1)!.merged).toEqual({ role: 'child', range: 'A1:A2' });
    expect(s.get(1, 2)!.merged).toEqual({ role: 'master', range: 'B1:C1' });
    expect(s.get(1, 3)!.merged).toEqual({ role: 'child', range: 'B1:C1' });
    expect([s.text(2, 2), s.text(2, 3)]).toEqual(['Tối đa', 'Tự chấm']);
    expect(s.text(3, 1)).toBe('1\nlồng');
    expect(s.text(3, 2)).toBe('2');
  });

  it('refuses a document that declares a DTD or entities', async () => {
    const r = await readWordTables(
      docx(p('x'), '<!DOCTYPE w:document [<!ENTITY a "aaaa">]>'),
      'bom.docx',
      DEFAULT_LIMITS,
    );
    expect(r.grid).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(['INTAKE_XML_DTD']);
  });

  it('a damaged document is one finding, not an exception', async () => {
    const r = await readWordTables(
      writeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document><w:body><w:tbl>') }]),
      'hong.docx',
      DEFAULT_LIMITS,
    );
    expect(r.grid).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(['INTAKE_CORRUPT']);
  });
});
