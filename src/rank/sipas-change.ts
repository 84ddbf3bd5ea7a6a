/**
 * SIPAS year over year. Comes in: this year's scored and ranked units, and last year's figures already
 * keyed by this year's codes (through predecessors and the merger rule). Goes out: per unit, last
 * year's index and the change in percentage points for the overall index and every domain, element
 * and question both years have, the rank change, and which rule the comparison used.
 *
 * A change is this year's exact index minus last year's exact index (a published table's printed
 * value is taken as exact), rounded once, 2 decimals half up, like the indices themselves: never the
 * difference of two rounded figures.
 */
import { Rational } from '../core/rational.js';
import type { SipasNum, SipasUnit } from '../score/sipas.js';

/** A previous-year figure and the change against it, each exact and rounded once (2 decimals, half up). */
export interface SipasDelta {
  previous: SipasNum;
  /** This year minus last year, in percentage points. */
  change: SipasNum;
}

/** What a unit was compared with: its own code, one predecessor, or several by a merger rule. */
export interface SipasBasis {
  rule: 'same' | 'successor' | 'mean' | 'weighted';
  from: string[];
  weights?: number[];
}

/** One unit's change against last year. */
export interface SipasChange extends SipasDelta {
  basis: SipasBasis;
  previousRank?: number;
  /** Places gained (positive) or lost (negative); absent when last year's rank is unknown or not comparable. */
  rankChange?: number;
  /** Domains, elements and questions with a figure both years, in this year's order. */
  measures: ({ id: string } & SipasDelta)[];
}

/** Last year's figures for one unit, as `round/previous.ts` gives them. */
export interface SipasPreviousFigures {
  index: Rational;
  rank?: number;
  fields: ReadonlyMap<string, Rational>;
}

/** Exact and rounded once, as SIPAS indices are. */
export function sipasNum(r: Rational): SipasNum {
  return { exact: r.toExact(), value: Number(r.toFixed(2, 'half-up')) };
}

function delta(now: SipasNum, before: Rational): SipasDelta {
  const n = Rational.fromExact(now.exact) ?? Rational.fromNumber(now.value);
  return { previous: sipasNum(before), change: sipasNum(n.sub(before)) };
}

/**
 * The change of one unit against last year's figures, or undefined when it has no index this year.
 * The rank change is last year's rank minus this year's, made only when both are known and the unit
 * is compared with itself or one predecessor: a merged unit's predecessors were ranked among others.
 */
export function sipasChangeOf(
  unit: SipasUnit,
  before: SipasPreviousFigures,
  basis: SipasBasis,
): SipasChange | undefined {
  if (!unit.index) return undefined;
  const measures: SipasChange['measures'] = [];
  const add = (id: string, index: SipasNum | undefined): void => {
    const b = before.fields.get(id);
    if (index && b) measures.push({ id, ...delta(index, b) });
  };
  for (const d of unit.domains) add(d.id, d.index);
  for (const e of unit.elements) add(e.id, e.index);
  for (const x of unit.items) add(x.code, x.index);
  const out: SipasChange = { ...delta(unit.index, before.index), basis, measures };
  const ranked = basis.rule === 'same' || basis.rule === 'successor';
  if (ranked && before.rank !== undefined) {
    out.previousRank = before.rank;
    if (unit.rank !== undefined) out.rankChange = before.rank - unit.rank;
  }
  return out;
}
