/**
 * The criteria commands' output: the list of sets, a set as a tree, the check summary, the import
 * summary, and the crosswalk file a diff writes. Pure functions of the data criteria/ gives.
 */
import type { ChalkInstance } from 'chalk';
import { stringify as stringifyYaml } from 'yaml';
import { describeRule, ruleKindLabel } from '../criteria/describe.js';
import { crosswalkFromDiff, type CriteriaDiff } from '../criteria/diff.js';
import { isItem, type CriteriaSet, type Node, type RuleKind } from '../criteria/schema.js';
import type { CheckedCriteriaFile, SetSummary } from '../criteria/summary.js';
import { textIn } from '../criteria/tree.js';
import { countFindings, type Finding, type FindingCounts } from '../findings/finding.js';
import { renderLocation } from '../messages/index.js';
import { num, type Lang } from '../messages/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { findingToJson, renderCounts } from './findings-text.js';
import { hangText } from './text-table.js';

/** `criteria list --json`. */
export function criteriaListJson(rows: readonly SetSummary[]): string {
  return JSON.stringify(
    { tool: { name: TOOL_NAME, version: TOOL_VERSION }, command: 'criteria list', sets: rows },
    null,
    2,
  );
}

/** `criteria list`: a few lines for each set. */
export function renderCriteriaList(
  rows: readonly SetSummary[],
  lang: Lang,
  c: ChalkInstance,
  options: { width?: number } = {},
): string[] {
  const lines: string[] = [];
  /** An indented line of a set, wrapped to the width under its indent. */
  const say = (text: string): void => void lines.push(...hangText('  ', text.replace(/^ {2}/, ''), options.width));
  for (const r of rows) {
    lines.push(
      `${c.bold(r.ref)}${r.illustrative ? c.yellow(lang === 'vi' ? '  [minh hoạ]' : '  [illustrative]') : ''}`,
    );
    if (r.title) say(`  ${lang === 'en' ? (r.title.en ?? r.title.vi) : r.title.vi}`);
    if (r.decision) say(`  ${lang === 'vi' ? 'Văn bản' : 'Decision'}: ${r.decision}`);
    if (r.kind === 'questionnaire')
      say(
        lang === 'vi'
          ? `  Bộ câu hỏi khảo sát · ${r.fields} khối, ${r.items} câu hỏi`
          : `  Survey questionnaire · ${r.fields} domains, ${r.items} questions`,
      );
    if (r.total !== undefined)
      say(
        lang === 'vi'
          ? `  Loại cơ quan: ${r.agencyKinds.join(', ')} · tổng ${num(r.total, 'vi')} ` +
              `điểm` +
              `${
                r.sourceTotals
                  ? ` (thẩm định ${num(r.sourceTotals.appraisal ?? 0, 'vi')}, điều tra XHH ` +
                    `${num(r.sourceTotals.survey ?? 0, 'vi')})`
                  : ''
              }` +
              ` · ${r.fields} lĩnh vực, ${r.items} tiêu chí thành phần`
          : `  Agency kinds: ${r.agencyKinds.join(', ')} · total ${r.total} ` +
              `points` +
              `${
                r.sourceTotals
                  ? ` (appraisal ${r.sourceTotals.appraisal ?? 0}, ` + `survey ${r.sourceTotals.survey ?? 0})`
                  : ''
              }` +
              ` · ${r.fields} fields, ${r.items} items`,
      );
    if (r.total !== undefined && !r.illustrative)
      say(
        lang === 'vi'
          ? `  Đã xác nhận nguồn: lĩnh vực ${r.fieldsConfirmed}/${r.fields}, tiêu chí thành phần ` +
              `${r.confirmed}/${r.items}, mọi giá trị ${r.nodesConfirmed}/${r.nodes}`
          : `  Confirmed by a source: fields ${r.fieldsConfirmed}/${r.fields}, items ` +
              `${r.confirmed}/${r.items}, all values ${r.nodesConfirmed}/${r.nodes}`,
      );
    if (r.errors > 0) lines.push(c.red(`  ${renderCounts({ error: r.errors, warning: r.warnings, info: 0 }, lang)}`));
  }
  return lines;
}

/** Values not confirmed by a source, among the findings of a check. */
export function unconfirmedCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.code === 'CRITERIA_UNCONFIRMED').length;
}

/** `criteria check --json`. */
export function criteriaCheckJson(results: readonly CheckedCriteriaFile[], lang: Lang): string {
  const all = results.flatMap((r) => r.findings);
  return JSON.stringify(
    {
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      command: 'criteria check',
      files: results.map((r) => ({
        file: r.file,
        ...(r.ref ? { set: r.ref } : {}),
        ...(r.failure ? { failure: r.failure[lang] } : {}),
        counts: countFindings(r.findings),
        findings: r.findings.map((f) => findingToJson(f, lang)),
      })),
      counts: countFindings(all),
      unconfirmed: unconfirmedCount(all),
    },
    null,
    2,
  );
}

/** `criteria check`: the closing line. */
export function renderCriteriaCheckSummary(results: readonly CheckedCriteriaFile[], lang: Lang): string {
  const all = results.flatMap((r) => r.findings);
  const counts = countFindings(all);
  const unconfirmed = unconfirmedCount(all);
  const failed = results.filter((r) => r.failure !== undefined);
  const ok = results.filter((r) => r.failure === undefined && countFindings(r.findings).error === 0).length;
  return lang === 'vi'
    ? `Đã kiểm tra ${results.length} tệp: ${ok} đạt; ` +
        `${renderCounts(counts, 'vi')}${unconfirmed ? ` (${unconfirmed} giá trị chưa xác nhận nguồn)` : ''}` +
        `${failed.length ? `; ${failed.length} tệp không đọc được` : ''}.`
    : `Checked ${results.length} file(s): ${ok} passed; ` +
        `${renderCounts(counts, 'en')}${unconfirmed ? ` (${unconfirmed} values not confirmed by a source)` : ''}` +
        `${failed.length ? `; ${failed.length} unreadable` : ''}.`;
}

/** `criteria show`: the set's heading lines, then its tree with maxima (and each item's rule with `rules`). */
export function renderCriteriaTree(set: CriteriaSet, lang: Lang, c: ChalkInstance, showRules: boolean): string[] {
  const lines: string[] = [];
  lines.push(c.bold(`${set.id}@${set.version}  ${textIn(set.title, lang)}`));
  lines.push(
    `${lang === 'vi' ? 'Văn bản' : 'Decision'}: ` +
      `${set.decision.number}${set.decision.date ? ` (${formatDate(set.decision.date, lang)})` : ''}`,
  );
  lines.push(
    `${lang === 'vi' ? 'Tổng điểm' : 'Total'}: ` +
      `${num(set.total, lang)}` +
      `${
        set.sourceTotals
          ? ` (${lang === 'vi' ? 'thẩm định' : 'appraisal'} ${num(set.sourceTotals.appraisal ?? 0, lang)}, ` +
            `${lang === 'vi' ? 'điều tra XHH' : 'survey'} ${num(set.sourceTotals.survey ?? 0, lang)})`
          : ''
      }`,
  );
  lines.push(
    `${lang === 'vi' ? 'Xếp nhóm' : 'Bands'}: ` +
      `${set.bands.map((b) => `${textIn(b.label, lang)} ${num(b.min, lang)}–${num(b.max, lang)}%`).join(' · ')}`,
  );
  lines.push('');
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
      lines.push(
        `${pad}${c.cyan(n.code)} ${textIn(n.title, lang)} ` +
          `${c.dim(`[${max}]`)}${extra.length ? c.dim(` (${extra.join(', ')})`) : ''}${mark}`,
      );
      if (showRules) lines.push(`${pad}    ${c.dim(describeRule(n, lang))}`);
    } else {
      const line = `${pad}${n.code} ${textIn(n.title, lang)} [${max}]${mark}`;
      lines.push(depth === 0 ? c.bold(line) : line);
      n.children.forEach((ch) => walk(ch, depth + 1));
    }
  };
  set.fields.forEach((f) => walk(f, 0));
  return lines;
}

/** What `criteria import` made, for its closing lines and its JSON. */
export interface ImportSummary {
  table: string;
  out: string;
  set: string;
  written: boolean;
  counts: { fields: number; criteria: number; items: number };
  rules: Record<string, number>;
  findings: readonly Finding[];
}

/** `criteria import --json`. */
export function criteriaImportJson(s: ImportSummary, lang: Lang): string {
  return JSON.stringify(
    {
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      command: 'criteria import',
      table: s.table,
      out: s.written ? s.out : null,
      set: s.set,
      ...s.counts,
      rules: s.rules,
      counts: countFindings(s.findings),
      findings: s.findings.map((f) => findingToJson(f, lang)),
    },
    null,
    2,
  );
}

/** `criteria import`: what was written (or not), and whether the set passes the check. */
export function renderImportSummary(s: ImportSummary, lang: Lang): string[] {
  const counts: FindingCounts = countFindings(s.findings);
  const rules = Object.entries(s.rules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${ruleKindLabel(k as RuleKind, lang)} ${n}`)
    .join(', ');
  const kept = s.findings.filter((f) => f.code === 'CRITERIA_IMPORT_GUIDANCE_KEPT').length;
  const c = s.counts;
  const lines = [
    lang === 'vi'
      ? s.written
        ? `Đã ghi ${s.out}: ${c.fields} lĩnh vực, ${c.criteria} tiêu chí, ${c.items} tiêu chí thành phần; quy ` +
          `tắc: ${rules}; ${kept} hướng dẫn giữ nguyên văn bản; ${renderCounts(counts, 'vi')}.`
        : `Không ghi tệp nào; ${renderCounts(counts, 'vi')}.`
      : s.written
        ? `Wrote ${s.out}: ${c.fields} fields, ${c.criteria} criteria, ${c.items} items; rules: ${rules}; ` +
          `${kept} guidance texts kept as text; ${renderCounts(counts, 'en')}.`
        : `Nothing written; ${renderCounts(counts, 'en')}.`,
  ];
  const keptAt = s.findings.flatMap((f) =>
    f.code === 'CRITERIA_IMPORT_GUIDANCE_KEPT' ? [`${f.args.code} (${renderLocation(f.location, lang, false)})`] : [],
  );
  if (s.written && keptAt.length)
    lines.push(
      lang === 'vi'
        ? `Hướng dẫn giữ nguyên văn bản, cơ quan nhập điểm trực tiếp: ${keptAt.join('; ')}.`
        : `Guidance kept as text, agencies enter points: ${keptAt.join('; ')}.`,
    );
  if (counts.error > 0 && s.written)
    lines.push(
      lang === 'vi'
        ? `Bộ tiêu chí chưa đạt criteria check: sửa các lỗi trên trong bảng hoặc trong ${s.out}.`
        : `The set does not pass criteria check: fix the errors above in the table or in ${s.out}.`,
    );
  return lines;
}

/** The crosswalk file `criteria diff --crosswalk` writes: a bilingual heading, then the YAML. */
export function renderCrosswalkYaml(d: CriteriaDiff): string {
  const cw = crosswalkFromDiff(d);
  const head = [
    `# Đối chiếu mã tiêu chí ${d.from} → ${d.to}, do parindex criteria diff lập; kiểm tra lại trước khi dùng.`,
    `# Code crosswalk ${d.from} → ${d.to}, made by parindex criteria diff; review it before use.`,
    '# Mã không liệt kê giữ nguyên; null: tiêu chí đã bỏ / unlisted codes keep their code; null: removed.',
  ].join('\n');
  return `${head}\n${stringifyYaml(cw, { lineWidth: 0 })}`;
}

function formatDate(iso: string, lang: 'vi' | 'en'): string {
  const [y, m, d] = iso.split('-');
  return lang === 'vi' ? `${d}/${m}/${y}` : iso;
}
