/** Commands of the sipas stage: sipas (satisfaction indices from raw survey answers). */
import type { Command } from 'commander';
import { requireExisting } from '../paths.js';
import { UsageError } from '../../findings/errors.js';
import { hasErrors, type Finding } from '../../findings/finding.js';
import { renderFindingsSummary } from '../../report/findings-text.js';
import { renderSipasText } from '../../report/sipas-report.js';
import { planOutputs, sipasFormatOf, writeSipasReports, type SipasFormat } from '../../report/write-report.js';
import type { SipasResult } from '../../result/sipas.js';
import type { MergerRule } from '../../round/previous.js';
import { runRoundSipas } from '../../pipeline/round-sipas.js';
import { readRoster } from '../../round/roster.js';
import { loadQuestionnaire } from '../../criteria/questionnaire.js';
import { loadColumnDeclarations } from '../../criteria/column-map.js';
import { runSipas } from '../../pipeline/run-sipas.js';
import { compareSipasWithPrevious } from '../../pipeline/sipas-previous.js';
import { readMergedWeights } from '../../round/merged-weights.js';
import type { SipasBy } from '../../score/sipas.js';
import { collectFiles } from '../../pipeline/check-files.js';
import type { Register } from '../command.js';
import { withRefSuggestion } from '../suggest.js';

export const registerSipasCommands: Register = (program, run) => {
  program
    .command('sipas')
    .description('chỉ số hài lòng (SIPAS) từ phiếu khảo sát thô / satisfaction indices (SIPAS) from raw survey answers')
    .argument(
      '[answers...]',
      'tệp trả lời .csv/.xlsx, mỗi dòng một phiếu, hoặc thư mục / answer files, one row per respondent, or folders',
    )
    .option('--questionnaire <ref>', 'bộ câu hỏi: id@version hoặc đường dẫn / questionnaire id@version or path')
    .option(
      '--round <dir>',
      'SIPAS của kỳ đánh giá: bộ câu hỏi, tệp trả lời, danh sách, survey.sipas.previous và merged theo ' +
        "round.yaml / the round's SIPAS: questionnaire, answers, roster, previous and merged from round.yaml",
    )
    .option(
      '--by <unit>',
      'tính theo: agency (cơ quan) hoặc group (đối tượng) / per agency or per respondent group',
      'agency',
    )
    .option('--weights <column>', 'cột trọng số phiếu / respondent weight column')
    .option(
      '--columns <file>',
      'bảng cột → câu hỏi (.yaml) cho một tệp xuất / column map (.yaml): header → question code or role',
    )
    .option('--agency <code>', 'mã cơ quan của tệp không có cột mã cơ quan / agency of files with no agency column')
    .option(
      '--agency-from-file-name',
      'tệp không có cột mã cơ quan: mã là tên tệp / files with no agency column: the agency is the file name',
    )
    .option(
      '--roster <file>',
      'danh sách cơ quan; mã khác danh sách là lỗi dữ liệu / roster; other agency codes are findings',
    )
    .option(
      '--previous <file>',
      'kết quả SIPAS năm trước (.json của parindex) hoặc bảng đã công bố (.xlsx/.csv: mã hoặc tên, chỉ số, ' +
        'có thể thêm hạng và cột từng khối/yếu tố) / last year: a parindex SIPAS .json or a published table',
    )
    .option(
      '--merged <rule>',
      'so sánh đơn vị hợp nhất (cột "Tiền thân" của --roster): none, mean hoặc weighted / how merged units ' +
        'are compared: none, mean or weighted',
    )
    .option(
      '--merged-weights <file>',
      'trọng số cho weighted (YAML: mã: {mã tiền thân: trọng số}) / weights for weighted ' +
        '(YAML: code: {predecessor: weight})',
    )
    .option('--out <files...>', 'ghi kết quả: .xlsx, .html, .csv, .json / write the result: .xlsx, .html, .csv, .json')
    .option('--force', 'ghi đè tệp đã có / overwrite existing files')
    .action(async function (this: Command, args: string[]) {
      await run(this, async (ctx) => {
        const o = this.opts<{
          questionnaire?: string;
          round?: string;
          by: string;
          weights?: string;
          columns?: string;
          agency?: string;
          agencyFromFileName?: boolean;
          roster?: string;
          previous?: string;
          merged?: string;
          mergedWeights?: string;
          out?: string[];
          force?: boolean;
        }>();
        if (o.by !== 'agency' && o.by !== 'group')
          throw new UsageError({
            vi: `--by nhận "agency" hoặc "group", không phải "${o.by}".`,
            en: `--by takes "agency" or "group", not "${o.by}".`,
          });
        if (o.merged !== undefined && o.merged !== 'none' && o.merged !== 'mean' && o.merged !== 'weighted')
          throw new UsageError({
            vi: `--merged nhận "none", "mean" hoặc "weighted", không phải "${o.merged}".`,
            en: `--merged takes "none", "mean" or "weighted", not "${o.merged}".`,
          });
        if (o.merged === 'weighted' && !o.mergedWeights && !o.round)
          throw new UsageError({
            vi: '--merged weighted cần --merged-weights <tệp>.',
            en: '--merged weighted needs --merged-weights <file>.',
          });
        const live = ctx.stderrIsTTY && !ctx.quiet && !ctx.json;
        const onRows = (n: number): void => {
          if (live)
            ctx.errRaw(
              `\r${ctx.lang === 'vi' ? 'Đã đọc' : 'Read'} ` +
                `${n.toLocaleString(ctx.lang === 'vi' ? 'vi-VN' : 'en-US')} ` +
                `${ctx.lang === 'vi' ? 'dòng' : 'rows'}…`,
            );
        };
        if (o.round) {
          if (args.length > 0 || o.questionnaire || o.roster || o.weights || o.mergedWeights || o.by !== 'agency')
            throw new UsageError({
              vi: 'Với --round, tệp trả lời, bộ câu hỏi, danh sách, trọng số và --by lấy từ round.yaml.',
              en: 'With --round, the answers, questionnaire, roster, weights and --by come from round.yaml.',
            });
          requireExisting([o.round, ...(o.previous ? [o.previous] : [])], ctx.cwd);
          const r = await runRoundSipas(o.round, {
            read: ctx.read,
            onRows,
            ...(o.previous ? { previous: { path: o.previous, display: o.previous } } : {}),
            ...(o.merged ? { merged: o.merged } : {}),
          });
          if (live) ctx.errRaw('\r\u001b[K');
          const plan = planOutputs(o.out ?? [], sipasFormatOf, { protect: r.inputs, force: o.force === true });
          return show(r.result, plan);
        }
        if (!o.questionnaire)
          throw new UsageError({
            vi: 'Cần --questionnaire <id@version> (hoặc --round <thư mục>).',
            en: '--questionnaire <id@version> is needed (or --round <dir>).',
          });
        const files = collectFiles(args, ctx.cwd).map((f) => ({ path: f.path, display: f.file }));
        if (files.length === 0) throw new UsageError({ vi: 'Không có tệp trả lời nào.', en: 'No answer files.' });
        const plan = planOutputs(o.out ?? [], sipasFormatOf, {
          protect: [
            ...files.map((f) => f.path),
            ...(o.roster ? [o.roster] : []),
            ...(o.previous ? [o.previous] : []),
            ...(o.mergedWeights ? [o.mergedWeights] : []),
            ...(o.columns ? [o.columns] : []),
          ],
          force: o.force === true,
        });
        const ref = o.questionnaire;
        const questionnaire = withRefSuggestion(ref, () => loadQuestionnaire(ref));
        requireExisting(
          [...args, ...(o.previous ? [o.previous] : []), ...(o.mergedWeights ? [o.mergedWeights] : [])],
          ctx.cwd,
        );
        const declared = o.columns ? loadColumnDeclarations(o.columns, o.columns, questionnaire) : undefined;
        let roster: Map<string, string | undefined> | undefined;
        let unitGroups: Map<string, string> | undefined;
        const predecessors = new Map<string, string[]>();
        const early: Finding[] = [];
        if (o.roster) {
          const r = await readRoster(o.roster, o.roster, undefined, ctx.read);
          early.push(...r.findings);
          roster = new Map(r.agencies.map((a) => [a.code, a.name]));
          for (const a of r.agencies) if (a.predecessors?.length) predecessors.set(a.code, a.predecessors);
          // The roster's groups are the ranking blocks: agencies are ranked within theirs.
          unitGroups = new Map(r.agencies.filter((a) => a.group !== '').map((a) => [a.code, a.group]));
        }
        let result = await runSipas(files, {
          questionnaire,
          read: ctx.read,
          by: o.by as SipasBy,
          ...(o.weights !== undefined ? { weights: o.weights } : {}),
          ...(roster ? { roster } : {}),
          ...(unitGroups && unitGroups.size > 0 ? { unitGroups } : {}),
          ...(declared ? { columnMap: declared.columns, agencyNames: declared.agencies } : {}),
          ...(o.agency !== undefined ? { agency: o.agency } : {}),
          ...(o.agencyFromFileName ? { agencyFromFileName: true } : {}),
          onRows,
        });
        if (live) ctx.errRaw('\r\u001b[K');
        if (o.previous)
          result = await compareSipasWithPrevious(result, questionnaire, {
            path: o.previous,
            display: o.previous,
            predecessors,
            ...(o.roster ? { predecessorsFile: o.roster } : {}),
            merged: {
              compare: (o.merged ?? 'none') as MergerRule,
              weights: o.mergedWeights ? readMergedWeights(o.mergedWeights) : {},
            },
            read: ctx.read,
          });
        result.findings.unshift(...early);
        return show(result, plan);

        /** Writes the reports, prints the findings and the table; the exit code. */
        async function show(result: SipasResult, plan: { out: string; format: SipasFormat }[]): Promise<number> {
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
        }
      });
    });
};
