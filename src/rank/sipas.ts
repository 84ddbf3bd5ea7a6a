/**
 * SIPAS ranking. Comes in: scored units (score/sipas.ts). Goes out: each unit with an index given its
 * competition rank among them ("11/63"), and for display the units in rank order and the runs that
 * show the same rounded index at different ranks.
 */
import { Rational } from '../core/rational.js';
import type { SipasUnit } from '../score/sipas.js';
import { compareCodes } from './rank.js';

/**
 * Ranks the units that have an index by exact index, highest first, in place (`rank`, `rankOf`), within
 * their ranking block (`group`, the round's groups: departments are ranked among departments, communes
 * among communes; units without a group form one block). As for PAR groups (rank.ts), equal exact
 * indices share a rank and the next rank skips (1, 2, 2, 4); ties are listed by code.
 */
export function rankSipasUnits(units: readonly SipasUnit[]): void {
  const blocks = new Map<string, SipasUnit[]>();
  for (const u of units) {
    const k = u.group ?? '';
    blocks.set(k, [...(blocks.get(k) ?? []), u]);
  }
  for (const block of blocks.values()) rankBlock(block);
}

function rankBlock(units: readonly SipasUnit[]): void {
  const ranked = units
    .map((u) => ({ u, exact: u.index ? Rational.fromExact(u.index.exact) : undefined }))
    .filter((x) => x.exact !== undefined)
    .sort((x, y) => y.exact!.cmp(x.exact!) || compareCodes(x.u.code, y.u.code));
  ranked.forEach((x, i) => {
    const prev = ranked[i - 1];
    x.u.rank = prev && prev.exact!.eq(x.exact!) ? prev.u.rank! : i + 1;
    x.u.rankOf = ranked.length;
  });
}

/**
 * Block by block (in `groupOrder`, then by id; units without a group last), ranked units first (by
 * rank, then code), then those without an index.
 */
export function rankedUnits(units: readonly SipasUnit[], groupOrder: readonly string[] = []): SipasUnit[] {
  const pos = (u: SipasUnit): number => {
    if (u.group === undefined) return Infinity;
    const i = groupOrder.indexOf(u.group);
    return i < 0 ? groupOrder.length : i;
  };
  return [...units].sort(
    (a, b) =>
      pos(a) - pos(b) ||
      (a.group ?? '').localeCompare(b.group ?? '') ||
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      compareCodes(a.code, b.code),
  );
}

/** The units of each ranking block, in order (one block of every unit when none has a group). */
export function sipasBlocks(
  units: readonly SipasUnit[],
  groupOrder: readonly string[] = [],
): { group: string | undefined; units: SipasUnit[] }[] {
  const out: { group: string | undefined; units: SipasUnit[] }[] = [];
  for (const u of rankedUnits(units, groupOrder)) {
    const last = out[out.length - 1];
    if (last && last.group === u.group) last.units.push(u);
    else out.push({ group: u.group, units: [u] });
  }
  return out;
}

/**
 * Runs of ranked units that show the same rounded index but hold different ranks (the SIPAS
 * counterpart of rank.ts's rounding notes: indices are shown with 2 decimals, always).
 */
export function sipasRoundingNotes(units: readonly SipasUnit[]): { value: number; codes: string[] }[] {
  return sipasBlocks(units).flatMap((b) => blockNotes(b.units));
}

function blockNotes(units: readonly SipasUnit[]): { value: number; codes: string[] }[] {
  const out: { value: number; codes: string[] }[] = [];
  const ranked = rankedUnits(units).filter((u) => u.rank !== undefined && u.index);
  for (let i = 0; i < ranked.length; ) {
    let j = i + 1;
    while (j < ranked.length && ranked[j]!.index!.value === ranked[i]!.index!.value) j++;
    const run = ranked.slice(i, j);
    if (new Set(run.map((u) => u.rank)).size > 1)
      out.push({ value: run[0]!.index!.value, codes: run.map((u) => u.code) });
    i = j;
  }
  return out;
}
