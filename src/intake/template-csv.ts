/**
 * The long CSV form of the self-scoring template: one row per self-scored item with the agency
 * code prefilled, and the item's title, maximum and rule beside its code so that an agency can
 * tell what `1.1` is. Those three columns are read back as nothing (the reader takes only codes
 * and inputs), so a filled file validates as the bare form does. Vietnamese files use semicolons
 * (what Excel set to Vietnamese opens in columns, and decimal commas stay unquoted); English
 * files use commas. UTF-8 with BOM, CRLF.
 */
import type { CriteriaIndex } from '../criteria/tree.js';
import { textIn } from '../criteria/tree.js';
import { describeRule } from '../criteria/describe.js';
import type { Item } from '../criteria/schema.js';
import { csvDialect, csvDocument } from '../core/csv-write.js';
import { CSV_COLUMNS, SCORING_COLUMNS, type ColumnDef } from './columns.js';
import { templateRows, type TemplateOptions } from './template.js';

/** The template's CSV columns: agency and code, then title, maximum and rule, then the inputs. */
export const CSV_TEMPLATE_COLUMNS: readonly ColumnDef[] = [
  ...CSV_COLUMNS.slice(0, 2),
  ...SCORING_COLUMNS.filter((c) => c.field === 'title' || c.field === 'max' || c.field === 'rule'),
  ...CSV_COLUMNS.slice(2),
];

export function renderTemplateCsv(idx: CriteriaIndex, opts: TemplateOptions): string {
  const { lang } = opts;
  const { sep, text: quote } = csvDialect(lang);
  const lines = [CSV_TEMPLATE_COLUMNS.map((c) => quote(c[lang]))];
  for (const r of templateRows(idx, opts.kind)) {
    if (r.level !== 'item' || !('rule' in r.node) || r.node.rule.kind === 'survey') continue;
    const item = r.node as Item;
    const kinds = item.appliesTo && opts.kind === undefined ? ` [${item.appliesTo.join(', ')}]` : '';
    const max = lang === 'vi' ? String(item.max).replace('.', ',') : String(item.max);
    lines.push(
      CSV_TEMPLATE_COLUMNS.map((c) => {
        switch (c.field) {
          case 'agency':
            return quote(opts.agency?.code ?? '');
          case 'code':
            return r.code;
          case 'title':
            return quote(textIn(item.title, lang));
          case 'max':
            return max;
          case 'rule':
            return quote(describeRule(item, lang) + kinds);
          default:
            return '';
        }
      }),
    );
  }
  return csvDocument(lines, sep);
}
