/**
 * The named rules of a questionnaire, run after its shape is valid: a parsed questionnaire comes in,
 * findings go out (unique ids and codes, "satisfied" levels on the scale).
 */
import { looseKey } from '../core/text.js';
import { finding, type Finding } from '../findings/finding.js';
import type { Questionnaire, Scale } from './questionnaire-schema.js';

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
  const scales: [string, Scale][] = [
    ['scale', q.scale],
    ...Object.entries(q.scales).map(([n, x]): [string, Scale] => [`scales.${n}`, x]),
  ];
  for (const [path, scale] of scales) {
    dup(
      'level',
      scale.levels.map((l, i) => [looseKey(String(l.code)), `${path}.levels.${i}.code`]),
    );
    const codes = scale.levels.map((l) => l.code);
    const keys = codes.map((c) => looseKey(String(c)));
    scale.satisfied.forEach((c, i) => {
      if (!keys.includes(looseKey(String(c))))
        out.push(finding('SIPAS_SATISFIED_NOT_IN_SCALE', at(`${path}.satisfied.${i}`), { code: c, levels: codes }));
    });
    const scored = scale.levels.every((l) => l.score !== undefined);
    if (scale.satisfied.length === 0 && !scored)
      out.push(finding('SIPAS_SCALE_NO_RULE', at(path), { scale: path.replace(/^scales\./, '') }));
  }
  const refs: [string | undefined, string][] = q.domains.flatMap((d, i) => [
    [d.scale, `domains.${i}.scale`] as [string | undefined, string],
    ...d.elements.flatMap((e, j) => [
      [e.scale, `domains.${i}.elements.${j}.scale`] as [string | undefined, string],
      ...e.questions.map((x, k): [string | undefined, string] => [
        x.scale,
        `domains.${i}.elements.${j}.questions.${k}.scale`,
      ]),
    ]),
  ]);
  for (const [name, path] of refs)
    if (name !== undefined && !(name in q.scales))
      out.push(finding('SIPAS_SCALE_UNKNOWN', at(path), { scale: name, scales: Object.keys(q.scales) }));
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
  return out;
}
