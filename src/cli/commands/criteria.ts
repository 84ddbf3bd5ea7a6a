/** `parindex criteria list | check | show | schema`. */
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { criteriaJsonSchema, CRITERIA_SCHEMA_PATH } from '../../criteria/json-schema.js';
import {
  buildImportedSet,
  importCriteriaTable,
  renderImportedYaml,
  type ImportOptions,
} from '../../criteria/import.js';
import { readTableFile } from '../../load/docx.js';
import { checkCriteriaData, listCriteriaFiles, loadCriteriaFile, resolveCriteriaRef } from '../../criteria/load.js';
import { checkCriteriaFiles, expandCriteriaTarget, summariseCriteria } from '../../criteria/summary.js';
import { CriteriaError, UsageError } from '../../findings/errors.js';
import { diffCriteriaSets } from '../../criteria/diff.js';
import { renderDiffText } from '../../report/diff-text.js';
import { countFindings, finding } from '../../findings/finding.js';
import {
  criteriaCheckJson,
  criteriaImportJson,
  criteriaListJson,
  renderCriteriaCheckSummary,
  renderCriteriaList,
  renderCriteriaTree,
  renderCrosswalkYaml,
  renderImportSummary,
  type ImportSummary,
} from '../../report/criteria-text.js';
import { renderFindingsText } from '../../report/findings-text.js';
import { writeFileAtomic } from '../../core/fs.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import type { Register } from '../command.js';
import { withRefSuggestion } from '../suggest.js';

export const registerCriteriaCommands: Register = (program, run) => {
  const criteria = program
    .command('criteria')
    .description('Bộ tiêu chí: liệt kê, kiểm tra, xem / criteria sets: list, check, show');

  criteria
    .command('list')
    .description('liệt kê các bộ tiêu chí có sẵn / list the bundled criteria sets')
    .option('--dir <folder>', 'thư mục bộ tiêu chí khác / another criteria folder')
    .action(async function (this: Command) {
      await run(this, (ctx) => {
        const opts = this.opts<{ dir?: string }>();
        const rows = listCriteriaFiles(opts.dir).map((f) =>
          summariseCriteria(loadCriteriaFile(f.path, displayPath(f.path, ctx.cwd)), `${f.id}@${f.version}`),
        );
        if (ctx.json) ctx.out(criteriaListJson(rows));
        else for (const line of renderCriteriaList(rows, ctx.lang, ctx.color, { width: ctx.width })) ctx.out(line);
        return 0;
      });
    });

  criteria
    .command('check')
    .description(
      'kiểm tra tệp bộ tiêu chí (mặc định: các bộ có sẵn) / check criteria files (default: the bundled sets)',
    )
    .argument('[files...]', 'tệp hoặc thư mục, hoặc id@version / files, folders, or id@version')
    .option('--strict', 'coi cảnh báo là lỗi / treat warnings as errors')
    .action(async function (this: Command, files: string[]) {
      await run(this, (ctx) => {
        const strict = this.opts<{ strict?: boolean }>().strict === true;
        const targets =
          files.length > 0
            ? files.flatMap((f) => expandCriteriaTarget(f, ctx.cwd))
            : listCriteriaFiles().map((f) => ({ path: f.path, display: displayPath(f.path, ctx.cwd) }));
        const results = checkCriteriaFiles(targets, strict);
        const counts = countFindings(results.flatMap((r) => r.findings));
        const failed = results.filter((r) => r.failure !== undefined);
        if (ctx.json) ctx.out(criteriaCheckJson(results, ctx.lang));
        else {
          for (const line of renderFindingsText(
            results.flatMap((r) => r.findings),
            ctx.lang,
            ctx.color,
          ))
            ctx.out(line);
          for (const r of failed) ctx.err(`${TOOL_NAME}: ${r.failure![ctx.lang]}`);
          ctx.out(renderCriteriaCheckSummary(results, ctx.lang));
        }
        return failed.length > 0 ? 2 : counts.error > 0 ? 1 : 0;
      });
    });

  criteria
    .command('show')
    .description('hiện cây tiêu chí với điểm tối đa / show a set as a tree with maxima')
    .argument('<ref>', 'id@version hoặc đường dẫn tệp / id@version or a file path')
    .option('--rules', 'hiện quy tắc chấm của từng tiêu chí / show each item’s rule')
    .action(async function (this: Command, ref: string) {
      await run(this, (ctx) => {
        const { path, display } = withRefSuggestion(ref, () => resolveCriteriaRef(ref, [], ctx.cwd));
        const loaded = withRefSuggestion(ref, () => loadCriteriaFile(path, display));
        if (!loaded.set) {
          for (const line of renderFindingsText(loaded.findings, ctx.lang, ctx.color)) ctx.err(line);
          return 1;
        }
        if (ctx.json) {
          ctx.out(JSON.stringify(loaded.set, null, 2));
          return 0;
        }
        for (const line of renderCriteriaTree(
          loaded.set,
          ctx.lang,
          ctx.color,
          this.opts<{ rules?: boolean }>().rules === true,
        ))
          ctx.out(line);
        if (loaded.findings.length) {
          ctx.out('');
          for (const line of renderFindingsText(loaded.findings, ctx.lang, ctx.color)) ctx.out(line);
        }
        return countFindings(loaded.findings).error > 0 ? 1 : 0;
      });
    });

  criteria
    .command('import')
    .description(
      'tạo bộ tiêu chí từ bảng tiêu chí (xlsx, csv) của quyết định / build a criteria set from a decision’s ' +
        'criteria table (xlsx, csv)',
    )
    .argument('<table>', 'bảng tiêu chí (.xlsx hoặc .csv) / the criteria table (.xlsx or .csv)')
    .requiredOption('--id <id>', 'mã bộ tiêu chí, vd. hn-internal / id of the set, e.g. hn-internal')
    .requiredOption('--version <version>', 'phiên bản, vd. 2026 / version, e.g. 2026')
    .requiredOption('--out <file>', 'tệp YAML ghi ra, vd. criteria/<id>/<version>.yaml / the YAML file to write')
    .option(
      '--title <text>',
      'tên bộ tiêu chí (mặc định: tiêu đề phía trên bảng) / title (default: the caption above the table)',
    )
    .option(
      '--decision <number>',
      'số quyết định, vd. 1880/QĐ-UBND (mặc định: tìm trong tiêu đề) / decision number (default: found in the caption)',
    )
    .option(
      '--kinds <list>',
      'loại cơ quan, vd. "department:Sở, ban, ngành,commune:UBND xã" / agency kinds as id:Title, comma-separated',
      (v: string) =>
        v
          .split(/,(?=\s*[a-z][a-z0-9-]*(?::|$))/)
          .map((x) => x.trim())
          .filter(Boolean),
    )
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async function (this: Command, table: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{
          id: string;
          version: string;
          out: string;
          title?: string;
          decision?: string;
          kinds?: string[];
          force?: boolean;
        }>();
        if (resolve(o.out) === resolve(table))
          throw new UsageError({
            vi: `--out trùng với bảng đầu vào (${table}); tệp đầu vào không bao giờ bị ghi đè.`,
            en: `--out is the input table (${table}); input files are never overwritten.`,
          });
        if (existsSync(o.out) && !o.force)
          throw new UsageError({
            vi: `${o.out} đã có; thêm --force để ghi đè.`,
            en: `${o.out} exists; add --force to overwrite it.`,
          });
        const read = await readTableFile(table, table, ctx.read);
        if (!read.grid) {
          // "Not a spreadsheet" would send an officer to the self-scoring template; say what a table may be.
          const why = read.findings.map((f) =>
            f.code === 'INTAKE_NOT_SPREADSHEET' || f.code === 'INTAKE_LEGACY_FORMAT'
              ? finding('CRITERIA_IMPORT_FILE_KIND', f.location, {
                  detected:
                    f.code === 'INTAKE_NOT_SPREADSHEET'
                      ? f.args.detected
                      : f.args.format === 'xls'
                        ? 'Excel 97–2003 (.xls)'
                        : 'OpenDocument (.ods)',
                })
              : f,
          );
          for (const line of renderFindingsText(why, ctx.lang, ctx.color)) ctx.err(line);
          return 2;
        }
        const imported = importCriteriaTable(
          read.grid,
          read.captions ? { captionOf: (s) => read.captions.get(s) ?? [], documentText: read.text } : {},
        );
        imported.findings.unshift(
          ...read.findings.filter(
            (f) => f.code === 'INTAKE_LEGACY_ENCODING' || f.code === 'INTAKE_LEGACY_ENCODING_MORE',
          ),
        );
        const opts: ImportOptions = { id: o.id, version: o.version };
        if (o.title) opts.title = o.title;
        if (o.decision) opts.decision = o.decision;
        if (o.kinds) opts.kinds = o.kinds;
        const result = buildImportedSet(imported, opts, (data) => checkCriteriaData(data, o.out));
        const findings = result.findings;
        const written = imported.fields.length > 0;
        if (written) {
          const schema = relative(dirname(resolve(ctx.cwd, o.out)), CRITERIA_SCHEMA_PATH)
            .split(sep)
            .join('/');
          const header = [
            `Nhập từ ${basename(table)} bằng parindex criteria import; kiểm tra lại với bản gốc của quyết định.`,
            `Imported from ${basename(table)} by parindex criteria import; check it against the decision's own text.`,
          ];
          await writeFileAtomic(o.out, renderImportedYaml(result.data, { schema, header }));
        }
        const summary: ImportSummary = {
          table,
          out: o.out,
          set: `${o.id}@${o.version}`,
          written,
          counts: result.counts,
          rules: imported.rules,
          findings,
        };
        if (ctx.json) ctx.out(criteriaImportJson(summary, ctx.lang));
        else {
          // Guidance kept as text is listed once, in the summary, with its cell.
          for (const line of renderFindingsText(
            findings.filter((f) => f.code !== 'CRITERIA_IMPORT_GUIDANCE_KEPT'),
            ctx.lang,
            ctx.color,
          ))
            ctx.out(line);
          for (const line of renderImportSummary(summary, ctx.lang)) ctx.out(line);
        }
        return !written ? 1 : countFindings(findings).error > 0 ? 1 : 0;
      });
    });

  criteria
    .command('diff')
    .description('so sánh hai bộ tiêu chí (hai phiên bản) / compare two criteria sets (two versions)')
    .argument('<old>', 'bộ cũ: id@version hoặc tệp / the old set: id@version or a file')
    .argument('<new>', 'bộ mới: id@version hoặc tệp / the new set: id@version or a file')
    .option(
      '--crosswalk <file>',
      'ghi bảng đối chiếu mã cũ → mã mới (YAML) để so sánh giữa các năm / write the old → new code crosswalk ' +
        '(YAML) for year-over-year comparison',
    )
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async function (this: Command, oldRef: string, newRef: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ crosswalk?: string; force?: boolean }>();
        const load = (ref: string) => {
          const { path, display } = withRefSuggestion(ref, () => resolveCriteriaRef(ref, [], ctx.cwd));
          const loaded = withRefSuggestion(ref, () => loadCriteriaFile(path, display));
          if (!loaded.set)
            throw new CriteriaError({
              vi: `${display}: không phải bộ tiêu chí hợp lệ; chạy parindex criteria check ${ref}.`,
              en: `${display}: not a valid criteria set; run parindex criteria check ${ref}.`,
            });
          return loaded.set;
        };
        const d = diffCriteriaSets(load(oldRef), load(newRef));
        if (o.crosswalk) {
          if (existsSync(o.crosswalk) && !o.force)
            throw new UsageError({
              vi: `${o.crosswalk} đã có; thêm --force để ghi đè.`,
              en: `${o.crosswalk} exists; add --force to overwrite it.`,
            });
          await writeFileAtomic(o.crosswalk, renderCrosswalkYaml(d));
        }
        if (ctx.json) {
          ctx.out(
            JSON.stringify(
              {
                tool: { name: TOOL_NAME, version: TOOL_VERSION },
                command: 'criteria diff',
                ...d,
                ...(o.crosswalk ? { crosswalk: o.crosswalk } : {}),
              },
              null,
              2,
            ),
          );
          return 0;
        }
        for (const line of renderDiffText(d, ctx.lang, ctx.color)) ctx.out(line);
        if (o.crosswalk) ctx.err(o.crosswalk);
        return 0;
      });
    });

  criteria
    .command('schema')
    .description('in JSON Schema của định dạng bộ tiêu chí / print the JSON Schema of the criteria format')
    .option('--write', `ghi vào ${CRITERIA_SCHEMA_PATH} / write it to ${CRITERIA_SCHEMA_PATH}`)
    .action(async function (this: Command) {
      await run(this, async (ctx) => {
        const text = JSON.stringify(criteriaJsonSchema(), null, 2) + '\n';
        if (this.opts<{ write?: boolean }>().write) {
          await writeFileAtomic(CRITERIA_SCHEMA_PATH, text);
          ctx.err(CRITERIA_SCHEMA_PATH);
        } else ctx.out(text);
        return 0;
      });
    });
};

/** A bundled file's path relative to the working folder when inside it. */
function displayPath(path: string, cwd: string): string {
  return path.startsWith(cwd + '/') ? path.slice(cwd.length + 1) : path;
}
