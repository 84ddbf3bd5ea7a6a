/**
 * The named rules of a questionnaire, run after its shape is valid: a parsed questionnaire comes in,
 * findings go out (unique ids and codes, "satisfied" levels on the scale).
 */
import { looseKey } from '../core/text.js';
import { finding, type Finding } from '../findings/finding.js';
import type { Questionnaire } from './questionnaire-schema.js';

/** Named rules: unique ids and codes, "satisfied" levels on the scale. */
export function checkQuestionnaire(
  q: Questionnaire,
  file: string,
  lineOf: (path: string) => number | undefined = () => undefined,
): Finding[] {
  const out: Finding[] = [];
  const at = (path: string): { file: string; path: string; line?: number } => {
    const line = lineOf(path);
    return line === undefined ? { file, path } : { file, path, line };
  };
  const dup = (what: 'domain' | 'element' | 'question' | 'level', ids: [string, string][]): void => {
    const seen = new Set<string>();
    for (const [id, path] of ids) {
      if (seen.has(id)) out.push(finding('SIPAS_DUPLICATE_ID', at(path), { what, id }));
      seen.add(id);
    }
  };
  dup(
    'level',
    q.scale.levels.map((l, i) => [String(l.code), `scale.levels.${i}.code`]),
  );
  dup(
    'domain',
    q.domains.map((d, i) => [d.id, `domains.${i}.id`]),
  );
  q.domains.forEach((d, i) =>
    dup(
      'element',
      d.elements.map((e, j) => [e.id, `domains.${i}.elements.${j}.id`]),
    ),
  );
  dup(
    'question',
    q.domains.flatMap((d, i) =>
      d.elements.flatMap((e, j) =>
        e.questions.map((x, k): [string, string] => [
          looseKey(x.code),
          `domains.${i}.elements.${j}.questions.${k}.code`,
        ]),
      ),
    ),
  );
  const codes = q.scale.levels.map((l) => l.code);
  q.scale.satisfied.forEach((c, i) => {
    if (!codes.includes(c))
      out.push(finding('SIPAS_SATISFIED_NOT_IN_SCALE', at(`scale.satisfied.${i}`), { code: c, levels: codes }));
  });
  return out;
}
