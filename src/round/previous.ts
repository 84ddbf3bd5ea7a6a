/**
 * Last year's result, for changes in index and rank ("tăng 3 bậc"). Read from a previous
 * `result.json` (format 1); agencies keep their exact index, rank, group and field indices.
 */
import { Rational } from '../core/rational.js';
import type { PreviousResult } from '../rank/types.js';
import type { PreviousFigures } from './build-result.js';
import { readResultFile } from './read-result.js';
import type { RoundResult } from './result.js';

/** Last year's figures by agency code, and the shape ranking needs. */
export interface LoadedPrevious {
  figures: Map<string, PreviousFigures>;
  ranking: PreviousResult;
}

/** Reads a previous result.json. Throws `InputError` (exit 2) when it is not one. */
export function loadPreviousResult(path: string, display: string): LoadedPrevious {
  return previousFromResult(readResultFile(path, display));
}

/** Last year's figures from a result document. */
export function previousFromResult(result: RoundResult): LoadedPrevious {
  const figures = new Map<string, PreviousFigures>();
  const ranking: PreviousResult = { agencies: [] };
  for (const a of result.agencies) {
    if (a.status === 'missing') continue;
    const index = Rational.fromExact(a.total.index.exact) ?? Rational.fromNumber(a.total.index.value);
    const fields = new Map(a.fields.map((f) => [f.code, Rational.fromExact(f.index.exact) ?? Rational.fromNumber(f.index.value)]));
    figures.set(a.code, { index, group: a.group, fields, ...(a.rank !== undefined ? { rank: a.rank } : {}) });
    if (a.rank !== undefined) ranking.agencies.push({ code: a.code, group: a.group, rank: a.rank, index });
  }
  return { figures, ranking };
}
