/** Commands of the scoring round: score, explain, appraisal-template. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { requireExisting } from '../paths.js';
import { loadCriteriaSet } from '../../criteria/load.js';
import { InputError, UsageError } from '../../findings/errors.js';
import { countFindings, hasErrors, type Finding } from '../../findings/finding.js';
import { renderFindingsSummary } from '../../report/findings-text.js';
import { renderExplainText } from '../../report/explain-text.js';
import { renderScoreText } from '../../report/score-text.js';
import { planDocument, writeReports } from '../../report/write-report.js';
import { runRound, type RoundRun } from '../../pipeline/run-round.js';
import { explainFile } from '../../pipeline/explain-file.js';
import { appraisalWorkbook } from '../../report/appraisal-rows.js';
import { progress } from '../progress.js';
import type { CliContext } from '../context.js';
import type { Register } from '../command.js';
import { scorecardsOption, splitByOption } from '../options.js';
import { noAgencyError, withRefSuggestion } from '../suggest.js';
import { writtenLines } from '../written.js';

export const registerScoreCommands: Register = (program, run) => {
  program
    .command('score')
    .description('chấm điểm, xếp hạng kỳ đánh giá và ghi result.json / score and rank a round, write result.json')
    .argument('<round>', 'thư mục kỳ đánh giá (có round.yaml) / round folder')
    .option(
      '--out <files...>',
      'tệp kết quả và báo cáo: .json, .xlsx, .html, .csv (mặc định <round>/result.json) / result and report files',
    )
    .option('--allow-incomplete', 'vẫn chấm khi còn lỗi / score even with errors')
    .option(
      '--strict',
      'coi cảnh báo là lỗi (ví dụ thiếu số liệu điều tra XHH) / treat warnings as errors (e.g. missing survey data)',
    )
    .option(
      '--weights-alt <file>',
      'trọng số khác để xem độ nhạy của thứ hạng (YAML: maxima: {lĩnh vực: điểm tối đa}), thay cho weightsAlt ' +
        'trong round.yaml / alternative field maxima for the sensitivity of ranks (YAML: maxima: {field: max}), ' +
        "overriding round.yaml's weightsAlt",
    )
    .option('--force', 'ghi đè tệp báo cáo đã có / overwrite existing report files')
    .option(
      '--scorecards <layout>',
      'bảng điểm trong báo cáo Excel: sheets (mỗi cơ quan một trang) hoặc long (một trang) / Excel ' +
        'scorecards: sheets or long',
    )
    .option(
      '--split-by <how>',
      'báo cáo Excel: group (mỗi nhóm một tệp, kèm tệp tổng hợp), none, hoặc auto (tách từ 1000 cơ quan) / ' +
        'Excel report: group (a workbook per group plus an index), none, or auto (split from 1,000 agencies)',
    )
    .action(async function (this: Command, dir: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{
          out?: string[];
          allowIncomplete?: boolean;
          strict?: boolean;
          force?: boolean;
          scorecards?: string;
          splitBy?: string;
          weightsAlt?: string;
        }>();
        const r = await scoreRound(ctx, dir, o.allowIncomplete === true, false, o.strict === true, o.weightsAlt);
        if (!r.result) {
          if (ctx.json)
            ctx.out(JSON.stringify({ command: 'score', blocked: true, counts: countFindings(r.findings) }, null, 2));
          return 1;
        }
        // The reports need only the result: the scores, submissions and validation (a few hundred
        // MB for thousands of agencies) go before they are written.
        r.scores = [];
        r.submissions = new Map();
        delete r.validation;
        const defaultOut = join(r.round.dir, 'result.json');
        const outs = o.out && o.out.length > 0 ? o.out : [defaultOut];
        const written = await writeReports(r.result, outs, {
          lang: ctx.lang,
          ...(o.scorecards ? { scorecards: scorecardsOption(o.scorecards) } : {}),
          ...(o.splitBy ? { splitBy: splitByOption(o.splitBy) } : {}),
          protect: r.result.inputs.map((i) => resolve(r.round.dir, i.file)),
          replaceable: [defaultOut],
          forbidDirs: submissionDirs(r),
          force: o.force === true,
        });
        debugPhase(ctx, 'write');
        if (!ctx.json) for (const l of writtenLines(written, ctx.lang)) ctx.err(l);
        if (ctx.json) ctx.out(JSON.stringify(r.result, null, 2));
        else for (const l of renderScoreText(r.result, ctx.lang, ctx.color, { width: ctx.width })) ctx.out(l);
        return hasErrors(r.findings) ? 1 : 0;
      });
    });

  program
    .command('explain')
    .description(
      'bảng điểm chi tiết của một cơ quan, hoặc của một tệp tự chấm / scorecard of an agency, or of one ' +
        'self-scoring file',
    )
    .argument(
      '<round-or-file>',
      'thư mục kỳ đánh giá, hoặc tệp tự chấm .xlsx/.csv / round folder, or a self-scoring file',
    )
    .argument('[agency]', 'mã cơ quan / agency code')
    .option('--criteria <ref>', 'bộ tiêu chí khi chấm một tệp / criteria set for a single file')
    .option('--kind <kind>', 'loại cơ quan khi chấm một tệp / agency kind for a single file')
    .option('--allow-incomplete', 'vẫn chấm khi còn lỗi / score even with errors')
    .option(
      '--weights-alt <file>',
      'trọng số khác để xem độ nhạy của thứ hạng (YAML: maxima: {lĩnh vực: điểm tối đa}), thay cho weightsAlt ' +
        'trong round.yaml / alternative field maxima for the sensitivity of ranks (YAML: maxima: {field: max}), ' +
        "overriding round.yaml's weightsAlt",
    )
    .action(async function (this: Command, target: string, agency: string | undefined) {
      await run(this, async (ctx) => {
        const o = this.opts<{ criteria?: string; kind?: string; allowIncomplete?: boolean; weightsAlt?: string }>();
        if (!existsSync(join(target, 'round.yaml')) && !/\.ya?ml$/i.test(target)) {
          requireExisting([target], ctx.cwd);
          const expected = o.criteria
            ? withRefSuggestion(o.criteria, () => loadCriteriaSet(o.criteria as string, [], ctx.cwd))
            : undefined;
          const x = await explainFile(target, {
            ...(expected ? { expected } : {}),
            ...(o.kind ? { kind: o.kind } : {}),
            read: ctx.read,
          });
          printFindings(ctx, x.findings);
          if (!x.agency) return hasErrors(x.findings) ? 1 : 2;
          if (ctx.json) ctx.out(JSON.stringify(x.agency, null, 2));
          else {
            for (const l of renderExplainText(x, x.agency, ctx.lang, ctx.color, { width: ctx.width })) ctx.out(l);
            ctx.out('');
            ctx.out(
              ctx.color.dim(
                ctx.lang === 'vi'
                  ? 'Điểm dự kiến từ tệp tự chấm: chưa thẩm định, chưa có điểm điều tra xã hội học và chưa xếp hạng.'
                  : 'Expected score from the self-scoring file: not appraised, without survey points, not ranked.',
              ),
            );
          }
          return hasErrors(x.findings) ? 1 : 0;
        }
        if (!agency)
          throw new UsageError({
            vi: 'Cần mã cơ quan: parindex explain <round> <mã>.',
            en: 'An agency code is needed: parindex explain <round> <code>.',
          });
        const r = await scoreRound(ctx, target, o.allowIncomplete === true, true, false, o.weightsAlt);
        if (!r.result) return 1;
        const code = agency.trim().toUpperCase();
        const a = r.result.agencies.find((x) => x.code.toUpperCase() === code);
        if (!a) throw noAgencyError(agency, r.result.agencies);
        if (ctx.json) ctx.out(JSON.stringify(a, null, 2));
        else for (const l of renderExplainText(r.result, a, ctx.lang, ctx.color, { width: ctx.width })) ctx.out(l);
        return 0;
      });
    });

  program
    .command('appraisal-template')
    .description(
      'bảng tính thẩm định có sẵn điểm tự chấm và các lần thẩm định, giải trình trước / appraisal workbook ' +
        'pre-filled with self-scores and every earlier round',
    )
    .argument('<round>', 'thư mục kỳ đánh giá / round folder')
    .requiredOption(
      '--out <file>',
      'tệp .xlsx cần ghi (với --by-agency: thư mục) / .xlsx file to write (with --by-agency: a folder)',
    )
    .option(
      '--by-agency',
      'mỗi cơ quan một tệp tham-dinh-<mã>.xlsx trong thư mục --out / one tham-dinh-<code>.xlsx per agency in the ' +
        '--out folder',
    )
    .option('--agency <codes...>', 'chỉ các cơ quan này / only these agencies')
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async function (this: Command, dir: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ out: string; force?: boolean; byAgency?: boolean; agency?: string[] }>();
        const write = o.byAgency ? undefined : planDocument(o.out, { force: o.force === true });
        const r = await runRound(dir, { allowIncomplete: true, cwd: ctx.cwd, read: ctx.read });
        printFindings(
          ctx,
          r.findings.filter((f) => f.severity === 'error'),
        );
        if (!r.round.config) return 1;
        const wanted = o.agency?.map((a) => a.trim().toUpperCase());
        for (const code of wanted ?? [])
          if (!r.roster.some((a) => a.code.toUpperCase() === code)) throw noAgencyError(code, r.roster);
        const chosen = r.roster.filter((a) => !wanted || wanted.includes(a.code.toUpperCase())).map((a) => a.code);
        if (write) {
          await write(await appraisalWorkbook(r, ctx.lang, wanted ? { agencies: chosen } : {}));
          ctx.err(ctx.lang === 'vi' ? `Đã ghi ${o.out}` : `Wrote ${o.out}`);
          return 0;
        }
        const targets = chosen.map((code) => ({ code, path: join(o.out, `tham-dinh-${code}.xlsx`) }));
        const writes = targets.map((t) => planDocument(t.path, { force: o.force === true }));
        mkdirSync(o.out, { recursive: true });
        for (const [i, t] of targets.entries()) {
          await writes[i]!(await appraisalWorkbook(r, ctx.lang, { agencies: [t.code] }));
          if (!ctx.json) ctx.err(ctx.lang === 'vi' ? `Đã ghi ${t.path}` : `Wrote ${t.path}`);
        }
        if (ctx.json)
          ctx.out(JSON.stringify({ command: 'appraisal-template', files: targets.map((t) => t.path) }, null, 2));
        return 0;
      });
    });
};

const started = performance.now();

/** With --debug: the time since start and the memory in use as a step ends. */
function debugPhase(ctx: CliContext, phase: string): void {
  if (!ctx.debug) return;
  const m = process.memoryUsage();
  const mb = (n: number): string => (n / 1e6).toFixed(0);
  ctx.err(
    `${phase.padEnd(14)} ${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s  rss ` +
      `${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, buffers ${mb(m.arrayBuffers)} MB`,
  );
}

/** Runs the round with a progress line and prints its findings; the caller reports the result. */
async function scoreRound(
  ctx: CliContext,
  dir: string,
  allowIncomplete: boolean,
  quietFindings = false,
  strict = false,
  weightsAlt?: string,
): Promise<RoundRun> {
  const alt = weightsAlt === undefined ? undefined : resolve(ctx.cwd, weightsAlt);
  if (alt !== undefined && !(existsSync(alt) && statSync(alt).isFile()))
    throw new InputError({
      vi: `Không có tệp trọng số khác "${weightsAlt}" (--weights-alt).`,
      en: `No alternative weights file "${weightsAlt}" (--weights-alt).`,
    });
  const bar = progress(ctx, { vi: 'hồ sơ', en: 'files' });
  const r = await runRound(dir, {
    ...(alt !== undefined ? { weightsAlt: alt } : {}),
    allowIncomplete,
    strict,
    cwd: ctx.cwd,
    onProgress: (d, t) => bar.tick(d, t),
    workers: ctx.workersFor,
    onPhase: (p) => debugPhase(ctx, p),
    read: ctx.read,
  });
  bar.done();
  if (ctx.debug && r.validation)
    ctx.err(`score: ${r.validation.files.length} files, ${r.validation.workers} worker threads`);
  const shown = r.findings.filter((f) => f.severity !== 'info');
  if (!quietFindings || r.blocked) printFindings(ctx, shown);
  // The --allow-incomplete advice only to a run without it (a round that cannot be read is blocked either way).
  const errors = countFindings(r.findings).error;
  const vi = ctx.lang === 'vi';
  if (r.blocked && allowIncomplete)
    ctx.err(
      vi
        ? `Chưa chấm điểm: còn ${errors} lỗi ở tệp kỳ đánh giá hoặc bộ tiêu chí; sửa các lỗi trên.`
        : `Not scored: ${errors} errors remain in the round file or criteria; fix them.`,
    );
  else if (r.blocked)
    ctx.err(
      vi
        ? `Chưa chấm điểm: còn ${errors} lỗi. Sửa các lỗi trên, hoặc chạy lại với ` +
            '--allow-incomplete để chấm với số liệu hiện có.'
        : `Not scored: ${errors} errors remain. Fix them, or run again with ` +
            '--allow-incomplete to score with the data as it is.',
    );
  else if (allowIncomplete && errors > 0)
    ctx.err(
      vi
        ? `Đã chấm khi còn ${errors} lỗi (--allow-incomplete): ` +
            'các cơ quan liên quan được đánh dấu trong bảng xếp hạng và báo cáo.'
        : `Scored with ${errors} open errors (--allow-incomplete): ` +
            'the agencies concerned are marked in the ranking and the reports.',
    );
  return r;
}

/** Prints the worst findings first, at most 25, then the counts (on stderr). */
function printFindings(ctx: CliContext, findings: readonly Finding[]): void {
  for (const l of renderFindingsSummary(findings, ctx.lang, ctx.color)) ctx.err(l);
}

/** The round's submission folders (files named directly are not folders). */
function submissionDirs(r: RoundRun): string[] {
  const cfg = r.round.config;
  if (!cfg) return [];
  const subs = Array.isArray(cfg.submissions) ? cfg.submissions : [cfg.submissions];
  return subs.map((s) => resolve(r.round.dir, s)).filter((p) => existsSync(p) && statSync(p).isDirectory());
}
