/** Command survey-template: the workbook staff fill with survey results per agency × survey item. */
import type { Command } from 'commander';
import { hasErrors } from '../../findings/finding.js';
import { makeSurveyTemplate } from '../../pipeline/survey-template.js';
import { renderFindingsSummary } from '../../report/findings-text.js';
import { planDocument } from '../../report/write-report.js';
import type { Register } from '../command.js';

export const registerSurveyTemplateCommands: Register = (program, run) => {
  program
    .command('survey-template')
    .description(
      'bảng tính điểm điều tra xã hội học theo cơ quan × tiêu chí / survey-points workbook per agency × survey item',
    )
    .argument('<round>', 'thư mục kỳ đánh giá / round folder')
    .requiredOption('--out <file>', 'tệp .xlsx cần ghi / .xlsx file to write')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async function (this: Command, dir: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ out: string; force?: boolean }>();
        const write = planDocument(o.out, { force: o.force === true });
        const r = await makeSurveyTemplate(dir, ctx.lang, { cwd: ctx.cwd, read: ctx.read });
        // What the existing tables hold that cannot be carried over is said, and does not stop the workbook.
        const shown = [...r.findings.filter((f) => f.severity === 'error'), ...r.notes];
        if (shown.length > 0) for (const l of renderFindingsSummary(shown, ctx.lang, ctx.color)) ctx.err(l);
        if (!r.workbook || hasErrors(r.findings)) return 1;
        await write(r.workbook);
        ctx.err(ctx.lang === 'vi' ? `Đã ghi ${o.out}` : `Wrote ${o.out}`);
        return 0;
      });
    });
};
