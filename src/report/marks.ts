/**
 * What every output that shows a rank says besides the figures: an agency scored with errors
 * still open (and how many), survey items without data, a band that the exact index decides
 * where the rounded one would suggest another; and per group the agencies tied at the top or the
 * bottom, and the counts of those marks. Pure text from a result.
 */
import { Rational } from '../core/rational.js';
import { findBand } from '../criteria/bands.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, CriteriaRef, GroupResult, RoundResult } from '../result/schema.js';
import { fmtNumber } from './format.js';

/** Whether any agency of the result carries a mark (the note column is shown only then). */
export function resultHasMarks(result: RoundResult): boolean {
  const sets = new Map(result.criteria.map((c) => [c.ref, c]));
  return result.agencies.some((a) => agencyMarks(a, sets.get(a.set), 'vi').length > 0);
}

/** The marks of an agency, each a short phrase ("còn 3 lỗi chưa sửa"); empty when there is nothing to say. */
export function agencyMarks(a: AgencyResult, set: CriteriaRef | undefined, lang: Lang): string[] {
  const vi = lang === 'vi';
  const out: string[] = [];
  if (a.openErrors)
    out.push(
      vi
        ? `chấm khi còn ${a.openErrors} lỗi chưa sửa`
        : `scored with ${a.openErrors} open ${a.openErrors === 1 ? 'error' : 'errors'}`,
    );
  const missing = a.surveyMissing?.length ?? 0;
  if (missing > 0)
    out.push(
      vi
        ? `thiếu số liệu điều tra XHH ${missing} tiêu chí (tính 0 điểm)`
        : `no survey data for ${missing} ${missing === 1 ? 'item' : 'items'} (scored 0)`,
    );
  const exact = bandByExact(a, set, lang);
  if (exact) out.push(exact);
  return out;
}

/**
 * When the rounded index would fall in another band than the exact one (89,995% shown as 90,00%
 * but graded B): the band is decided on the exact value, and that is said.
 */
export function bandByExact(a: AgencyResult, set: CriteriaRef | undefined, lang: Lang): string | undefined {
  if (!set || a.status === 'missing' || a.band === undefined) return undefined;
  const shown = findBand(set.bands, Rational.fromNumber(a.total.index.value));
  if (!shown || shown.id === a.band) return undefined;
  const exact = Rational.fromExact(a.total.index.exact);
  if (!exact) return undefined;
  const text = fmtNumber(Number(exact.toFixed(set.rounding.decimals + 4)), set.rounding.decimals + 4, lang).replace(
    /[.,]?0+$/,
    '',
  );
  return lang === 'vi' ? `xếp loại theo giá trị chính xác ${text}%` : `band from the exact value ${text}%`;
}

/** One end of a group's ranking: the agency there, or every agency tied there (the count past five). */
export interface GroupEnd {
  /** Names, joined ("Sở A, Sở B"). */
  names: string;
  /** How many agencies share that index (1 when no tie). */
  count: number;
  /** The shared index, as shown ("97,96%"). */
  index: string;
  /** " (2 cơ quan cùng hạng)" when tied, else "". */
  tied: string;
}

/**
 * The highest and lowest of a group, or one phrase when every ranked agency shares one index (never the
 * same agency as both).
 */
export interface Extremes {
  all?: string;
  highest?: GroupEnd;
  lowest?: GroupEnd;
}

export function groupExtremes(
  g: GroupResult,
  agency: (code: string) => AgencyResult | undefined,
  decimals: number,
  lang: Lang,
): Extremes {
  const vi = lang === 'vi';
  const end = (codes: string[]): GroupEnd => {
    const shown = codes.slice(0, 5).map((c) => agency(c)?.name ?? c);
    const more = codes.length - shown.length;
    const a = agency(codes[0]!);
    return {
      names: shown.join(', ') + (more > 0 ? (vi ? ` và ${more} cơ quan khác` : ` and ${more} more`) : ''),
      count: codes.length,
      index: a ? `${fmtNumber(a.total.index.value, decimals, lang)}%` : '',
      tied: codes.length > 1 ? (vi ? ` (${codes.length} cơ quan cùng hạng)` : ` (${codes.length} tied)`) : '',
    };
  };
  const top = g.highestTied ?? (g.highest ? [g.highest] : []);
  const bottom = g.lowestTied ?? (g.lowest ? [g.lowest] : []);
  if (top.length === 0) return {};
  const ranked = g.agencies.filter((c) => agency(c)?.rank !== undefined).length;
  if (top.length === ranked || top.some((c) => bottom.includes(c))) {
    const e = end(top);
    if (ranked === 1)
      return {
        all: vi
          ? `chỉ một cơ quan được xếp hạng: ${e.names} ${e.index}`
          : `only one agency ranked: ${e.names} ${e.index}`,
      };
    return { all: vi ? `cả ${ranked} cơ quan cùng ${e.index}` : `all ${ranked} agencies tie at ${e.index}` };
  }
  return { highest: end(top), lowest: end(bottom) };
}

/**
 * Counts of marks in a group: agencies scored with open errors (and the errors), and agencies without
 * survey data per item.
 */
export function groupMarkCounts(members: readonly AgencyResult[], lang: Lang): string[] {
  const vi = lang === 'vi';
  const out: string[] = [];
  const withErrors = members.filter((a) => a.openErrors);
  if (withErrors.length > 0) {
    const errors = withErrors.reduce((s, a) => s + (a.openErrors ?? 0), 0);
    out.push(
      vi
        ? `${withErrors.length} cơ quan chấm khi còn lỗi chưa sửa (${errors} lỗi)`
        : `${withErrors.length} scored with open errors (${errors} errors)`,
    );
  }
  const perItem = new Map<string, number>();
  for (const a of members) for (const code of a.surveyMissing ?? []) perItem.set(code, (perItem.get(code) ?? 0) + 1);
  if (perItem.size > 0) {
    const list = [...perItem].map(([code, n]) => `${code} (${n})`).join(', ');
    out.push(
      vi
        ? `thiếu số liệu điều tra XHH, số cơ quan theo tiêu chí: ${list}`
        : `no survey data, agencies per item: ${list}`,
    );
  }
  return out;
}
