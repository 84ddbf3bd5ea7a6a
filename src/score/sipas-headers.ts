/**
 * What an answer file's header cells name when one row may assess several agencies. Comes in: a header
 * text, the questionnaire, the agencies known to the run. Goes out: the question it names, or the
 * assessed agency and question of a column group ("Sở Tư pháp - Câu 1", "STP: CB1",
 * "Câu 1. Công tác chỉ đạo [Sở Tư pháp]", a forms grid with one row per agency).
 *
 * How a column group is recognised: the header is not itself a question nor a known column, and it
 * splits at " - ", " – ", ": ", " | " or a bracketed part into an agency part and a question part.
 * The question part matches like any header (code, text without its numbering, alias); the agency
 * part is a name the column map declares (`agencies:`), a roster code or name, or, without a roster,
 * a code-like word (letters, digits, "._/-"). A column map may also say it outright
 * (`"q1_stp": { question: CB1, agency: STP }`).
 */
import { codeKey, looseKey } from '../core/text.js';
import { textKey, type QuestionnaireIndex } from '../criteria/questionnaire.js';

/** What a text names among the questions: one, several, or none. */
export type QuestionMatch = { q: number } | { ambiguous: number[] } | undefined;

/**
 * The question a header (or a long layout's question cell) names: its code, or the header's first word
 * as a code, its text (numbering such as "Câu 9.1." left out; a forms grid's "[row]" too) or an alias.
 */
export function matchQuestion(h: string, qi: QuestionnaireIndex): QuestionMatch {
  const key = looseKey(h);
  if (key === '') return undefined;
  const q = qi.byKey.get(key) ?? qi.byKey.get(looseKey(h.split(/[\s:]/)[0] ?? ''));
  if (q !== undefined) return { q };
  const grid = /\[([^\]]+)\]\s*$/.exec(h)?.[1];
  for (const k of [key, textKey(h), ...(grid ? [textKey(grid)] : [])]) {
    const hit = qi.byText.get(k);
    if (hit) return hit.length === 1 ? { q: hit[0]! } : { ambiguous: hit };
  }
  return undefined;
}

/** What an agency text names: one agency's code, several (a name two agencies share), or none. */
export type AgencyMatch = { code: string } | { ambiguous: string[] } | undefined;

/** Finds agencies by code or name for one run. */
export interface AgencyLookup {
  /**
   * The agency `text` names. `anyText`: without a roster any text is a code (a long layout's agency
   * cell); otherwise only a code-like word is (a header's agency part).
   */
  find: (text: string, anyText: boolean) => AgencyMatch;
}

const CODE_LIKE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,23}$/;

/** An agency lookup from the roster (code → name) and the names a column map declares (loose key → code). */
export function agencyLookup(
  roster: ReadonlyMap<string, string | undefined> | undefined,
  declared: ReadonlyMap<string, string> | undefined,
): AgencyLookup {
  const codes = new Map<string, string>();
  const names = new Map<string, string[]>();
  for (const [code, name] of roster ?? []) {
    codes.set(codeKey(code), code);
    const k = name ? looseKey(name) : '';
    if (k !== '') names.set(k, [...(names.get(k) ?? []), code]);
  }
  return {
    find(text, anyText) {
      const t = text.trim();
      if (t === '') return undefined;
      const said = declared?.get(looseKey(t));
      if (said !== undefined) {
        if (!roster) return { code: said };
        const c = codes.get(codeKey(said));
        return c ? { code: c } : undefined;
      }
      if (roster) {
        const c = codes.get(codeKey(t));
        if (c) return { code: c };
        const hit = names.get(looseKey(t));
        if (!hit) return undefined;
        return hit.length === 1 ? { code: hit[0]! } : { ambiguous: hit };
      }
      return anyText || CODE_LIKE.test(t) ? { code: codeKey(t) } : undefined;
    },
  };
}

/** A header read as a column of one agency's group. */
export type GroupMatch =
  /** The agency and question it names. */
  | { agency: string; q: number }
  /** The question part matches but the agency part names no agency (or several): its text, and the candidates. */
  | { unknownAgency: string; q: number; agencies?: string[] }
  /** Two readings name different agencies or questions. */
  | { ambiguous: string[] };

/** Headers longer than this are not split (a crafted header of thousands of separators stays cheap). */
const MAX_GROUP_HEADER = 400;
/** Places tried per separator. */
const MAX_SPLITS = 8;

/** The ways a header splits into two parts: [agency part, question part]. */
function splits(h: string): [agencyPart: string, questionPart: string][] {
  const out: [string, string][] = [];
  if (h.length > MAX_GROUP_HEADER) return out;
  const bracket = /^(.*?)\s*\[([^\]]+)\]\s*$/.exec(h);
  if (bracket) out.push([bracket[2]!, bracket[1]!]);
  const lead = /^\s*\[([^\]]+)\]\s*(.+)$/.exec(h);
  if (lead) out.push([lead[1]!, lead[2]!]);
  for (const sep of [/\s+[-–—|]\s+/g, /\s*:\s+/g, /\s*\|\s*/g]) {
    let tried = 0;
    for (const m of h.matchAll(sep)) {
      if (++tried > MAX_SPLITS) break;
      const a = h.slice(0, m.index).trim();
      const b = h.slice(m.index + m[0].length).trim();
      if (a === '' || b === '') continue;
      out.push([a, b], [b, a]);
    }
  }
  return out;
}

/**
 * Reads a header as a column of one agency's group, or undefined when no split of it has a question
 * part. A reading whose agency part names a known agency wins over one whose agency is unknown.
 */
export function matchGroupHeader(h: string, qi: QuestionnaireIndex, agencies: AgencyLookup): GroupMatch | undefined {
  const found = new Map<string, { agency: string; q: number }>();
  let unknown: { unknownAgency: string; q: number; agencies?: string[] } | undefined;
  for (const [a, b] of splits(h)) {
    const m = matchQuestion(b, qi);
    if (!m || !('q' in m)) continue;
    const hit = agencies.find(a, false);
    if (hit && 'code' in hit) found.set(`${hit.code}\u0000${m.q}`, { agency: hit.code, q: m.q });
    else unknown ??= { unknownAgency: a, q: m.q, ...(hit ? { agencies: hit.ambiguous } : {}) };
  }
  if (found.size === 1) return [...found.values()][0]!;
  if (found.size > 1) return { ambiguous: [...found.values()].map((x) => `${x.agency}/${qi.questions[x.q]!.code}`) };
  return unknown;
}
