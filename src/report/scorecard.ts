/**
 * An agency's scorecard as rows, for every tree shape (fields → items, fields → criteria → items,
 * deeper): a field line, a criterion line where the field has criteria, every applicable item,
 * and bonus and penalty as their own signed lines (their maximum is not a maximum of the index,
 * so they never show a percentage). Shared by the Excel, HTML and terminal scorecards.
 */
import { Rational } from '../core/rational.js';
import type { Lang } from '../messages/types.js';
import type { AgencyResult, ItemResult, NodeResult } from '../result/schema.js';
import { fmtNumber } from './format.js';

/** Bonus and penalty points of a field or criterion: the sum of its items' final points (before the set-wide caps). */
export interface Adjustments {
  /** Undefined when the node holds no bonus item. */
  bonus?: Rational;
  /** Undefined when the node holds no penalty item. */
  penalty?: Rational;
}

export type ScorecardRow =
  | {
      kind: 'field' | 'criterion';
      code: string;
      /** Points, maximum and index of its scored (appraisal and survey) items; undefined when it has none. */
      scored?: NodeResult;
      adjustments: Adjustments;
    }
  | { kind: 'item'; item: ItemResult };

/** The rows of an agency's scorecard, in tree order. */
export function scorecardRows(a: AgencyResult): ScorecardRow[] {
  const rows: ScorecardRow[] = [];
  const applicable = a.items.filter((i) => i.applicable);
  const under =
    (code: string) =>
    (x: { code: string }): boolean =>
      x.code.startsWith(`${code}.`);
  for (const f of a.fields) {
    const inField = applicable.filter((i) => i.field === f.code);
    if (inField.length === 0) continue;
    rows.push(groupRow('field', f, inField));
    const criteria = a.criteria.filter(under(f.code));
    let current: string | undefined;
    for (const it of inField) {
      const c = criteria.find((x) => it.code.startsWith(`${x.code}.`));
      if (c && c.code !== current) {
        current = c.code;
        rows.push(groupRow('criterion', c, inField.filter(under(c.code))));
      } else if (!c) current = undefined;
      rows.push({ kind: 'item', item: it });
    }
  }
  return rows;
}

function groupRow(kind: 'field' | 'criterion', node: NodeResult, items: ItemResult[]): ScorecardRow {
  const adjustments: Adjustments = {};
  let scored = false;
  for (const it of items) {
    const v = Rational.fromExact(it.final.exact) ?? Rational.fromNumber(it.final.value);
    if (it.source === 'bonus') adjustments.bonus = (adjustments.bonus ?? Rational.ZERO).add(v);
    else if (it.source === 'penalty') adjustments.penalty = (adjustments.penalty ?? Rational.ZERO).add(v);
    else scored = true;
  }
  return scored ? { kind, code: node.code, scored: node, adjustments } : { kind, code: node.code, adjustments };
}

/** "+1,00" for a bonus, "−0,50" for a penalty, "0,00" for nothing (never a negative zero). */
export function signedPoints(points: Rational, sign: 1 | -1, decimals: number, lang: Lang): string {
  const text = fmtNumber(Number(points.toFixed(decimals)), decimals, lang);
  if (points.isZero()) return text;
  return `${sign > 0 ? '+' : '−'}${text}`;
}

/** The number a bonus (+) or penalty (−) shows in a spreadsheet cell, never −0. */
export function signedValue(points: Rational, sign: 1 | -1, decimals: number): number {
  const v = Number(points.toFixed(decimals));
  return v === 0 ? 0 : sign * v;
}

/** Words for bonus and penalty lines. */
export function adjustmentLabel(which: 'bonus' | 'penalty', lang: Lang): string {
  if (which === 'bonus') return lang === 'vi' ? 'Điểm thưởng' : 'Bonus points';
  return lang === 'vi' ? 'Điểm trừ' : 'Penalty points';
}
