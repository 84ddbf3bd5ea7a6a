/**
 * Last year's SIPAS result, for changes in each index ("tăng 2,15 điểm %") and in rank. Comes in: a
 * SIPAS result.json that parindex wrote (`parindex-sipas`), or a published table (.xlsx, .csv: unit
 * code or name, the index, optionally rank and a column per domain, element or question). Goes out:
 * last year's figures keyed by this year's unit codes, in the shape the PAR comparison uses, so that
 * predecessors and merger rules (`applyPredecessors`) apply unchanged; per-measure indices are kept
 * under `fields` by measure id ("services", "services.access", a question code).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { Rational } from '../core/rational.js';
import { looseKey } from '../core/text.js';
import type { QuestionnaireIndex } from '../criteria/questionnaire.js';
import { InputError } from '../findings/errors.js';
import type { Finding } from '../findings/finding.js';
import { DEFAULT_READ_OPTIONS, type ReadOptions } from '../load/index.js';
import type { PreviousResult } from '../rank/types.js';
import { readPreviousTable, type KnownAgency } from './previous-table.js';
import { previousFromTable, type LoadedPrevious, type PreviousFigures } from './previous.js';

/** Last year's SIPAS figures and what they let the run compare. */
export interface SipasPrevious {
  loaded: LoadedPrevious;
  kind: 'result' | 'table';
  /** Whether last year's figures carry ranks. */
  rank: boolean;
  /** Measures with a figure last year: every one for a result, the table's columns for a table. */
  measures: string[];
  /** Last year's pooled overall index (a result only). */
  overall?: PreviousFigures;
  findings: Finding[];
  sha256?: string;
  /** For a table: rows read and rows matched. */
  rows?: number;
  matched?: number;
}

/** Headers that name the SIPAS index in a published table, beside the PAR ones ("Chỉ số", "Kết quả"). */
const SIPAS_INDEX_HEADERS = [
  'sipas',
  'chỉ số sipas',
  'chỉ số sipas (%)',
  'chỉ số hài lòng',
  'chỉ số hài lòng (%)',
  'mức độ hài lòng',
  'sipas (%)',
  'satisfaction index',
];

/** A published table's header → the measure it holds: a domain or element by id or title, or a question code. */
export function measureHeaders(qi: QuestionnaireIndex): (key: string) => string | undefined {
  const m = new Map<string, string>();
  const put = (text: string | undefined, id: string): void => {
    if (text === undefined) return;
    const k = looseKey(text);
    if (k && !m.has(k)) m.set(k, id);
  };
  for (const d of qi.q.domains) {
    put(d.id, d.id);
    put(d.title.vi, d.id);
    put(d.title.en, d.id);
    for (const e of d.elements) {
      const id = `${d.id}.${e.id}`;
      put(id, id);
      put(e.title.vi, id);
      put(e.title.en, id);
    }
  }
  for (const x of qi.questions) put(x.code, x.code);
  // An element's bare id ("access") when no domain or question already took it.
  for (const d of qi.q.domains) for (const e of d.elements) put(e.id, `${d.id}.${e.id}`);
  return (key) => m.get(key);
}

/**
 * Reads last year's SIPAS figures. A `.json` must be a parindex SIPAS result (else `InputError`, exit
 * 2); any other file is read as a published table, its rows matched to `known` by code, else by name
 * after NFC, case and diacritics folding, a finding at the cell of every row that matches nothing.
 */
export async function readSipasPrevious(
  path: string,
  display: string,
  known: readonly KnownAgency[],
  qi: QuestionnaireIndex,
  opts: ReadOptions = DEFAULT_READ_OPTIONS,
  /** This year's ranking blocks: a table's group column is read against their ids and titles. */
  blocks: readonly { id: string; title?: { vi: string; en?: string | undefined } }[] = [],
): Promise<SipasPrevious> {
  if (/\.json$/i.test(path)) {
    const { doc, sha256 } = readSipasResultFile(path, display);
    return { ...sipasPreviousFromResult(doc), sha256 };
  }
  const fold = (t: string): string => t.normalize('NFC').trim().toLowerCase();
  const blockOf = new Map<string, string>();
  for (const b of blocks) for (const t of [b.id, b.title?.vi, b.title?.en]) if (t) blockOf.set(fold(t), b.id);
  const table = await readPreviousTable(path, display, known, (t) => blockOf.get(fold(t)), opts, {
    index: SIPAS_INDEX_HEADERS,
    measure: measureHeaders(qi),
  });
  return {
    loaded: previousFromTable(table.figures),
    kind: 'table',
    rank: table.comparisons.rank,
    measures: table.comparisons.fields,
    findings: table.findings,
    rows: table.rows,
    matched: table.matched,
    ...(table.sha256 ? { sha256: table.sha256 } : {}),
  };
}

const Num = z.object({ exact: z.string(), value: z.number() });
const Measure = z.object({ id: z.string(), index: Num.optional() });
const Unit = z.object({
  code: z.string(),
  /** The ranking block the unit was ranked in, when it was ranked per block. */
  group: z.string().optional(),
  index: Num.optional(),
  rank: z.number().int().optional(),
  domains: z.array(Measure),
  elements: z.array(Measure),
  items: z.array(z.object({ code: z.string(), index: Num.optional() })),
});
/** The parts of a SIPAS result.json the comparison reads (result/sipas.ts writes it). */
const SipasResultDoc = z.object({
  format: z.literal('parindex-sipas'),
  formatVersion: z.literal(1),
  overall: Unit,
  units: z.array(Unit),
});
type SipasResultDoc = z.infer<typeof SipasResultDoc>;

/** A result file is read whole: 64 MB is far above any SIPAS result (units × questions). */
const MAX_RESULT_BYTES = 64 * 1024 * 1024;

/** Reads a parindex SIPAS result.json. Throws `InputError` (exit 2) when it is not one. */
export function readSipasResultFile(path: string, display: string): { doc: SipasResultDoc; sha256: string } {
  let doc: unknown;
  let sha256 = '';
  try {
    if (statSync(path).size > MAX_RESULT_BYTES) throw new Error(`larger than ${MAX_RESULT_BYTES} bytes`);
    const bytes = readFileSync(path);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new InputError({
      vi: `${display}: không đọc được kết quả SIPAS năm trước (${(e as Error).message}).`,
      en: `${display}: cannot read last year's SIPAS result (${(e as Error).message}).`,
    });
  }
  const parsed = SipasResultDoc.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new InputError({
      vi:
        `${display}: không phải kết quả SIPAS của parindex (${where}: ${issue?.message ?? ''}); ` +
        `dùng tệp .json do "parindex sipas --out" ghi, hoặc bảng .xlsx/.csv đã công bố.`,
      en:
        `${display}: not a parindex SIPAS result (${where}: ${issue?.message ?? ''}); ` +
        `give a .json written by "parindex sipas --out", or a published .xlsx/.csv table.`,
    });
  }
  return { doc: parsed.data, sha256 };
}

const exact = (n: { exact: string; value: number }): Rational =>
  Rational.fromExact(n.exact) ?? Rational.fromNumber(n.value);

function figuresOf(u: SipasResultDoc['units'][number]): PreviousFigures | undefined {
  if (!u.index) return undefined;
  const fields = new Map<string, Rational>();
  for (const m of [...u.domains, ...u.elements]) if (m.index) fields.set(m.id, exact(m.index));
  for (const x of u.items) if (x.index) fields.set(x.code, exact(x.index));
  return { index: exact(u.index), group: u.group ?? '', fields, ...(u.rank !== undefined ? { rank: u.rank } : {}) };
}

/** Last year's figures from a SIPAS result: every unit with an index, exact, with its rank and every measure. */
export function sipasPreviousFromResult(doc: SipasResultDoc): SipasPrevious {
  const figures = new Map<string, PreviousFigures>();
  const ranking: PreviousResult = { agencies: [] };
  for (const u of doc.units) {
    const f = figuresOf(u);
    if (!f) continue;
    figures.set(u.code, f);
    if (f.rank !== undefined)
      ranking.agencies.push({ code: u.code, group: f.group ?? '', rank: f.rank, index: f.index });
  }
  const overall = figuresOf(doc.overall);
  return {
    loaded: { figures, ranking, criteria: [] },
    kind: 'result',
    rank: ranking.agencies.length > 0,
    measures: ['*'],
    findings: [],
    ...(overall ? { overall } : {}),
  };
}
