/**
 * What every report reads from a result: agencies by code, the criteria set of an agency, the
 * fields in display order, and field means per group computed exactly from the stored exact
 * values and rounded once by the set's rule. Built once per report so that a round of 3,500
 * agencies is not searched linearly per cell.
 */
import { Rational } from '../core/rational.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, CriteriaRef, GroupResult, RoundResult } from '../result/schema.js';
import { textOf } from './score-text.js';

export interface ReportView {
  result: RoundResult;
  lang: Lang;
  agency: (code: string) => AgencyResult | undefined;
  setOf: (a: AgencyResult) => CriteriaRef | undefined;
  /** The set that ranks a group (the set of its first agency). */
  groupSet: (g: GroupResult) => CriteriaRef | undefined;
  group: (id: string) => GroupResult | undefined;
  /** Field codes with a maximum above zero, in the order of the sets. */
  fieldCodes: string[];
  fieldTitle: (code: string) => string;
  itemTitle: (a: AgencyResult, code: string) => string;
  /** Position of the agency's band in its set (0 = best), or -1. */
  bandIndex: (a: AgencyResult) => number;
  bandLabel: (a: AgencyResult) => string;
  /**
   * Mean field index (percent, rounded by the set's rule) of the scored agencies of a group, or of all when group is
   * undefined.
   */
  fieldMean: (field: string, group?: string) => number | undefined;
  /** Agencies that have a score (not "missing"). */
  scored: AgencyResult[];
}

export function reportView(result: RoundResult, lang: Lang): ReportView {
  const byCode = new Map(result.agencies.map((a) => [a.code, a]));
  const sets = new Map(result.criteria.map((c) => [c.ref, c]));
  const groups = new Map(result.groups.map((g) => [g.id, g]));
  const fieldCodes = [...new Set(result.criteria.flatMap((c) => c.fields.filter((f) => f.max > 0).map((f) => f.code)))];
  const fieldTitles = new Map<string, string>();
  for (const c of result.criteria)
    for (const f of c.fields) if (!fieldTitles.has(f.code)) fieldTitles.set(f.code, textOf(f.title, lang));
  const titleMaps = new Map(
    result.criteria.map((c) => [
      c.ref,
      new Map([...c.fields, ...c.criteria, ...c.items].map((x) => [x.code, textOf(x.title, lang)])),
    ]),
  );
  const setOf = (a: AgencyResult): CriteriaRef | undefined => sets.get(a.set);
  const scored = result.agencies.filter((a) => a.status !== 'missing');

  const means = new Map<string, number>();
  const meanKey = (field: string, group: string | undefined): string => `${group ?? '*'}\u0000${field}`;
  const acc = new Map<string, { sum: Rational; n: number; rounding: CriteriaRef['rounding'] }>();
  for (const a of scored) {
    const rounding = setOf(a)?.rounding ?? { decimals: 2, mode: 'half-up' as const };
    for (const f of a.fields) {
      const v = Rational.fromExact(f.index.exact);
      if (!v) continue;
      for (const key of [meanKey(f.code, a.group), meanKey(f.code, undefined)]) {
        const cur = acc.get(key) ?? { sum: Rational.ZERO, n: 0, rounding };
        acc.set(key, { sum: cur.sum.add(v), n: cur.n + 1, rounding: cur.rounding });
      }
    }
  }
  for (const [k, v] of acc)
    means.set(k, v.sum.div(Rational.of(v.n)).toRoundedNumber(v.rounding.decimals, v.rounding.mode));

  return {
    result,
    lang,
    agency: (code) => byCode.get(code),
    setOf,
    groupSet: (g) => {
      const first = g.agencies.map((c) => byCode.get(c)).find((a) => a !== undefined);
      return first ? setOf(first) : undefined;
    },
    group: (id) => groups.get(id),
    fieldCodes,
    fieldTitle: (code) => fieldTitles.get(code) ?? code,
    itemTitle: (a, code) => titleMaps.get(a.set)?.get(code) ?? '',
    bandIndex: (a) => setOf(a)?.bands.findIndex((b) => b.id === a.band) ?? -1,
    bandLabel: (a) => textOf(setOf(a)?.bands.find((b) => b.id === a.band)?.label, lang),
    fieldMean: (field, group) => means.get(meanKey(field, group)),
    scored,
  };
}
