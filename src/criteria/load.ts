/**
 * Loads criteria sets: file → YAML/JSON → shape (zod) → named rules. Comes in: a path or an
 * `id@version` reference; goes out: the set, its index, and every finding. A file that cannot
 * be read or parsed at all is a `CriteriaError` (exit 2); bad content is findings (exit 1).
 */
import { readFileSync, readdirSync, statSync, existsSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { CriteriaError } from '../findings/errors.js';
import { finding, hasErrors, type Finding, type FindingLocation } from '../findings/finding.js';
import { checkCriteriaSet } from './check.js';
import { CriteriaSet, RULE_KINDS } from './schema.js';
import { indexCriteriaSet, type CriteriaIndex } from './tree.js';
import { Questionnaire } from './questionnaire-schema.js';
import { checkQuestionnaire } from './questionnaire-check.js';
import { nestingProblem } from '../core/yaml.js';

/** The folder of bundled criteria sets (`criteria/` at the package root). */
export const BUNDLED_CRITERIA_DIR = fileURLToPath(new URL('../../criteria/', import.meta.url));

/** Limits on criteria files; they are small, so anything large is refused before parsing. */
const MAX_CRITERIA_BYTES = 5 * 1024 * 1024;

/** What loading one file gives. `set` is absent when the shape is invalid. */
export interface LoadedCriteria {
  file: string;
  set?: CriteriaSet;
  index?: CriteriaIndex;
  /** Set instead of `set` when the file is a survey questionnaire (`kind: questionnaire`). */
  questionnaire?: Questionnaire;
  findings: Finding[];
}

/** Reads and checks one criteria file. Throws `CriteriaError` only when it cannot be read or parsed. */
export function loadCriteriaFile(path: string, displayPath = path): LoadedCriteria {
  const text = readText(path, displayPath);
  const lineCounter = new LineCounter();
  const isJson = extname(path).toLowerCase() === '.json';
  const deep = nestingProblem(text, displayPath, isJson);
  if (deep) throw new CriteriaError(deep);
  let data: unknown;
  let doc: Document | undefined;
  if (isJson) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CriteriaError({
        vi: `${displayPath}: không đọc được JSON (${(e as Error).message}).`,
        en: `${displayPath}: not valid JSON (${(e as Error).message}).`,
      });
    }
  } else {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      const where = pos ? `:${pos.line}:${pos.col}` : '';
      throw new CriteriaError({
        vi: `${displayPath}${where}: YAML sai cú pháp (${firstLine(err.message)}).`,
        en: `${displayPath}${where}: malformed YAML (${firstLine(err.message)}).`,
      });
    }
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new CriteriaError({
        vi: `${displayPath}: YAML không dùng được (${firstLine((e as Error).message)}).`,
        en: `${displayPath}: YAML cannot be used (${firstLine((e as Error).message)}).`,
      });
    }
  }
  const lineOf = (path: string): number | undefined => {
    if (!doc) return undefined;
    const keys = path === '' ? [] : path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    // Walk down as far as the path exists; report the deepest node found.
    for (let n = keys.length; n >= 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
      if (n === keys.length && n > 0) {
        const parent = doc.getIn(keys.slice(0, n - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === keys[n - 1]);
          const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
          if (range) return lineCounter.linePos(range[0]).line;
        }
        if (isSeq(parent)) continue;
      }
    }
    return undefined;
  };

  if (isObject(data) && data.kind === 'questionnaire') return loadQuestionnaireData(data, path, displayPath, lineOf);
  const checked = checkCriteriaData(data, displayPath, lineOf);
  if (!checked.set) return { file: displayPath, findings: checked.findings };
  const set = checked.set;
  const findings = checked.findings;
  const expected = `${set.id}${sep}${set.version}`;
  const rel = join(basename(dirname(path)), basename(path, extname(path)));
  if (rel !== expected && resolve(path).startsWith(resolve(BUNDLED_CRITERIA_DIR))) {
    findings.push(
      finding(
        'CRITERIA_FILE_NAME_MISMATCH',
        { file: displayPath },
        { expected: `criteria/${set.id}/${set.version}.yaml`, found: displayPath },
      ),
    );
  }
  const result: LoadedCriteria = { file: displayPath, set, findings };
  if (!hasErrors(findings)) result.index = indexCriteriaSet(set);
  return result;
}

/** Shape (zod) then named rules, for data already parsed from a file (or built by `criteria import`). */
export function checkCriteriaData(
  data: unknown,
  displayPath: string,
  lineOf: (p: string) => number | undefined = () => undefined,
): { set?: CriteriaSet; findings: Finding[] } {
  const parsed = CriteriaSet.safeParse(data);
  if (!parsed.success) {
    // Parse again with zod's Vietnamese locale so that generic shape messages read in both languages.
    const vi = CriteriaSet.safeParse(data, { error: z.locales.vi().localeError });
    const viIssues = vi.success ? [] : vi.error.issues;
    return { findings: shapeFindings(parsed.error.issues, viIssues, data, displayPath, lineOf) };
  }
  return { set: parsed.data, findings: checkCriteriaSet(parsed.data, displayPath, lineOf) };
}

/** A questionnaire among the criteria files (`kind: questionnaire`): same shape findings, its own named rules. */
function loadQuestionnaireData(
  data: unknown,
  path: string,
  displayPath: string,
  lineOf: (p: string) => number | undefined,
): LoadedCriteria {
  const parsed = Questionnaire.safeParse(data);
  if (!parsed.success) {
    const vi = Questionnaire.safeParse(data, { error: z.locales.vi().localeError });
    return {
      file: displayPath,
      findings: shapeFindings(parsed.error.issues, vi.success ? [] : vi.error.issues, data, displayPath, lineOf),
    };
  }
  const q = parsed.data;
  const findings = checkQuestionnaire(q, displayPath, lineOf);
  const rel = join(basename(dirname(path)), basename(path, extname(path)));
  if (rel !== `${q.id}${sep}${q.version}` && resolve(path).startsWith(resolve(BUNDLED_CRITERIA_DIR)))
    findings.push(
      finding(
        'CRITERIA_FILE_NAME_MISMATCH',
        { file: displayPath },
        { expected: `criteria/${q.id}/${q.version}.yaml`, found: displayPath },
      ),
    );
  return { file: displayPath, questionnaire: q, findings };
}

/** zod issues → findings, with the union branch that matches the input followed. */
function shapeFindings(
  issues: readonly z.core.$ZodIssue[],
  viIssues: readonly z.core.$ZodIssue[],
  data: unknown,
  file: string,
  lineOf: (p: string) => number | undefined,
): Finding[] {
  const out: Finding[] = [];
  const loc = (path: string): FindingLocation => {
    const l: FindingLocation = { file, path };
    const line = lineOf(path);
    if (line !== undefined) l.line = line;
    return l;
  };
  const visit = (
    list: readonly z.core.$ZodIssue[],
    viList: readonly z.core.$ZodIssue[] | undefined,
    prefix: PropertyKey[],
  ): void => {
    for (const [n, issue] of list.entries()) {
      const viIssue = viList?.[n];
      const full = [...prefix, ...issue.path];
      const path = full.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          out.push(
            finding('CRITERIA_UNKNOWN_KEY', loc(path ? `${path}.${key}` : key), { path: path || '(root)', key }),
          );
        continue;
      }
      if (issue.code === 'invalid_union') {
        const value = valueAt(data, full);
        const disc = (issue as { discriminator?: string }).discriminator;
        if (disc !== undefined || (issue.errors.length === 0 && isObject(value) && 'kind' in value)) {
          // zod puts the discriminator key at the end of the path; older shapes stop at the object.
          const key = disc ?? 'kind';
          const onKey = full[full.length - 1] === key;
          const kind = onKey ? String(value) : isObject(value) ? String(value[key]) : String(value);
          const keyPath = onKey ? path : `${path}.${key}`;
          out.push(
            finding('CRITERIA_UNKNOWN_RULE_KIND', loc(keyPath), { path: keyPath, kind, expected: [...RULE_KINDS] }),
          );
          continue;
        }
        // Node union (item | group): follow the branch the input looks like.
        if (issue.errors.length === 2 && isObject(value)) {
          const branch = 'children' in value ? 1 : 0;
          visit(
            issue.errors[branch] ?? [],
            viIssue?.code === 'invalid_union' ? viIssue.errors[branch] : undefined,
            full,
          );
          continue;
        }
      }
      out.push(
        finding('CRITERIA_SHAPE', loc(path), {
          path: path || '(root)',
          message: issue.message,
          messageVi: viIssue?.message ?? issue.message,
        }),
      );
    }
  };
  visit(issues, viIssues, []);
  return out;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function readText(path: string, displayPath: string): string {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    throw new CriteriaError(
      { vi: `${displayPath}: không tìm thấy tệp.`, en: `${displayPath}: file not found.` },
      'CRITERIA_NOT_FOUND',
    );
  }
  if (st.isDirectory())
    throw new CriteriaError({
      vi: `${displayPath}: là thư mục, không phải tệp bộ tiêu chí.`,
      en: `${displayPath}: is a folder, not a criteria file.`,
    });
  if (st.size > MAX_CRITERIA_BYTES)
    throw new CriteriaError({
      vi: `${displayPath}: tệp quá lớn (${st.size} byte; tối đa ${MAX_CRITERIA_BYTES}).`,
      en: `${displayPath}: file too large (${st.size} bytes; at most ${MAX_CRITERIA_BYTES}).`,
    });
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new CriteriaError({
      vi: `${displayPath}: không đọc được tệp (${(e as Error).message}).`,
      en: `${displayPath}: cannot read the file (${(e as Error).message}).`,
    });
  }
}

/** A bundled or local criteria file found by listing. */
export interface CriteriaFileRef {
  id: string;
  version: string;
  path: string;
}

/** Lists `criteria/<id>/<version>.yaml|json` files in a folder. */
export function listCriteriaFiles(dir = BUNDLED_CRITERIA_DIR): CriteriaFileRef[] {
  if (!existsSync(dir)) return [];
  const out: CriteriaFileRef[] = [];
  for (const id of readdirSync(dir).sort()) {
    const sub = join(dir, id);
    if (!statSync(sub).isDirectory()) continue;
    for (const f of readdirSync(sub).sort()) {
      const ext = extname(f).toLowerCase();
      if (ext !== '.yaml' && ext !== '.yml' && ext !== '.json') continue;
      out.push({ id, version: basename(f, extname(f)), path: join(sub, f) });
    }
  }
  return out;
}

/**
 * Resolves a reference: a path to a file, or `id@version` among the bundled sets (and the
 * extra folders given). Throws `CriteriaError` when nothing matches. A set found in a folder is
 * shown relative to `cwd` (the working folder the CLI passes) when it lies inside it.
 */
export function resolveCriteriaRef(
  ref: string,
  extraDirs: string[] = [],
  cwd?: string,
): { path: string; display: string } {
  const m = /^([a-z0-9][a-z0-9-]*)@([0-9A-Za-z][0-9A-Za-z.-]*)$/.exec(ref);
  if (m && !existsSync(ref)) {
    for (const dir of [...extraDirs, BUNDLED_CRITERIA_DIR]) {
      const hit = listCriteriaFiles(dir).find((f) => f.id === m[1] && f.version === m[2]);
      if (hit) return { path: hit.path, display: displayOf(hit.path, cwd) };
    }
    const known = listCriteriaFiles().map((f) => `${f.id}@${f.version}`);
    throw new CriteriaError(
      {
        vi: `Không có bộ tiêu chí ${ref}. Các bộ có sẵn: ${known.join(', ') || '(không có)'}.`,
        en: `No criteria set ${ref}. Bundled sets: ${known.join(', ') || '(none)'}.`,
      },
      'CRITERIA_NOT_FOUND',
    );
  }
  return { path: ref, display: ref };
}

/** Loads a set by path or `id@version`; throws `CriteriaError` when it has errors. */
export function loadCriteriaSet(ref: string, extraDirs: string[] = [], cwd?: string): CriteriaIndex {
  const { path, display } = resolveCriteriaRef(ref, extraDirs, cwd);
  const loaded = loadCriteriaFile(path, display);
  if (loaded.questionnaire)
    throw new CriteriaError({
      vi: `${display} là bộ câu hỏi khảo sát, không phải bộ tiêu chí.`,
      en: `${display} is a survey questionnaire, not a criteria set.`,
    });
  if (!loaded.index) {
    const first = loaded.findings.find((f) => f.severity === 'error');
    const where = first?.location.line ? `:${first.location.line}` : '';
    throw new CriteriaError({
      vi: `${display}${where}: bộ tiêu chí có lỗi; chạy "parindex criteria check ${display}" để xem chi tiết.`,
      en: `${display}${where}: the criteria set has errors; run "parindex criteria check ${display}" for details.`,
    });
  }
  return loaded.index;
}

/** `path` relative to the working folder when inside it; the path itself without a working folder. */
function displayOf(path: string, cwd: string | undefined): string {
  if (cwd === undefined) return path;
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
