/** `parindex criteria list | check | show | schema`. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { criteriaJsonSchema, CRITERIA_SCHEMA_PATH } from '../../criteria/json-schema.js';
import { describeRule, ruleKindLabel } from '../../criteria/describe.js';
import {
  buildImportedSet,
  importCriteriaTable,
  renderImportedYaml,
  type ImportOptions,
} from '../../criteria/import.js';
import { readGrid } from '../../load/read.js';
import {
  checkCriteriaData,
  listCriteriaFiles,
  loadCriteriaFile,
  resolveCriteriaRef,
  type LoadedCriteria,
} from '../../criteria/load.js';
import { isItem, type Node, type RuleKind } from '../../criteria/schema.js';
import { textIn } from '../../criteria/tree.js';
import { CriteriaError, RunError, UsageError } from '../../findings/errors.js';
import { crosswalkFromDiff, diffCriteriaSets } from '../../criteria/diff.js';
import { renderDiffText } from '../../report/diff-text.js';
import { stringify as stringifyYaml } from 'yaml';
import { countFindings, type Finding } from '../../findings/finding.js';
import { num } from '../../messages/types.js';
import { findingToJson, renderCounts, renderFindingsText } from '../../report/findings-text.js';
import { writeFileAtomic } from '../../core/fs.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import type { Register } from '../program.js';

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
          summarise(loadCriteriaFile(f.path, displayPath(f.path, opts.dir)), `${f.id}@${f.version}`),
        );
        if (ctx.json) {
          ctx.out(
            JSON.stringify(
              { tool: { name: TOOL_NAME, version: TOOL_VERSION }, command: 'criteria list', sets: rows },
              null,
              2,
            ),
          );
          return 0;
        }
        const c = ctx.color;
        for (const r of rows) {
          ctx.out(
            `${c.bold(r.ref)}${r.illustrative ? c.yellow(ctx.lang === 'vi' ? '  [minh hoạ]' : '  [illustrative]') : ''}`,
          );
          if (r.title) ctx.out(`  ${ctx.lang === 'en' ? (r.title.en ?? r.title.vi) : r.title.vi}`);
          if (r.decision) ctx.out(`  ${ctx.lang === 'vi' ? 'Văn bản' : 'Decision'}: ${r.decision}`);
          if (r.kind === 'questionnaire')
            ctx.out(
              ctx.lang === 'vi'
                ? `  Bộ câu hỏi khảo sát · ${r.fields} khối, ${r.items} câu hỏi`
                : `  Survey questionnaire · ${r.fields} domains, ${r.items} questions`,
            );
          if (r.total !== undefined)
            ctx.out(
              ctx.lang === 'vi'
                ? `  Loại cơ quan: ${r.agencyKinds.join(', ')} · tổng ${num(r.total, 'vi')} điểm${r.sourceTotals ? ` (thẩm định ${num(r.sourceTotals.appraisal ?? 0, 'vi')}, điều tra XHH ${num(r.sourceTotals.survey ?? 0, 'vi')})` : ''} · ${r.fields} lĩnh vực, ${r.items} tiêu chí thành phần`
                : `  Agency kinds: ${r.agencyKinds.join(', ')} · total ${r.total} points${r.sourceTotals ? ` (appraisal ${r.sourceTotals.appraisal ?? 0}, survey ${r.sourceTotals.survey ?? 0})` : ''} · ${r.fields} fields, ${r.items} items`,
            );
          if (r.total !== undefined && !r.illustrative)
            ctx.out(
              ctx.lang === 'vi'
                ? `  Đã xác nhận nguồn: lĩnh vực ${r.fieldsConfirmed}/${r.fields}, tiêu chí thành phần ${r.confirmed}/${r.items}, mọi giá trị ${r.nodesConfirmed}/${r.nodes}`
                : `  Confirmed by a source: fields ${r.fieldsConfirmed}/${r.fields}, items ${r.confirmed}/${r.items}, all values ${r.nodesConfirmed}/${r.nodes}`,
            );
          if (r.errors > 0)
            ctx.out(c.red(`  ${renderCounts({ error: r.errors, warning: r.warnings, info: 0 }, ctx.lang)}`));
        }
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
            ? files.flatMap(expandTarget)
            : listCriteriaFiles().map((f) => ({ path: f.path, display: displayPath(f.path) }));
        const results: { file: string; ref?: string; findings: Finding[]; failure?: string }[] = [];
        for (const t of targets) {
          try {
            const loaded = loadCriteriaFile(t.path, t.display);
            const findings = strict
              ? loaded.findings.map((f) => (f.severity === 'warning' ? ({ ...f, severity: 'error' } as Finding) : f))
              : loaded.findings;
            const r: (typeof results)[number] = { file: t.display, findings };
            if (loaded.set) r.ref = `${loaded.set.id}@${loaded.set.version}`;
            if (loaded.questionnaire) r.ref = `${loaded.questionnaire.id}@${loaded.questionnaire.version}`;
            results.push(r);
          } catch (e) {
            if (!(e instanceof RunError)) throw e;
            results.push({ file: t.display, findings: [], failure: e.text[ctx.lang] });
          }
        }
        const all = results.flatMap((r) => r.findings);
        const counts = countFindings(all);
        const failed = results.filter((r) => r.failure !== undefined);
        const unconfirmed = all.filter((f) => f.code === 'CRITERIA_UNCONFIRMED').length;
        if (ctx.json) {
          ctx.out(
            JSON.stringify(
              {
                tool: { name: TOOL_NAME, version: TOOL_VERSION },
                command: 'criteria check',
                files: results.map((r) => ({
                  file: r.file,
                  ...(r.ref ? { set: r.ref } : {}),
                  ...(r.failure ? { failure: r.failure } : {}),
                  counts: countFindings(r.findings),
                  findings: r.findings.map((f) => findingToJson(f, ctx.lang)),
                })),
                counts,
                unconfirmed,
              },
              null,
              2,
            ),
          );
        } else {
          for (const line of renderFindingsText(all, ctx.lang, ctx.color)) ctx.out(line);
          for (const r of failed) ctx.err(`${TOOL_NAME}: ${r.failure}`);
          const ok = results.filter((r) => r.failure === undefined && countFindings(r.findings).error === 0).length;
          ctx.out(
            ctx.lang === 'vi'
              ? `Đã kiểm tra ${results.length} tệp: ${ok} đạt; ${renderCounts(counts, 'vi')}${unconfirmed ? ` (${unconfirmed} giá trị chưa xác nhận nguồn)` : ''}${failed.length ? `; ${failed.length} tệp không đọc được` : ''}.`
              : `Checked ${results.length} file(s): ${ok} passed; ${renderCounts(counts, 'en')}${unconfirmed ? ` (${unconfirmed} values not confirmed by a source)` : ''}${failed.length ? `; ${failed.length} unreadable` : ''}.`,
          );
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
        const { path, display } = resolveCriteriaRef(ref);
        const loaded = loadCriteriaFile(path, display);
        if (!loaded.set) {
          for (const line of renderFindingsText(loaded.findings, ctx.lang, ctx.color)) ctx.err(line);
          return 1;
        }
        const set = loaded.set;
        if (ctx.json) {
          ctx.out(JSON.stringify(set, null, 2));
          return 0;
        }
        const c = ctx.color;
        const lang = ctx.lang;
        const showRules = this.opts<{ rules?: boolean }>().rules === true;
        ctx.out(c.bold(`${set.id}@${set.version}  ${textIn(set.title, lang)}`));
        ctx.out(
          `${lang === 'vi' ? 'Văn bản' : 'Decision'}: ${set.decision.number}${set.decision.date ? ` (${formatDate(set.decision.date, lang)})` : ''}`,
        );
        ctx.out(
          `${lang === 'vi' ? 'Tổng điểm' : 'Total'}: ${num(set.total, lang)}${set.sourceTotals ? ` (${lang === 'vi' ? 'thẩm định' : 'appraisal'} ${num(set.sourceTotals.appraisal ?? 0, lang)}, ${lang === 'vi' ? 'điều tra XHH' : 'survey'} ${num(set.sourceTotals.survey ?? 0, lang)})` : ''}`,
        );
        ctx.out(
          `${lang === 'vi' ? 'Xếp nhóm' : 'Bands'}: ${set.bands.map((b) => `${textIn(b.label, lang)} ${num(b.min, lang)}–${num(b.max, lang)}%`).join(' · ')}`,
        );
        ctx.out('');
        const unconfirmed = (n: Node): boolean =>
          n.provenance === 'unconfirmed' || (typeof n.provenance === 'object' && n.provenance.status === 'unconfirmed');
        const walk = (n: Node, depth: number): void => {
          const pad = '  '.repeat(depth);
          const mark = unconfirmed(n) ? c.yellow(lang === 'vi' ? ' [chưa xác nhận]' : ' [unconfirmed]') : '';
          const max = num(n.max, lang);
          if (isItem(n)) {
            const extra: string[] = [];
            if (n.source !== 'appraisal') extra.push(n.source);
            if (n.appliesTo) extra.push(n.appliesTo.join('/'));
            if (n.notApplicable) extra.push(lang === 'vi' ? 'có thể không áp dụng' : 'may be N/A');
            ctx.out(
              `${pad}${c.cyan(n.code)} ${textIn(n.title, lang)} ${c.dim(`[${max}]`)}${extra.length ? c.dim(` (${extra.join(', ')})`) : ''}${mark}`,
            );
            if (showRules) ctx.out(`${pad}    ${c.dim(describeRule(n, lang))}`);
          } else {
            const line = `${pad}${n.code} ${textIn(n.title, lang)} [${max}]${mark}`;
            ctx.out(depth === 0 ? c.bold(line) : line);
            n.children.forEach((ch) => walk(ch, depth + 1));
          }
        };
        set.fields.forEach((f) => walk(f, 0));
        const warnings = loaded.findings.length;
        if (warnings) {
          ctx.out('');
          for (const line of renderFindingsText(loaded.findings, lang, c)) ctx.out(line);
        }
        return countFindings(loaded.findings).error > 0 ? 1 : 0;
      });
    });

  criteria
    .command('import')
    .description(
      'tạo bộ tiêu chí từ bảng tiêu chí (xlsx, csv) của quyết định / build a criteria set from a decision’s criteria table (xlsx, csv)',
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
        const read = await readGrid(table, table);
        if (!read.grid) {
          for (const line of renderFindingsText(read.findings, ctx.lang, ctx.color)) ctx.err(line);
          return 2;
        }
        const imported = importCriteriaTable(read.grid);
        const opts: ImportOptions = { id: o.id, version: o.version };
        if (o.title) opts.title = o.title;
        if (o.decision) opts.decision = o.decision;
        if (o.kinds) opts.kinds = o.kinds;
        const result = buildImportedSet(imported, opts, (data) => checkCriteriaData(data, o.out));
        const findings = result.findings;
        const counts = countFindings(findings);
        const written = imported.fields.length > 0;
        if (written) {
          const schema = relative(dirname(resolve(o.out)), CRITERIA_SCHEMA_PATH)
            .split(sep)
            .join('/');
          const header = [
            `Nhập từ ${basename(table)} bằng parindex criteria import; kiểm tra lại với bản gốc của quyết định.`,
            `Imported from ${basename(table)} by parindex criteria import; check it against the decision's own text.`,
          ];
          await writeFileAtomic(o.out, renderImportedYaml(result.data, { schema, header }));
        }
        if (ctx.json) {
          ctx.out(
            JSON.stringify(
              {
                tool: { name: TOOL_NAME, version: TOOL_VERSION },
                command: 'criteria import',
                table,
                out: written ? o.out : null,
                set: `${o.id}@${o.version}`,
                ...result.counts,
                rules: imported.rules,
                counts,
                findings: findings.map((f) => findingToJson(f, ctx.lang)),
              },
              null,
              2,
            ),
          );
        } else {
          for (const line of renderFindingsText(findings, ctx.lang, ctx.color)) ctx.out(line);
          const rules = Object.entries(imported.rules)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, n]) => `${ruleKindLabel(k as RuleKind, ctx.lang)} ${n}`)
            .join(', ');
          const kept = findings.filter((f) => f.code === 'CRITERIA_IMPORT_GUIDANCE_KEPT').length;
          const c = result.counts;
          ctx.out(
            ctx.lang === 'vi'
              ? written
                ? `Đã ghi ${o.out}: ${c.fields} lĩnh vực, ${c.criteria} tiêu chí, ${c.items} tiêu chí thành phần; quy tắc: ${rules}; ${kept} hướng dẫn giữ nguyên văn bản; ${renderCounts(counts, 'vi')}.`
                : `Không ghi tệp nào; ${renderCounts(counts, 'vi')}.`
              : written
                ? `Wrote ${o.out}: ${c.fields} fields, ${c.criteria} criteria, ${c.items} items; rules: ${rules}; ${kept} guidance texts kept as text; ${renderCounts(counts, 'en')}.`
                : `Nothing written; ${renderCounts(counts, 'en')}.`,
          );
          if (counts.error > 0 && written)
            ctx.out(
              ctx.lang === 'vi'
                ? `Bộ tiêu chí chưa đạt criteria check: sửa các lỗi trên trong bảng hoặc trong ${o.out}.`
                : `The set does not pass criteria check: fix the errors above in the table or in ${o.out}.`,
            );
        }
        return !written ? 1 : counts.error > 0 ? 1 : 0;
      });
    });

  criteria
    .command('diff')
    .description('so sánh hai bộ tiêu chí (hai phiên bản) / compare two criteria sets (two versions)')
    .argument('<old>', 'bộ cũ: id@version hoặc tệp / the old set: id@version or a file')
    .argument('<new>', 'bộ mới: id@version hoặc tệp / the new set: id@version or a file')
    .option(
      '--crosswalk <file>',
      'ghi bảng đối chiếu mã cũ → mã mới (YAML) để so sánh giữa các năm / write the old → new code crosswalk (YAML) for year-over-year comparison',
    )
    .option('--force', 'ghi đè tệp đã có / overwrite an existing file')
    .action(async function (this: Command, oldRef: string, newRef: string) {
      await run(this, async (ctx) => {
        const o = this.opts<{ crosswalk?: string; force?: boolean }>();
        const load = (ref: string) => {
          const { path, display } = resolveCriteriaRef(ref);
          const loaded = loadCriteriaFile(path, display);
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
          const cw = crosswalkFromDiff(d);
          const head = [
            `# Đối chiếu mã tiêu chí ${d.from} → ${d.to}, do parindex criteria diff lập; kiểm tra lại trước khi dùng.`,
            `# Code crosswalk ${d.from} → ${d.to}, made by parindex criteria diff; review it before use.`,
            '# Mã không liệt kê giữ nguyên; null: tiêu chí đã bỏ / unlisted codes keep their code; null: removed.',
          ].join('\n');
          await writeFileAtomic(o.crosswalk, `${head}\n${stringifyYaml(cw, { lineWidth: 0 })}`);
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

interface SetSummary {
  ref: string;
  file: string;
  /** "questionnaire" for a survey questionnaire; absent for a criteria set. */
  kind?: 'questionnaire';
  title?: { vi: string; en?: string | undefined };
  decision?: string;
  illustrative: boolean;
  agencyKinds: string[];
  total?: number;
  fields: number;
  items: number;
  /** Items whose values a public source confirms. */
  confirmed: number;
  fieldsConfirmed: number;
  /** Every node (field, criterion, item) and how many are confirmed. */
  nodes: number;
  nodesConfirmed: number;
  sourceTotals?: { appraisal?: number | undefined; survey?: number | undefined };
  errors: number;
  warnings: number;
}

function summarise(loaded: LoadedCriteria, ref: string): SetSummary {
  const counts = countFindings(loaded.findings);
  const set = loaded.set;
  const q = loaded.questionnaire;
  if (q) {
    const questions = q.domains.reduce((n, d) => n + d.elements.reduce((m, e) => m + e.questions.length, 0), 0);
    return {
      ref,
      file: loaded.file,
      title: q.title,
      kind: 'questionnaire',
      illustrative: q.illustrative,
      agencyKinds: [],
      fields: q.domains.length,
      items: questions,
      confirmed: 0,
      fieldsConfirmed: 0,
      nodes: 0,
      nodesConfirmed: 0,
      errors: counts.error,
      warnings: counts.warning,
    };
  }
  if (!set)
    return {
      ref,
      file: loaded.file,
      illustrative: false,
      agencyKinds: [],
      fields: 0,
      items: 0,
      confirmed: 0,
      fieldsConfirmed: 0,
      nodes: 0,
      nodesConfirmed: 0,
      errors: counts.error,
      warnings: counts.warning,
    };
  let items = 0;
  let confirmed = 0;
  let nodes = 0;
  let nodesConfirmed = 0;
  let fieldsConfirmed = 0;
  const statusOf = (p: Node['provenance']): string | undefined => (typeof p === 'string' ? p : p?.status);
  const setStatus = statusOf(set.provenance) ?? (set.illustrative ? 'illustrative' : 'confirmed');
  const walk = (n: Node, inherited: string, depth = 0): void => {
    const status = statusOf(n.provenance) ?? inherited;
    nodes++;
    if (status === 'confirmed') {
      nodesConfirmed++;
      if (depth === 0) fieldsConfirmed++;
    }
    if (isItem(n)) {
      items++;
      if (status === 'confirmed') confirmed++;
    } else n.children.forEach((c) => walk(c, status, depth + 1));
  };
  set.fields.forEach((f) => walk(f, setStatus));
  return {
    ref: `${set.id}@${set.version}`,
    file: loaded.file,
    title: set.title,
    decision: `${set.decision.number}${set.decision.date ? ` ${set.decision.date}` : ''}`,
    illustrative: set.illustrative,
    agencyKinds: set.agencyKinds.map((k) => k.id),
    total: set.total,
    fields: set.fields.length,
    items,
    confirmed,
    fieldsConfirmed,
    nodes,
    nodesConfirmed,
    ...(set.sourceTotals ? { sourceTotals: set.sourceTotals } : {}),
    errors: counts.error,
    warnings: counts.warning,
  };
}

/** A command-line target: a file, a folder of criteria files, or an id@version. */
function expandTarget(arg: string): { path: string; display: string }[] {
  if (existsSync(arg) && statSync(arg).isDirectory()) {
    const out: { path: string; display: string }[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir).sort()) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (
          ['.yaml', '.yml'].includes(extname(e).toLowerCase()) ||
          (extname(e) === '.json' && !e.endsWith('.schema.json'))
        )
          out.push({ path: p, display: p });
      }
    };
    walk(arg);
    if (out.length > 0) return out;
  }
  return [resolveCriteriaRef(arg)].map((r) => ({ path: r.path, display: r.display }));
}

function displayPath(path: string, base?: string): string {
  void base;
  const cwd = process.cwd();
  return path.startsWith(cwd + '/') ? path.slice(cwd.length + 1) : path;
}

function formatDate(iso: string, lang: 'vi' | 'en'): string {
  const [y, m, d] = iso.split('-');
  return lang === 'vi' ? `${d}/${m}/${y}` : iso;
}
