/** Commands of the intake stage: validate. (template has its own module.) */
import type { Command } from 'commander';
import { requireExisting } from '../paths.js';
import { loadCriteriaSet } from '../../criteria/load.js';
import { UsageError, InputError } from '../../findings/errors.js';
import { countFindings, hasErrors, promoteWarnings } from '../../findings/finding.js';
import { readRoster } from '../../round/roster.js';
import { renderFindingsText } from '../../report/findings-text.js';
import { annotateFiles } from '../../validate/annotate.js';
import type { RosterEntry } from '../../validate/check.js';
import { renderValidateText, validateJson } from '../../report/validate-report.js';
import { collectFiles, validateFiles } from '../../pipeline/check-files.js';
import { progress } from '../progress.js';
import type { Register } from '../command.js';
import { withRefSuggestion } from '../suggest.js';

interface ValidateOpts {
  criteria?: string;
  roster?: string;
  kind?: string;
  year?: string;
  strict?: boolean;
  annotate?: string;
  force?: boolean;
  verbose?: boolean;
}

export const registerIntakeCommands: Register = (program, run) => {
  program
    .command('validate')
    .description('kiểm tra hồ sơ tự chấm điểm (.xlsx, .csv) / validate self-scoring files')
    .argument('<paths...>', 'tệp hoặc thư mục / files or folders')
    .option('--criteria <ref>', 'bộ tiêu chí mong đợi id@version / expected criteria set')
    .option('--roster <file>', 'danh sách cơ quan (.csv, .xlsx) / roster of agencies')
    .option('--kind <kind>', 'loại cơ quan khi không có danh sách / agency kind when there is no roster')
    .option('--year <year>', 'năm đánh giá mong đợi / expected year')
    .option('--strict', 'coi cảnh báo là lỗi / treat warnings as errors')
    .option('--annotate <dir>', 'ghi bản sao có chú thích lỗi vào thư mục / write annotated copies into a folder')
    .option('--force', 'ghi đè bản sao có chú thích đã có / overwrite existing annotated copies')
    .option(
      '--verbose',
      'liệt kê mọi tệp, kể cả tệp đạt (mặc định: chỉ tệp có vấn đề và phần tổng kết) / list every file, ' +
        'the clean ones too (default: files with problems and a recap)',
    )
    .action(async function (this: Command, paths: string[]) {
      await run(this, async (ctx) => {
        const o = this.opts<ValidateOpts>();
        const expected = o.criteria
          ? withRefSuggestion(o.criteria, () => loadCriteriaSet(o.criteria as string, [], ctx.cwd))
          : undefined;
        let year: number | undefined;
        if (o.year !== undefined) {
          year = Number(o.year);
          if (!Number.isInteger(year))
            throw new UsageError({
              vi: `--year phải là một năm (nhận được "${o.year}").`,
              en: `--year must be a year (got "${o.year}").`,
            });
        }
        let roster: Map<string, RosterEntry> | undefined;
        if (o.roster) {
          const kinds = expected?.set.agencyKinds.map((k) => k.id);
          const r = await readRoster(o.roster, o.roster, kinds, ctx.read);
          if (hasErrors(r.findings) && r.agencies.length === 0) {
            for (const l of renderFindingsText(r.findings, ctx.lang, ctx.color)) ctx.err(l);
            throw new InputError({
              vi: `Không đọc được danh sách cơ quan ${o.roster}.`,
              en: `The roster ${o.roster} cannot be read.`,
            });
          }
          roster = new Map(r.agencies.map((a) => [a.code, a]));
        }
        requireExisting(paths, ctx.cwd);
        const files = collectFiles(paths, ctx.cwd);
        if (files.length === 0)
          throw new UsageError({
            vi: 'Không có tệp bảng tính nào để kiểm tra.',
            en: 'No spreadsheet files to validate.',
          });
        const bar = progress(ctx, { vi: 'tệp', en: 'files' });
        const report = await validateFiles(files, {
          ...(expected ? { expected } : {}),
          ...(roster ? { roster } : {}),
          ...(o.kind ? { kind: o.kind } : {}),
          ...(year !== undefined ? { year } : {}),
          resolveNamed: true,
          read: ctx.read,
          submissions: false,
          workers: ctx.workersFor(files.length),
          onProgress: (d, t) => bar.tick(d, t),
        });
        bar.done();
        if (ctx.debug) ctx.err(`validate: ${files.length} files, ${report.workers} worker threads`);
        if (o.strict) {
          for (const f of report.files) f.findings = promoteWarnings(f.findings);
          report.findings = report.files.flatMap((f) => f.findings);
          for (const f of report.files) f.counts = countFindings(f.findings);
          report.counts = countFindings(report.findings);
        }
        if (o.annotate) {
          const written = await annotateFiles(report, files, o.annotate, { lang: ctx.lang, force: o.force === true });
          if (!ctx.json) for (const w of written) ctx.err(ctx.lang === 'vi' ? `Đã ghi ${w}` : `Wrote ${w}`);
        }
        if (ctx.json) ctx.out(JSON.stringify(validateJson(report, ctx.lang), null, 2));
        else
          for (const l of renderValidateText(report, ctx.lang, ctx.color, { verbose: o.verbose === true })) ctx.out(l);
        return report.counts.error > 0 ? 1 : 0;
      });
    });
};
