/** Commands: report (re-render a result.json without rescoring). */
import type { Command } from 'commander';
import { UsageError } from '../../findings/errors.js';
import { writeReports } from '../../report/write-report.js';
import { readResultFile } from '../../result/read.js';
import type { Register } from '../command.js';
import { scorecardsOption, splitByOption } from '../options.js';
import { writtenLines } from '../written.js';

export const registerReportCommands: Register = (program, run) => {
  program
    .command('report')
    .description(
      'dựng lại báo cáo từ result.json, không chấm lại / render reports from a result.json without rescoring',
    )
    .argument('<result>', 'tệp result.json do "parindex score" ghi / a result.json written by "parindex score"')
    .requiredOption('--out <files...>', 'tệp báo cáo: .xlsx, .html, .csv, .json / report files')
    .option('--force', 'ghi đè tệp đã có / overwrite existing files')
    .option(
      '--scorecards <layout>',
      'bảng điểm trong báo cáo Excel: sheets hoặc long / Excel scorecards: sheets or long',
    )
    .option(
      '--split-by <how>',
      'báo cáo Excel: group (mỗi nhóm một tệp, kèm tệp tổng hợp), none, hoặc auto (tách từ 1000 cơ quan) / ' +
        'Excel report: group (a workbook per group plus an index), none, or auto (split from 1,000 agencies)',
    )
    .action(async function (this: Command, file: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ out: string[]; force?: boolean; scorecards?: string; splitBy?: string }>();
        const result = readResultFile(file);
        const written = await writeReports(result, o.out, {
          lang: ctx.lang,
          ...(o.scorecards ? { scorecards: scorecardsOption(o.scorecards) } : {}),
          ...(o.splitBy ? { splitBy: splitByOption(o.splitBy) } : {}),
          protect: [file],
          force: o.force === true,
        });
        if (written.length === 0)
          throw new UsageError({ vi: 'Cần ít nhất một tệp --out.', en: 'At least one --out file is needed.' });
        if (ctx.json) ctx.out(JSON.stringify({ command: 'report', written }, null, 2));
        else for (const l of writtenLines(written, ctx.lang)) ctx.err(l);
        return 0;
      });
    });
};
