/**
 * `criteria diff`: what changed between two criteria sets (two versions of one set, or two
 * decisions): nodes added, removed, renamed, moved, and changed maxima, rules or sources. Nodes
 * are matched by code and title together first, then by title alone (moved), then by code alone
 * (renamed); the matches also give a crosswalk for comparing years.
 */
import { Rational } from '../core/rational.js';
import { looseKey } from '../core/text.js';
import type { Crosswalk } from './crosswalk.js';
import { isItem, type CriteriaSet, type Node } from './schema.js';

interface Flat {
  code: string;
  title: string;
  key: string;
  node: Node;
  item: boolean;
}

/** One difference. `from` is last version's code, `to` this version's. */
export type CriteriaChange =
  | { change: 'added'; to: string; title: string; max: number; item: boolean }
  | { change: 'removed'; from: string; title: string; max: number; item: boolean }
  | {
      change: 'matched';
      how: 'same' | 'moved' | 'renamed';
      from: string;
      to: string;
      title: { from: string; to: string };
      item: boolean;
      max?: { from: number; to: number };
      rule?: { from: string; to: string };
      source?: { from: string; to: string };
    };

export interface CriteriaDiff {
  from: string;
  to: string;
  /** Set-level changes: total, appraisal and survey totals, bands. */
  set: { what: 'total' | 'appraisal' | 'survey' | 'bands'; from: string; to: string }[];
  /** Every node, matched or not, in this version's tree order then the removed ones. */
  nodes: CriteriaChange[];
  counts: { added: number; removed: number; renamed: number; moved: number; changed: number; same: number };
}

function flatten(set: CriteriaSet): Flat[] {
  const out: Flat[] = [];
  const walk = (n: Node): void => {
    out.push({ code: n.code, title: n.title.vi, key: looseKey(n.title.vi), node: n, item: isItem(n) });
    if (!isItem(n)) n.children.forEach(walk);
  };
  set.fields.forEach(walk);
  return out;
}

/** Short description of a rule, for comparing and showing: kind plus its exact content. */
function ruleText(n: Node): string {
  return isItem(n) ? JSON.stringify(n.rule) : '';
}

/** Compares two sets. Pure. */
export function diffCriteriaSets(a: CriteriaSet, b: CriteriaSet): CriteriaDiff {
  const olds = flatten(a);
  const news = flatten(b);
  const pairOf = new Map<Flat, Flat>(); // new → old
  const how = new Map<Flat, 'same' | 'moved' | 'renamed'>();
  const usedOld = new Set<Flat>();
  const match = (o: Flat, n: Flat, kind: 'same' | 'moved' | 'renamed'): void => {
    pairOf.set(n, o);
    how.set(n, kind);
    usedOld.add(o);
  };
  const oldByCode = new Map(olds.map((o) => [o.code, o]));
  // 1. Same code, same title.
  for (const n of news) {
    const o = oldByCode.get(n.code);
    if (o && o.key === n.key && o.item === n.item) match(o, n, 'same');
  }
  // 2. Same title, unique among what is left: moved (code changed).
  const countBy = (list: Flat[]): Map<string, Flat[]> => {
    const m = new Map<string, Flat[]>();
    for (const f of list) m.set(`${f.item}:${f.key}`, [...(m.get(`${f.item}:${f.key}`) ?? []), f]);
    return m;
  };
  const leftOld = countBy(olds.filter((o) => !usedOld.has(o)));
  const leftNew = countBy(news.filter((n) => !pairOf.has(n)));
  for (const [k, ns] of leftNew) {
    const os = leftOld.get(k);
    if (ns.length === 1 && os?.length === 1) match(os[0]!, ns[0]!, 'moved');
  }
  // 3. Same code, same kind of node, title changed: renamed.
  for (const n of news) {
    if (pairOf.has(n)) continue;
    const o = oldByCode.get(n.code);
    if (o && !usedOld.has(o) && o.item === n.item) match(o, n, 'renamed');
  }

  const nodes: CriteriaChange[] = [];
  const counts = { added: 0, removed: 0, renamed: 0, moved: 0, changed: 0, same: 0 };
  for (const n of news) {
    const o = pairOf.get(n);
    if (!o) {
      nodes.push({ change: 'added', to: n.code, title: n.title, max: n.node.max, item: n.item });
      counts.added++;
      continue;
    }
    const c: Extract<CriteriaChange, { change: 'matched' }> = {
      change: 'matched',
      how: how.get(n)!,
      from: o.code,
      to: n.code,
      title: { from: o.title, to: n.title },
      item: n.item,
    };
    if (!Rational.fromNumber(o.node.max).eq(Rational.fromNumber(n.node.max)))
      c.max = { from: o.node.max, to: n.node.max };
    if (isItem(o.node) && isItem(n.node)) {
      if (ruleText(o.node) !== ruleText(n.node)) c.rule = { from: o.node.rule.kind, to: n.node.rule.kind };
      if (o.node.source !== n.node.source) c.source = { from: o.node.source, to: n.node.source };
    }
    nodes.push(c);
    if (c.how === 'moved') counts.moved++;
    else if (c.how === 'renamed') counts.renamed++;
    if (c.max || c.rule || c.source) counts.changed++;
    if (c.how === 'same' && !c.max && !c.rule && !c.source) counts.same++;
  }
  for (const o of olds) {
    if (usedOld.has(o)) continue;
    nodes.push({ change: 'removed', from: o.code, title: o.title, max: o.node.max, item: o.item });
    counts.removed++;
  }

  const set: CriteriaDiff['set'] = [];
  const cmp = (what: CriteriaDiff['set'][number]['what'], x: unknown, y: unknown): void => {
    const sx = x === undefined ? '—' : typeof x === 'string' ? x : JSON.stringify(x);
    const sy = y === undefined ? '—' : typeof y === 'string' ? y : JSON.stringify(y);
    if (sx !== sy) set.push({ what, from: sx, to: sy });
  };
  cmp('total', String(a.total), String(b.total));
  cmp('appraisal', a.sourceTotals?.appraisal?.toString(), b.sourceTotals?.appraisal?.toString());
  cmp('survey', a.sourceTotals?.survey?.toString(), b.sourceTotals?.survey?.toString());
  cmp(
    'bands',
    a.bands.map((x) => `${x.id} ${x.min}–${x.max}`).join(', '),
    b.bands.map((x) => `${x.id} ${x.min}–${x.max}`).join(', '),
  );
  return { from: `${a.id}@${a.version}`, to: `${b.id}@${b.version}`, set, nodes, counts };
}

/**
 * The crosswalk the matches give: every code whose code changed, and every removed node as
 * null. Codes that stayed are left out (a crosswalk keeps unlisted codes). Descendants of a
 * listed group that follow it by prefix are left out too.
 */
export function crosswalkFromDiff(d: CriteriaDiff): Crosswalk {
  const map: Record<string, string | null> = {};
  const implied = (from: string): string | undefined => {
    for (let key = from; key.includes('.'); ) {
      key = key.slice(0, key.lastIndexOf('.'));
      if (Object.hasOwn(map, key)) {
        const to = map[key];
        return to === null ? '\u0000removed' : to + from.slice(key.length);
      }
    }
    return from;
  };
  // Parents come before children in both lists, so a group's entry is there before its items.
  const entries = d.nodes
    .map((c) =>
      c.change === 'matched'
        ? { from: c.from, to: c.to as string | null }
        : c.change === 'removed'
          ? { from: c.from, to: null }
          : undefined,
    )
    .filter((e): e is { from: string; to: string | null } => e !== undefined)
    .sort((x, y) => depth(x.from) - depth(y.from) || compareCodes(x.from, y.from));
  for (const e of entries) {
    const carried = implied(e.from);
    if (e.to === null ? carried === '\u0000removed' : carried === e.to) continue;
    map[e.from] = e.to;
  }
  return { format: 1, kind: 'crosswalk', from: d.from, to: d.to, map };
}

function depth(code: string): number {
  return code.split('.').length;
}

/** Orders codes numerically part by part ("1.10" after "1.9"). */
export function compareCodes(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
