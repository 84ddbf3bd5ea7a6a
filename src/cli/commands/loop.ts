/** Commands of the appraisal loop and publication: explanation-template, publish, verify. */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { planDocument } from '../../report/write-report.js';
import { UsageError } from '../../findings/errors.js';
import { countFindings } from '../../findings/finding.js';
import { adjustedItems, renderExplanationTemplate } from '../../report/explanation-template.js';
import { findingToJson, renderFindingsSummary } from '../../report/findings-text.js';
import { MANIFEST, publishRound, verifyPublication } from '../../pipeline/publish.js';
import { runRound } from '../../pipeline/run-round.js';
import { loadRoundConfig } from '../../round/config.js';
import { progress } from '../progress.js';
import { noAgencyError } from '../suggest.js';
import type { CliContext } from '../context.js';
import type { Register } from '../command.js';
import type { Finding } from '../../findings/finding.js';

export const registerLoopCommands: Register = (program, run) => {
  program
    .command('explanation-template')
    .description(
      'phiếu giải trình cho từng cơ quan: các tiêu chí bị điều chỉnh khi thẩm định / explanation workbooks: the ' +
        'items appraisal adjusted, per agency',
    )
    .argument('<round>', 'thư mục kỳ đánh giá / round folder')
    .requiredOption(
      '--out <folder>',
      'thư mục ghi các tệp giai-trinh-<mã>.xlsx / folder for the giai-trinh-<code>.xlsx files',
    )
    .option('--agency <codes...>', 'chỉ các cơ quan này / only these agencies')
    .option('--force', 'ghi đè tệp đã có / overwrite existing files')
    .action(async function (this: Command, dir: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ out: string; agency?: string[]; force?: boolean }>();
        const r = await runRound(dir, { allowIncomplete: true, cwd: ctx.cwd, read: ctx.read });
        printFindings(
          ctx,
          r.findings.filter((f) => f.severity === 'error'),
        );
        if (!r.result) return 1;
        const result = r.result;
        const wanted = o.agency?.map((a) => a.trim().toUpperCase());
        for (const code of wanted ?? [])
          if (!result.agencies.some((a) => a.code.toUpperCase() === code)) throw noAgencyError(code, result.agencies);
        const named = result.agencies.filter((a) => !wanted || wanted.includes(a.code.toUpperCase()));
        // An agency with nothing adjusted has nothing to explain: no empty workbook for it.
        const agencies = named.filter((a) => adjustedItems(a).length > 0);
        if (wanted && !ctx.json)
          for (const a of named)
            if (!agencies.includes(a))
              ctx.err(
                ctx.lang === 'vi'
                  ? `${a.code}: không có tiêu chí nào đang bị điều chỉnh; không cần giải trình.`
                  : `${a.code}: no item stands adjusted; nothing to explain.`,
              );
        const targets = agencies.map((a) => ({ a, path: join(o.out, `giai-trinh-${a.code}.xlsx`) }));
        // Every target is checked (not an input, not existing without --force) before any is written.
        const protect = result.inputs.map((i) => resolve(r.round.dir, i.file));
        const writes = targets.map((t) => planDocument(t.path, { force: o.force === true, protect }));
        mkdirSync(o.out, { recursive: true });
        const files: { agency: string; file: string; items: number }[] = [];
        for (const [i, { a, path }] of targets.entries()) {
          await writes[i]!(await renderExplanationTemplate(result, a, ctx.lang));
          files.push({ agency: a.code, file: path, items: adjustedItems(a).length });
        }
        if (ctx.json) ctx.out(JSON.stringify({ command: 'explanation-template', files }, null, 2));
        else {
          for (const f of files)
            ctx.err(
              ctx.lang === 'vi' ? `Đã ghi ${f.file} (${f.items} tiêu chí)` : `Wrote ${f.file} (${f.items} items)`,
            );
          if (files.length === 0)
            ctx.err(
              ctx.lang === 'vi'
                ? 'Chưa có cơ quan nào bị điều chỉnh điểm; không ghi tệp nào.'
                : 'No agency has adjusted items; nothing written.',
            );
        }
        return 0;
      });
    });

  program
    .command('publish')
    .description(
      'chấm điểm và công khai kết quả: báo cáo và manifest có SHA-256 của mọi tệp / score and publish: reports and ' +
        'a manifest with every file’s SHA-256',
    )
    .argument('<round>', 'thư mục kỳ đánh giá / round folder')
    .requiredOption('--out <folder>', 'thư mục công khai / publication folder')
    .requiredOption('--date <YYYY-MM-DD>', 'ngày công khai / publication date')
    .option('--force', 'ghi đè bản công khai đã có / overwrite an existing publication')
    .action(async function (this: Command, dir: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ out: string; date: string; force?: boolean }>();
        if (!isIsoDate(o.date))
          throw new UsageError({
            vi: `--date cần ngày dạng YYYY-MM-DD, ví dụ 2026-02-20 (nhận được "${o.date}").`,
            en: `--date needs a date as YYYY-MM-DD, e.g. 2026-02-20 (got "${o.date}").`,
          });
        const { config: cfg, dir: roundDir } = loadRoundConfig(dir);
        const subs = cfg
          ? (Array.isArray(cfg.submissions) ? cfg.submissions : [cfg.submissions]).map((x) => resolve(roundDir, x))
          : [];
        const out = resolve(o.out);
        if (subs.some((d) => out === d || out.startsWith(d + sep)))
          throw new UsageError({
            vi: `${o.out} nằm trong thư mục hồ sơ của kỳ đánh giá; bản công khai sẽ bị đọc như hồ sơ. Chọn chỗ khác.`,
            en:
              `${o.out} is inside the round's submissions; the publication would be read as submissions. Choose ` +
              `another place.`,
          });
        if (existsSync(join(o.out, MANIFEST)) && !o.force)
          throw new UsageError({
            vi: `${o.out} đã có một bản công khai; dùng --force để ghi đè.`,
            en: `${o.out} already holds a publication; use --force to overwrite.`,
          });
        const bar = progress(ctx, { vi: 'hồ sơ', en: 'files' });
        const p = await publishRound(dir, o.out, {
          date: o.date,
          lang: ctx.lang,
          onProgress: (d, t) => bar.tick(d, t),
          workers: ctx.workersFor,
          cwd: ctx.cwd,
          read: ctx.read,
        });
        bar.done();
        printFindings(
          ctx,
          p.run.findings.filter((f) => f.severity !== 'info'),
        );
        if (!p.manifest) {
          ctx.err(
            ctx.lang === 'vi'
              ? `Chưa công khai: còn ${countFindings(p.run.findings).error} lỗi. Chỉ công khai được kỳ đánh giá ` +
                  `không còn lỗi.`
              : `Not published: ${countFindings(p.run.findings).error} errors remain. Only a round without errors ` +
                  `can be published.`,
          );
          return 1;
        }
        if (ctx.json) ctx.out(JSON.stringify({ command: 'publish', files: p.written, manifest: p.manifest }, null, 2));
        else {
          for (const f of p.written) ctx.err(ctx.lang === 'vi' ? `Đã ghi ${f}` : `Wrote ${f}`);
          ctx.out(
            ctx.lang === 'vi'
              ? `Đã công khai ${p.manifest.round.name} ngày ${dmy(o.date)}: ${p.manifest.outputs.length} tệp kết ` +
                  `quả, ${p.manifest.inputs.length} tệp đầu vào ghi trong ${MANIFEST}. Kiểm tra lại bằng "parindex ` +
                  `verify ${o.out} --round ${dir}".`
              : `Published ${p.manifest.round.name} on ${o.date}: ${p.manifest.outputs.length} outputs, ` +
                  `${p.manifest.inputs.length} inputs listed in ${MANIFEST}. Check it with "parindex verify ${o.out} ` +
                  `--round ${dir}".`,
          );
        }
        return 0;
      });
    });

  program
    .command('verify')
    .description(
      'kiểm tra bản công khai theo manifest, và chấm lại kỳ đánh giá để so sánh / check a publication against its ' +
        'manifest, and rescore the round to compare',
    )
    .argument('<folder>', 'thư mục công khai / publication folder')
    .option('--round <dir>', 'thư mục kỳ đánh giá để chấm lại và so sánh / round folder to rescore and compare')
    .action(async function (this: Command, folder: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ round?: string }>();
        const v = await verifyPublication(folder, {
          ...(o.round ? { round: o.round } : {}),
          workers: ctx.workersFor,
          cwd: ctx.cwd,
          read: ctx.read,
        });
        if (ctx.json) {
          ctx.out(
            JSON.stringify(
              {
                command: 'verify',
                ok: v.findings.length === 0,
                checked: v.checked,
                findings: v.findings.map((f) => findingToJson(f, ctx.lang)),
              },
              null,
              2,
            ),
          );
          return v.findings.length === 0 ? 0 : 1;
        }
        printFindings(ctx, v.findings, {
          vi: 'chạy lại với --json để xem tất cả',
          en: 'run again with --json to see them all',
        });
        report(ctx, v);
        return v.findings.length === 0 ? 0 : 1;
      });
    });
};

/** Prints the worst findings first, at most 25, then the counts (on stderr). */
function printFindings(ctx: CliContext, findings: readonly Finding[], hint?: { vi: string; en: string }): void {
  for (const l of renderFindingsSummary(findings, ctx.lang, ctx.color, hint)) ctx.err(l);
}

function report(ctx: CliContext, v: Awaited<ReturnType<typeof verifyPublication>>): void {
  if (!v.manifest) return;
  const vi = ctx.lang === 'vi';
  const { outputs, inputs, rescored } = v.checked;
  if (v.findings.length === 0)
    ctx.out(
      vi
        ? `Bản công khai ngày ${dmy(v.manifest.published)} khớp: ${outputs} tệp kết ` +
            `quả${inputs ? `, ${inputs} tệp đầu vào` : ''}${rescored ? ', chấm lại cho kết quả giống hệt' : ''}.`
        : `The publication of ${v.manifest.published} stands: ${outputs} ` +
            `outputs${inputs ? `, ${inputs} inputs` : ''}${rescored ? ', rescoring gives the same bytes' : ''}.`,
    );
  else
    ctx.out(
      vi
        ? `Bản công khai ngày ${dmy(v.manifest.published)} KHÔNG khớp: ${v.findings.length} khác biệt (xem trên).`
        : `The publication of ${v.manifest.published} does NOT stand: ${v.findings.length} differences (see above).`,
    );
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
