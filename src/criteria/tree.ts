/** Walks a criteria tree: leaves in order, parents, fields, and the applicable maximum. */
import { Rational } from '../core/rational.js';
import { isItem, type CriteriaSet, type Group, type Item, type Node } from './schema.js';

/** An item with where it sits in the tree. */
export interface ItemEntry {
  item: Item;
  /** Codes from the field down to the item's parent. */
  ancestors: string[];
  /** The field's code. */
  field: string;
  /** Position among all items, 0-based, in tree order. */
  index: number;
  /** Path inside the criteria file, e.g. "fields.0.children.1.children.2". */
  path: string;
}

/** Index of a criteria set for fast lookup by code. */
export interface CriteriaIndex {
  set: CriteriaSet;
  /** `id@version`. */
  ref: string;
  items: ItemEntry[];
  byCode: Map<string, ItemEntry>;
  nodes: Map<string, Node>;
  /** Children codes of every group (fields and criteria). */
  parents: Map<string, string | undefined>;
}

/** Builds the index. Assumes codes are unique (checked by `checkCriteriaSet`). */
export function indexCriteriaSet(set: CriteriaSet): CriteriaIndex {
  const items: ItemEntry[] = [];
  const byCode = new Map<string, ItemEntry>();
  const nodes = new Map<string, Node>();
  const parents = new Map<string, string | undefined>();
  const walk = (node: Node, ancestors: string[], field: string, path: string, parent: string | undefined): void => {
    if (!nodes.has(node.code)) nodes.set(node.code, node);
    parents.set(node.code, parent);
    if (isItem(node)) {
      const entry: ItemEntry = { item: node, ancestors, field, index: items.length, path };
      items.push(entry);
      if (!byCode.has(node.code)) byCode.set(node.code, entry);
      return;
    }
    node.children.forEach((c, i) => walk(c, [...ancestors, node.code], field, `${path}.children.${i}`, node.code));
  };
  set.fields.forEach((f, i) => walk(f, [], f.code, `fields.${i}`, undefined));
  return { set, ref: `${set.id}@${set.version}`, items, byCode, nodes, parents };
}

/** Visits every node depth-first with its path. */
export function visitNodes(set: CriteriaSet, fn: (node: Node, path: string, parent: Group | undefined) => void): void {
  const walk = (node: Node, path: string, parent: Group | undefined): void => {
    fn(node, path, parent);
    if (!isItem(node)) node.children.forEach((c, i) => walk(c, `${path}.children.${i}`, node));
  };
  set.fields.forEach((f, i) => walk(f, `fields.${i}`, undefined));
}

/** Whether a node applies to an agency kind (absent `appliesTo` means all). */
export function appliesTo(node: { appliesTo?: string[] | undefined }, kind: string | undefined): boolean {
  return kind === undefined || node.appliesTo === undefined || node.appliesTo.includes(kind);
}

/** Whether an item counts toward its parents' maxima (bonus and penalty do not). */
export function isScored(item: Item): boolean {
  return item.source === 'appraisal' || item.source === 'survey';
}

/** Exact maximum of a node, from its own declaration. */
export function maxOf(node: { max: number }): Rational {
  return Rational.fromNumber(node.max);
}

/** Text in the requested language, falling back to Vietnamese. */
export function textIn(t: { vi: string; en?: string | undefined } | undefined, lang: 'vi' | 'en'): string {
  if (!t) return '';
  return lang === 'en' ? (t.en ?? t.vi) : t.vi;
}

/** Whether a node and all its ancestors apply to an agency kind (blocks of a set score different kinds). */
export function appliesWithAncestors(criteria: CriteriaIndex, code: string, kind: string): boolean {
  for (let c: string | undefined = code; c !== undefined; c = criteria.parents.get(c)) {
    const node = criteria.nodes.get(c);
    if (node && !appliesTo(node, kind)) return false;
  }
  return true;
}
