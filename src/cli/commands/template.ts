/** Command: template — the self-scoring workbook (or long CSV) for agencies. */
import type { Command } from 'commander';
import { loadCriteriaSet } from '../../criteria/load.js';
import { UsageError } from '../../findings/errors.js';
import { renderTemplateCsv } from '../../intake/template-csv.js';
import { renderTemplateXlsx, type TemplateOptions } from '../../intake/template.js';
import { planDocument } from '../../report/write-report.js';
import type { Register } from '../command.js';
import { closest, didYouMean, withRefSuggestion } from '../suggest.js';

interface TemplateOpts {
  criteria: string;
  kind?: string;
  agency?: string;
  name?: string;
  year?: string;
  csv?: boolean;
  out: string;
  force?: boolean;
}

export const registerTemplateCommands: Register = (program, run) => {
  program
    .command('template')
    .description('biểu mẫu tự chấm điểm cho cơ quan / the self-scoring workbook for agencies')
    .requiredOption('--criteria <ref>', 'bộ tiêu chí id@version hoặc đường dẫn / criteria set')
    .requiredOption('--out <file>', 'tệp cần ghi (.xlsx, hoặc .csv với --csv) / file to write')
    .option('--kind <kind>', 'chỉ các tiêu chí của loại cơ quan này / only the items of this agency kind')
    .option('--agency <code>', 'mã cơ quan điền sẵn / agency code to prefill')
    .option('--name <name>', 'tên cơ quan điền sẵn / agency name to prefill')
    .option('--year <year>', 'năm đánh giá / assessment year')
    .option('--csv', 'ghi dạng CSV dài (mỗi tiêu chí một dòng) / write the long CSV form')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async function (this: Command) {
      await run(this, async (ctx) => {
        const o = this.opts<TemplateOpts>();
        const idx = withRefSuggestion(o.criteria, () => loadCriteriaSet(o.criteria, [], ctx.cwd));
        if (o.kind !== undefined && !idx.set.agencyKinds.some((k) => k.id === o.kind)) {
          const kinds = idx.set.agencyKinds.map((k) => k.id).join(', ');
          const hint = didYouMean(
            closest(
              o.kind,
              idx.set.agencyKinds.map((k) => k.id),
            ),
          );
          throw new UsageError({
            vi: `Loại cơ quan "${o.kind}" không có trong bộ ${idx.ref} (có: ${kinds}). ${hint.vi}`.trim(),
            en: `Agency kind "${o.kind}" is not in ${idx.ref} (known: ${kinds}). ${hint.en}`.trim(),
          });
        }
        let year: number | undefined;
        if (o.year !== undefined) {
          year = Number(o.year);
          if (!Number.isInteger(year) || year < 2000 || year > 2100)
            throw new UsageError({
              vi: `--year phải là một năm (nhận được "${o.year}").`,
              en: `--year must be a year (got "${o.year}").`,
            });
        }
        const write = planDocument(o.out, { force: o.force === true });
        const opts: TemplateOptions = { lang: ctx.lang };
        if (o.kind) opts.kind = o.kind;
        if (o.agency)
          opts.agency = o.name
            ? { code: o.agency.trim().toUpperCase(), name: o.name }
            : { code: o.agency.trim().toUpperCase() };
        if (year !== undefined) opts.year = year;
        const content = o.csv ? renderTemplateCsv(idx, opts) : await renderTemplateXlsx(idx, opts);
        await write(content);
        if (ctx.json) ctx.out(JSON.stringify({ command: 'template', criteria: idx.ref, out: o.out }, null, 2));
        else ctx.err(ctx.lang === 'vi' ? `Đã ghi ${o.out} (${idx.ref}).` : `Wrote ${o.out} (${idx.ref}).`);
        return 0;
      });
    });
};
