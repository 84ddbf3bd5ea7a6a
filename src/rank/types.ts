/**
 * Types of the ranking stage: `rankAgencies` takes agency scores and returns each group ranked
 * by exact index, with bands, change against the previous year, a summary and notes on ranks
 * that look equal when rounded. Rationals serialise to exact text through `toJSON`.
 */
import type { Rational } from '../core/rational.js';

/** Last year's result, as much of it as ranking needs. */
export interface PreviousResult {
  agencies: { code: string; group: string; rank: number; index: Rational }[];
}

/**
 * Change against last year. `up`/`down` give the places gained or lost ("tăng 3 bậc", "giảm 1
 * bậc"); `other-group` when last year's rank was in another group (ranks not comparable); `new`
 * when last year's result has no such agency.
 */
export type RankChange =
  | {
      kind: 'up' | 'down' | 'same';
      places: number;
      previousRank: number;
      previousIndex: Rational;
      indexChange: Rational;
    }
  | { kind: 'other-group'; previousGroup: string; previousRank: number; previousIndex: Rational; indexChange: Rational }
  | { kind: 'new' };

/** One agency's place in its group. */
export interface RankedAgency {
  code: string;
  name: string;
  /** 1-based; equal exact indices share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
  index: Rational;
  /** The index rounded once by the set's rule, as shown. */
  shown: string;
  /** Id of the grading band. */
  band?: string;
  /** Change against last year; absent when no previous result was given. */
  change?: RankChange;
}

/**
 * Agencies that show the same rounded index but hold different ranks (as 89,13% ranked 22nd
 * and 23rd in 2024), and how many decimals tell them apart.
 */
export interface RoundingNote {
  /** Agency codes, in rank order. */
  agencies: string[];
  /** The rounded value they share. */
  shown: string;
  /** Decimals at which every distinct index among them shows differently. */
  decimals: number;
  /** Each agency's index at that many decimals, same order as `agencies`. */
  values: string[];
}

/** Summary of a group, as the published results give it ("giá trị trung bình 88,37%, 13 đơn vị nhóm A"). */
export interface GroupSummary {
  /** Ranked agencies. */
  count: number;
  /** Mean of the exact indices; 0 for an empty group. */
  mean: Rational;
  /** Count per grading band, in the set's band order (zero counts included). */
  bands: { id: string; count: number }[];
  /** Agencies at the highest and the lowest index (several when tied). */
  highest?: { agencies: string[]; index: Rational };
  lowest?: { agencies: string[]; index: Rational };
}

/** One group, ranked. */
export interface GroupRanking {
  group: string;
  /** Ranked agencies: by rank, then agency code. */
  agencies: RankedAgency[];
  /** Agencies in the group left unranked (no submission, status "missing"), by code. */
  unranked: string[];
  summary: GroupSummary;
  roundingNotes: RoundingNote[];
}

/** Every group, ranked; groups ordered by id. */
export interface Ranking {
  groups: GroupRanking[];
}
