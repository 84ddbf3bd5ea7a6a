/**
 * Questionnaires ready for tallying: a path or `id@version` comes in (read by the criteria loader), a
 * `QuestionnaireIndex` goes out: question positions, the measures it offers to survey items, answer parsing.
 */
import { looseKey } from '../core/text.js';
import { CriteriaError } from '../findings/errors.js';
import { loadCriteriaFile, resolveCriteriaRef } from './load.js';
import type { Questionnaire } from './questionnaire-schema.js';

/** A questionnaire ready for tallying: question positions, element and domain structure, answer reading. */
export interface QuestionnaireIndex {
  q: Questionnaire;
  ref: string;
  /** Questions in questionnaire order. */
  questions: { code: string; domain: string; element: string }[];
  /** Question position by loose key of its code. */
  byKey: Map<string, number>;
  /** Measure names: "sipas", each domain id, each "domain.element". */
  measures: string[];
  /** Reads one answer: a level code, "none" (blank or no opinion), or "bad". */
  answer: (raw: string | number | undefined) => { code: number; satisfied: boolean } | 'none' | 'bad';
}

export function indexQuestionnaire(q: Questionnaire): QuestionnaireIndex {
  const questions = q.domains.flatMap((d) =>
    d.elements.flatMap((e) => e.questions.map((x) => ({ code: x.code, domain: d.id, element: e.id }))),
  );
  const byKey = new Map(questions.map((x, i) => [looseKey(x.code), i]));
  const satisfied = new Set(q.scale.satisfied);
  const levels = new Map<string, number>();
  for (const l of q.scale.levels) {
    levels.set(String(l.code), l.code);
    for (const t of [l.label.vi, l.label.en, ...l.aliases]) if (t) levels.set(looseKey(t), l.code);
  }
  const none = new Set(q.scale.noAnswer.map(looseKey));
  const cache = new Map<string, { code: number; satisfied: boolean } | 'none' | 'bad'>();
  const answer: QuestionnaireIndex['answer'] = (raw) => {
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
    // "4", "4.0", "4 - Hài lòng", "Hài lòng", "hai long", "HÀI LÒNG".
    const key = looseKey(text);
    let code = levels.get(key) ?? levels.get(text.replace(/[.,]0+$/, ''));
    if (code === undefined) {
      const m = /^(\d+)\s*[-–.:)]\s*\S/.exec(text);
      if (m) code = levels.get(m[1]!);
    }
    const r = code !== undefined ? { code, satisfied: satisfied.has(code) } : none.has(key) ? 'none' : 'bad';
    if (cache.size < 10_000) cache.set(text, r);
    return r;
  };
  return {
    q,
    ref: `${q.id}@${q.version}`,
    questions,
    byKey,
    measures: ['sipas', ...q.domains.flatMap((d) => [d.id, ...d.elements.map((e) => `${d.id}.${e.id}`)])],
    answer,
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
