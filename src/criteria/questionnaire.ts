/**
 * Questionnaires ready for tallying: a path or `id@version` comes in (read by the criteria loader), a
 * `QuestionnaireIndex` goes out: question positions, the measures it offers to survey items, answer parsing.
 */
import { looseKey } from '../core/text.js';
import { CriteriaError } from '../findings/errors.js';
import { loadCriteriaFile, resolveCriteriaRef } from './load.js';
import type { Questionnaire, Scale } from './questionnaire-schema.js';

/** What one answer is worth: a level code and its points (0/1 on a share scale, 0 … 100 on a scored one). */
export interface Answer {
  code: number | string;
  points: number;
}

/** One scale ready to read answers with. */
export interface ScaleIndex {
  name: string;
  /** "share": an item is satisfied ÷ valid × 100; "score": the mean of the levels' scores (percent). */
  rule: 'share' | 'score';
  levels: (number | string)[];
  /** Reads one answer: a level with its points, "none" (blank or no opinion), or "bad". */
  answer: (raw: string | number | undefined) => Answer | 'none' | 'bad';
}

/** A questionnaire ready for tallying: question positions, element and domain structure, answer reading. */
export interface QuestionnaireIndex {
  q: Questionnaire;
  ref: string;
  /** Questions in questionnaire order, with the position of their scale in `scales`. */
  questions: { code: string; domain: string; element: string; scale: number }[];
  /** Question position by loose key of its code. */
  byKey: Map<string, number>;
  /** Question positions by loose key of their text (numbering left out) and aliases; a key may name several. */
  byText: Map<string, number[]>;
  scales: ScaleIndex[];
  /** Measure names: "sipas", each domain id, each "domain.element". */
  measures: string[];
  /** Reads one answer on the questionnaire's own scale. */
  answer: ScaleIndex['answer'];
}

/** Numbering before a question's text in a header: "Câu 9.1.", "9.1)", "Question 3:", "Q12 -". */
const NUMBERING = /^(?:(?:cau|cau hoi|question|q)\s*)?\d+(?:\s*\.\s*\d+)*\s*[.):-]?\s+/;

/** A header or question text as matched: loose key with any leading numbering left out. */
export function textKey(s: string): string {
  const key = looseKey(s);
  const bare = key.replace(NUMBERING, '').trim();
  return bare === '' ? key : bare.replace(/[.:]+$/, '').trim();
}

function indexScale(name: string, scale: Scale): ScaleIndex {
  const scored = scale.levels.every((l) => l.score !== undefined) && scale.satisfied.length === 0;
  const satisfied = new Set(scale.satisfied.map((c) => String(c)));
  const levels = new Map<string, Answer>();
  for (const l of scale.levels) {
    const a = { code: l.code, points: scored ? l.score! : satisfied.has(String(l.code)) ? 1 : 0 };
    levels.set(looseKey(String(l.code)), a);
    for (const t of [l.label.vi, l.label.en, ...l.aliases]) if (t) levels.set(looseKey(t), a);
  }
  const none = new Set(scale.noAnswer.map(looseKey));
  const cache = new Map<string, Answer | 'none' | 'bad'>();
  const answer: ScaleIndex['answer'] = (raw) => {
    if (raw === undefined || raw === '') return 'none';
    const first = typeof raw === 'string' ? cache.get(raw) : undefined;
    if (first !== undefined) return first;
    const text = typeof raw === 'number' ? String(raw) : raw.trim();
    if (text === '') return 'none';
    const hit = cache.get(text);
    if (hit !== undefined) {
      if (typeof raw === 'string' && cache.size < 10_000) cache.set(raw, hit);
      return hit;
    }
    // "4", "4.0", "4 - Hài lòng", "Hài lòng", "hai long", "HÀI LÒNG", "A. Tốt", "B) Khá".
    const key = looseKey(text);
    let a = levels.get(key) ?? levels.get(looseKey(text.replace(/[.,]0+$/, '')));
    if (a === undefined && !none.has(key)) {
      const m = /^([A-Za-z0-9]{1,8})\s*[-–.:)]\s*\S/.exec(text);
      if (m) a = levels.get(looseKey(m[1]!));
    }
    const r = a ?? (none.has(key) ? 'none' : 'bad');
    if (cache.size < 10_000) cache.set(text, r);
    return r;
  };
  return { name, rule: scored ? 'score' : 'share', levels: scale.levels.map((l) => l.code), answer };
}

export function indexQuestionnaire(q: Questionnaire): QuestionnaireIndex {
  const scales = [indexScale('', q.scale), ...Object.entries(q.scales).map(([n, s]) => indexScale(n, s))];
  const scaleAt = (name: string | undefined): number =>
    name === undefined
      ? 0
      : Math.max(
          0,
          scales.findIndex((s) => s.name === name),
        );
  const questions = q.domains.flatMap((d) =>
    d.elements.flatMap((e) =>
      e.questions.map((x) => ({
        code: x.code,
        domain: d.id,
        element: e.id,
        scale: scaleAt(x.scale ?? e.scale ?? d.scale),
      })),
    ),
  );
  const byKey = new Map(questions.map((x, i) => [looseKey(x.code), i]));
  const byText = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    if (key === '') return;
    const at = byText.get(key);
    if (!at) byText.set(key, [i]);
    else if (!at.includes(i)) at.push(i);
  };
  let i = 0;
  for (const d of q.domains)
    for (const e of d.elements)
      for (const x of e.questions) {
        add(textKey(x.text.vi), i);
        if (x.text.en) add(textKey(x.text.en), i);
        for (const a of x.aliases) add(looseKey(a), i);
        i++;
      }
  return {
    q,
    ref: `${q.id}@${q.version}`,
    questions,
    byKey,
    byText,
    scales,
    measures: ['sipas', ...q.domains.flatMap((d) => [d.id, ...d.elements.map((e) => `${d.id}.${e.id}`)])],
    answer: scales[0]!.answer,
  };
}

/** Loads a questionnaire by path or `id@version`; throws `CriteriaError` when it is not one or has errors. */
export function loadQuestionnaire(ref: string, extraDirs: string[] = []): QuestionnaireIndex {
  const { path, display } = resolveCriteriaRef(ref, extraDirs);
  const loaded = loadCriteriaFile(path, display);
  if (!loaded.questionnaire || loaded.findings.some((f) => f.severity === 'error')) {
    const isSet = loaded.set !== undefined;
    throw new CriteriaError({
      vi: isSet
        ? `${display} là bộ tiêu chí, không phải bộ câu hỏi khảo sát.`
        : `${display}: bộ câu hỏi có lỗi; chạy "parindex criteria check ${display}" để xem chi tiết.`,
      en: isSet
        ? `${display} is a criteria set, not a questionnaire.`
        : `${display}: the questionnaire has errors; run "parindex criteria check ${display}" for details.`,
    });
  }
  return indexQuestionnaire(loaded.questionnaire);
}
