/**
 * "Did you mean …" for what users type: criteria set ids, agency codes, agency kinds. commander
 * suggests commands and options itself; this covers the values.
 */
import { existsSync } from 'node:fs';
import { listCriteriaFiles } from '../criteria/load.js';
import { InputError, RunError, type Bilingual } from '../findings/errors.js';

/** Edits (insert, delete, replace, swap of two neighbours) that turn `a` into `b` (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= s.length; i++)
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  return at(s.length, t.length);
}

const key = (s: string): string => s.normalize('NFC').trim().toLowerCase();

/**
 * The candidates closest to `input` (at most 3), compared without case: the ones equal but for case;
 * else, for an `id@version` list, every version of an id typed alone; else those at the smallest edit
 * distance when it is small for the input's length (1 up to 7 characters, then one more per 4, at most 3).
 */
export function closest(input: string, candidates: readonly string[]): string[] {
  const k = key(input);
  if (!k) return [];
  const same = candidates.filter((c) => key(c) === k);
  if (same.length > 0) return same.slice(0, 3);
  const versions = candidates.filter((c) => key(c).startsWith(`${k}@`));
  if (versions.length > 0) return versions.slice(-3).reverse();
  const limit = Math.min(3, Math.max(1, Math.floor([...k].length / 4)));
  let best = limit + 1;
  let out: string[] = [];
  for (const c of candidates) {
    const d = editDistance(k, key(c));
    if (d > limit) continue;
    if (d < best) {
      best = d;
      out = [c];
    } else if (d === best) out.push(c);
  }
  return out.slice(0, 3);
}

/** "Có phải ý bạn là A hoặc B?" / "Did you mean A or B?"; empty texts without suggestions. */
export function didYouMean(suggestions: readonly string[]): Bilingual {
  if (suggestions.length === 0) return { vi: '', en: '' };
  return {
    vi: `Có phải ý bạn là ${suggestions.join(' hoặc ')}?`,
    en: `Did you mean ${suggestions.join(' or ')}?`,
  };
}

/** The bundled sets and questionnaires as `id@version`. */
export function bundledRefs(): string[] {
  return listCriteriaFiles().map((f) => `${f.id}@${f.version}`);
}

/**
 * Runs `load` on a typed criteria (or questionnaire) reference; when it fails as "cannot run" and the
 * reference is close to a bundled one, the same failure says which one was probably meant.
 */
export function withRefSuggestion<T>(ref: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (!(e instanceof RunError) || existsSync(ref)) throw e;
    const hint = didYouMean(closest(ref, bundledRefs()).filter((c) => c !== ref));
    if (!hint.vi) throw e;
    const Same = e.constructor as new (text: Bilingual, code: string) => RunError;
    throw new Same({ vi: `${e.text.vi} ${hint.vi}`, en: `${e.text.en} ${hint.en}` }, e.code);
  }
}

/**
 * Agencies close to what was typed, as "SNV (Sở Nội vụ)": by code, else by name compared without
 * case and diacritics (a user may type the name rather than the code).
 */
export function agencySuggestions(typed: string, agencies: readonly { code: string; name: string }[]): string[] {
  const label = (a: { code: string; name: string }): string => `${a.code} (${a.name})`;
  const byCode = closest(
    typed,
    agencies.map((a) => a.code),
  );
  if (byCode.length > 0)
    return byCode.map((code) => label(agencies.find((a) => a.code === code) ?? { code, name: '' }));
  const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const names = agencies.map((a) => fold(a.name));
  const hits = closest(fold(typed), names);
  return hits.map((n) => label(agencies[names.indexOf(n)] ?? { code: n, name: '' }));
}

/** "There is no agency X in the round", with the agencies it was probably meant for. */
export function noAgencyError(typed: string, agencies: readonly { code: string; name: string }[]): InputError {
  const hint = didYouMean(agencySuggestions(typed, agencies));
  return new InputError({
    vi: `Không có cơ quan ${typed} trong kỳ đánh giá. ${hint.vi}`.trim(),
    en: `There is no agency ${typed} in the round. ${hint.en}`.trim(),
  });
}
