/**
 * The long CSV form of the self-scoring template: one row per self-scored item with the agency
 * code prefilled. Vietnamese files use semicolons (what Excel set to Vietnamese opens in
 * columns, and decimal commas stay unquoted); English files use commas. UTF-8 with BOM, CRLF.
 */
import type { CriteriaIndex } from '../criteria/tree.js';
import { csvDialect, csvDocument } from '../core/csv-write.js';
import { CSV_COLUMNS } from './columns.js';
import { templateRows, type TemplateOptions } from './template.js';

export function renderTemplateCsv(idx: CriteriaIndex, opts: TemplateOptions): string {
  const { sep, text: quote } = csvDialect(opts.lang);
  const lines = [CSV_COLUMNS.map((c) => quote(c[opts.lang]))];
  for (const r of templateRows(idx, opts.kind)) {
    if (r.level !== 'item' || !('rule' in r.node) || r.node.rule.kind === 'survey') continue;
    lines.push(
      CSV_COLUMNS.map((c) =>
        c.field === 'agency' ? quote(opts.agency?.code ?? '') : c.field === 'code' ? r.code : '',
      ),
    );
  }
  return csvDocument(lines, sep);
}
