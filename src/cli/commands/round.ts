/** Commands of the scoring round: init, appraisal-template, score, explain, report. */
import type { Command } from 'commander';
import { loadCriteriaSet } from '../../criteria/load.js';
import { initRound } from '../../round/init.js';
import { UsageError } from '../../findings/errors.js';
import type { Register } from '../command.js';
import { withRefSuggestion } from '../suggest.js';

export const registerRoundCommands: Register = (program, run) => {
  program
    .command('init')
    .description('tạo thư mục kỳ đánh giá (round.yaml, danh sách cơ quan mẫu) / scaffold a round folder')
    .argument('<dir>', 'thư mục kỳ đánh giá / round folder')
    .requiredOption('--criteria <refs...>', 'bộ tiêu chí id@version (một hoặc nhiều) / criteria set(s)')
    .option('--year <year>', 'năm đánh giá / assessment year')
    .option('--name <name>', 'tên kỳ đánh giá / round name')
    .option('--force', 'ghi đè round.yaml đã có / overwrite an existing round.yaml')
    .action(async function (this: Command, dir: string) {
      await run(this, (ctx) => {
        const o = this.opts<{ criteria: string[]; year?: string; name?: string; force?: boolean }>();
        const year = o.year === undefined ? 2025 : Number(o.year);
        if (!Number.isInteger(year) || year < 2000 || year > 2100)
          throw new UsageError({
            vi: `--year phải là một năm, ví dụ 2025 (nhận được "${o.year}").`,
            en: `--year must be a year such as 2025 (got "${o.year}").`,
          });
        const criteria = o.criteria.map((ref) => ({
          ref,
          index: withRefSuggestion(ref, () => loadCriteriaSet(ref, [], ctx.cwd)),
        }));
        const files = initRound(dir, {
          criteria,
          year,
          lang: ctx.lang,
          force: o.force === true,
          ...(o.name ? { name: o.name } : {}),
        });
        if (ctx.json) ctx.out(JSON.stringify({ command: 'init', files }, null, 2));
        else {
          for (const f of files) ctx.out(f);
          ctx.out(
            ctx.lang === 'vi'
              ? `Đã tạo kỳ đánh giá trong ${dir}. Điền danh sách cơ quan vào roster.csv, đặt hồ sơ tự chấm vào ` +
                  `submissions/, rồi chạy "parindex score ${dir}".`
              : `Round created in ${dir}. Fill roster.csv, put the self-scoring files in submissions/, then ` +
                  `run "parindex score ${dir}".`,
          );
        }
        return 0;
      });
    });
};
