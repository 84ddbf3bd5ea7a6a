/** Commands of the sipas stage: sipas (satisfaction indices from raw survey answers). */
import type { Command } from 'commander';
import { requireExisting } from '../paths.js';
import { UsageError } from '../../findings/errors.js';
import { hasErrors, type Finding } from '../../findings/finding.js';
import { renderFindingsSummary } from '../../report/findings-text.js';
import { renderSipasText } from '../../report/sipas-report.js';
import { planOutputs, sipasFormatOf, writeSipasReports } from '../../report/write-report.js';
import { readRoster } from '../../round/roster.js';
import { loadQuestionnaire } from '../../criteria/questionnaire.js';
import { runSipas } from '../../pipeline/run-sipas.js';
import type { SipasBy } from '../../score/sipas.js';
import { collectFiles } from '../../pipeline/check-files.js';
import type { Register } from '../command.js';
import { withRefSuggestion } from '../suggest.js';

export const registerSipasCommands: Register = (program, run) => {
  program
    .command('sipas')
    .description('chỉ số hài lòng (SIPAS) từ phiếu khảo sát thô / satisfaction indices (SIPAS) from raw survey answers')
    .argument(
      '<answers...>',
      'tệp trả lời .csv/.xlsx, mỗi dòng một phiếu, hoặc thư mục / answer files, one row per respondent, or folders',
    )
    .requiredOption('--questionnaire <ref>', 'bộ câu hỏi: id@version hoặc đường dẫn / questionnaire id@version or path')
    .option(
      '--by <unit>',
      'tính theo: agency (cơ quan) hoặc group (đối tượng) / per agency or per respondent group',
      'agency',
    )
    .option('--weights <column>', 'cột trọng số phiếu / respondent weight column')
    .option(
      '--roster <file>',
      'danh sách cơ quan; mã khác danh sách là lỗi dữ liệu / roster; other agency codes are findings',
    )
    .option('--out <files...>', 'ghi kết quả: .xlsx, .json / write the result: .xlsx, .json')
    .option('--force', 'ghi đè tệp đã có / overwrite existing files')
    .action(async function (this: Command, args: string[]) {
      await run(this, async (ctx) => {
        const o = this.opts<{
          questionnaire: string;
          by: string;
          weights?: string;
          roster?: string;
          out?: string[];
          force?: boolean;
        }>();
        if (o.by !== 'agency' && o.by !== 'group')
          throw new UsageError({
            vi: `--by nhận "agency" hoặc "group", không phải "${o.by}".`,
            en: `--by takes "agency" or "group", not "${o.by}".`,
          });
        const files = collectFiles(args, ctx.cwd).map((f) => ({ path: f.path, display: f.file }));
        if (files.length === 0) throw new UsageError({ vi: 'Không có tệp trả lời nào.', en: 'No answer files.' });
        const plan = planOutputs(o.out ?? [], sipasFormatOf, {
          protect: [...files.map((f) => f.path), ...(o.roster ? [o.roster] : [])],
          force: o.force === true,
        });
        const questionnaire = withRefSuggestion(o.questionnaire, () => loadQuestionnaire(o.questionnaire));
        requireExisting(args, ctx.cwd);
        let roster: Map<string, string | undefined> | undefined;
        const early: Finding[] = [];
        if (o.roster) {
          const r = await readRoster(o.roster, o.roster, undefined, ctx.read);
          early.push(...r.findings);
          roster = new Map(r.agencies.map((a) => [a.code, a.name]));
        }
        const live = ctx.stderrIsTTY && !ctx.quiet && !ctx.json;
        const result = await runSipas(files, {
          questionnaire,
          read: ctx.read,
          by: o.by as SipasBy,
          ...(o.weights !== undefined ? { weights: o.weights } : {}),
          ...(roster ? { roster } : {}),
          onRows: (n) => {
            if (live)
              ctx.errRaw(
                `\r${ctx.lang === 'vi' ? 'Đã đọc' : 'Read'} ` +
                  `${n.toLocaleString(ctx.lang === 'vi' ? 'vi-VN' : 'en-US')} ` +
                  `${ctx.lang === 'vi' ? 'dòng' : 'rows'}…`,
              );
          },
        });
        if (live) ctx.errRaw('\r\u001b[K');
        result.findings.unshift(...early);
        await writeSipasReports(result, plan, ctx.lang);
        if (ctx.json) ctx.out(JSON.stringify(result, null, 2));
        else {
          const hint = {
            vi: 'xem tất cả với --json hoặc --out sipas.xlsx',
            en: 'see them all with --json or --out sipas.xlsx',
          };
          for (const l of renderFindingsSummary(result.findings, ctx.lang, ctx.color, hint)) ctx.err(l);
          for (const l of renderSipasText(result, ctx.lang, ctx.color)) ctx.out(l);
          for (const { out } of plan) ctx.err(ctx.lang === 'vi' ? `Đã ghi ${out}` : `Wrote ${out}`);
        }
        return hasErrors(result.findings) ? 1 : 0;
      });
    });
};
