/**
 * The named rules of a criteria set, run after the shape is valid: codes unique and well
 * formed, maxima adding up, bands covering 0–100%, options and steps within the maximum,
 * agency kinds known, provenance confirmed.
 */
import { Rational } from '../core/rational.js';
import { finding, type Finding, type FindingLocation } from '../findings/finding.js';
import { isItem, type CriteriaSet, type Group, type Item, type Node } from './schema.js';
import { appliesTo, isScored, visitNodes } from './tree.js';

/** Maps a path inside the file to a line, when the file gives one. */
export type LineOf = (path: string) => number | undefined;

/** Runs every named rule; returns all findings, in tree order. */
export function checkCriteriaSet(set: CriteriaSet, file?: string, lineOf: LineOf = () => undefined): Finding[] {
  const out: Finding[] = [];
  const at = (path: string): FindingLocation => {
    const loc: FindingLocation = { path };
    if (file !== undefined) loc.file = file;
    const line = lineOf(path);
    if (line !== undefined) loc.line = line;
    return loc;
  };
  const kinds = set.agencyKinds.map((k) => k.id);
  const seen = new Map<string, string>();

  if (isUnconfirmed(set.provenance))
    out.push(
      finding('CRITERIA_UNCONFIRMED', at('provenance'), {
        code: `${set.id}@${set.version}`,
        ...noteOf(set.provenance),
      }),
    );

  visitNodes(set, (node, path, parent) => {
    const first = seen.get(node.code);
    if (first !== undefined)
      out.push(
        finding(
          'CRITERIA_DUPLICATE_CODE',
          at(`${path}.code`),
          { code: node.code, firstPath: first },
          { criterion: node.code },
        ),
      );
    else seen.set(node.code, path);

    if (!/^\d+(\.\d+)*$/.test(node.code)) {
      out.push(finding('CRITERIA_CODE_FORMAT', at(`${path}.code`), { code: node.code }, { criterion: node.code }));
    } else if (
      parent &&
      !(node.code.startsWith(parent.code + '.') && !node.code.slice(parent.code.length + 1).includes('.'))
    ) {
      out.push(
        finding(
          'CRITERIA_CODE_FORMAT',
          at(`${path}.code`),
          { code: node.code, parent: parent.code },
          { criterion: node.code },
        ),
      );
    } else if (!parent && node.code.includes('.')) {
      out.push(finding('CRITERIA_CODE_FORMAT', at(`${path}.code`), { code: node.code }, { criterion: node.code }));
    }

    for (const kind of node.appliesTo ?? []) {
      if (!kinds.includes(kind))
        out.push(
          finding(
            'CRITERIA_UNKNOWN_AGENCY_KIND',
            at(`${path}.appliesTo`),
            { code: node.code, kind, known: kinds },
            { criterion: node.code },
          ),
        );
    }
    if (isUnconfirmed(node.provenance))
      out.push(
        finding(
          'CRITERIA_UNCONFIRMED',
          at(`${path}.provenance`),
          { code: node.code, ...noteOf(node.provenance) },
          { criterion: node.code },
        ),
      );

    if (isItem(node)) out.push(...checkItem(node, path, at));
    else out.push(...checkGroupSum(node, path, at, kinds));
  });

  // Sums hold for every agency kind: a kind sees only the nodes that apply to it.
  const total = Rational.fromNumber(set.total);
  for (const kind of kinds) {
    const sum = Rational.sum(set.fields.filter((f) => appliesTo(f, kind)).map((f) => Rational.fromNumber(f.max)));
    if (!sum.eq(total)) {
      out.push(
        finding('CRITERIA_TOTAL_MISMATCH', at('total'), {
          total: total.toExact(),
          sum: sum.toExact(),
          ...kindArg(kinds, kind),
        }),
      );
      break;
    }
  }

  for (const source of ['appraisal', 'survey'] as const) {
    const declared = set.sourceTotals?.[source];
    if (declared === undefined) continue;
    for (const kind of kinds) {
      const items: Item[] = [];
      visitApplicable(set, kind, (n) => {
        if (isItem(n) && n.source === source) items.push(n);
      });
      const s = Rational.sum(items.map((i) => Rational.fromNumber(i.max)));
      if (!s.eq(Rational.fromNumber(declared))) {
        out.push(
          finding('CRITERIA_SOURCE_TOTAL_MISMATCH', at(`sourceTotals.${source}`), {
            source,
            declared: String(declared),
            sum: s.toExact(),
            ...kindArg(kinds, kind),
          }),
        );
        break;
      }
    }
  }

  out.push(
    ...checkBands(
      set.bands.map((b) => ({ min: b.min, max: b.max, label: b.id })),
      'grading',
      'bands',
      at,
    ),
  );
  return out;
}

/** For each agency kind the group applies to, its applicable scored children add up to its maximum. */
function checkGroupSum(node: Group, path: string, at: (p: string) => FindingLocation, kinds: string[]): Finding[] {
  const max = Rational.fromNumber(node.max);
  for (const kind of kinds) {
    if (!appliesTo(node, kind)) continue;
    const children = node.children.filter((c) => appliesTo(c, kind) && (!isItem(c) || isScored(c)));
    const sum = Rational.sum(children.map((c) => Rational.fromNumber(c.max)));
    if (!sum.eq(max))
      return [
        finding(
          'CRITERIA_MAX_MISMATCH',
          at(`${path}.max`),
          { code: node.code, max: max.toExact(), sum: sum.toExact(), ...kindArg(kinds, kind) },
          { criterion: node.code },
        ),
      ];
  }
  return [];
}

/** Names the agency kind in a sum finding only when the set has more than one. */
function kindArg(kinds: string[], kind: string): { kind?: string } {
  return kinds.length > 1 ? { kind } : {};
}

/** Visits the nodes that apply to one agency kind. */
function visitApplicable(set: CriteriaSet, kind: string, fn: (n: Node) => void): void {
  const walk = (n: Node): void => {
    if (!appliesTo(n, kind)) return;
    fn(n);
    if (!isItem(n)) n.children.forEach(walk);
  };
  set.fields.forEach(walk);
}

function checkItem(item: Item, path: string, at: (p: string) => FindingLocation): Finding[] {
  const out: Finding[] = [];
  const max = Rational.fromNumber(item.max);
  const rule = item.rule;
  const above = (what: string, points: number, rulePath: string): void => {
    const p = Rational.fromNumber(points);
    if (p.gt(max))
      out.push(
        finding(
          'CRITERIA_POINTS_ABOVE_MAX',
          at(rulePath),
          { code: item.code, what, points: p.toExact(), max: max.toExact() },
          { criterion: item.code },
        ),
      );
  };
  if ((rule.kind === 'survey') !== (item.source === 'survey')) {
    out.push(
      finding(
        'CRITERIA_RULE_SOURCE_MISMATCH',
        at(`${path}.rule.kind`),
        { code: item.code, kind: rule.kind, source: item.source },
        { criterion: item.code },
      ),
    );
  }
  switch (rule.kind) {
    case 'points': {
      const step = Rational.fromNumber(rule.step ?? 0.25);
      if (!max.isMultipleOf(step))
        out.push(
          finding(
            'CRITERIA_STEP_NOT_DIVIDING',
            at(`${path}.rule.step`),
            { code: item.code, step: step.toExact(), max: max.toExact() },
            { criterion: item.code },
          ),
        );
      break;
    }
    case 'choice': {
      const ids = new Set<string>();
      rule.options.forEach((o, i) => {
        if (ids.has(o.id))
          out.push(
            finding(
              'CRITERIA_DUPLICATE_OPTION',
              at(`${path}.rule.options.${i}.id`),
              { code: item.code, option: o.id },
              { criterion: item.code },
            ),
          );
        ids.add(o.id);
        above(o.id, o.points, `${path}.rule.options.${i}.points`);
      });
      break;
    }
    case 'bands':
      rule.bands.forEach((b, i) => {
        above(`${b.min}–${b.max}%`, b.points, `${path}.rule.bands.${i}.points`);
        if (b.linearTo !== undefined) above(`${b.min}–${b.max}%`, b.linearTo, `${path}.rule.bands.${i}.linearTo`);
      });
      out.push(
        ...checkBands(
          rule.bands.map((b) => ({ min: b.min, max: b.max, label: `${b.min}–${b.max}` })),
          item.code,
          `${path}.rule.bands`,
          at,
          item.code,
        ),
      );
      break;
    case 'deduction':
    case 'count':
      above('perUnit', rule.perUnit, `${path}.rule.perUnit`);
      break;
    case 'boolean':
    case 'survey':
      break;
    default: {
      const never: never = rule;
      throw new Error(`unhandled rule ${String(never)}`);
    }
  }
  return out;
}

/**
 * Bands must together cover [0, 100] without gaps or overlaps. A band covers [min, max), and
 * 100 too when its max is 100; a band with min = max covers that one value and takes
 * precedence there ("đạt 100%: 3 điểm; từ 95% đến dưới 100%: 2 điểm").
 */
function checkBands(
  bands: { min: number; max: number; label: string }[],
  where: string,
  path: string,
  at: (p: string) => FindingLocation,
  criterion?: string,
): Finding[] {
  const out: Finding[] = [];
  const extra = criterion ? { criterion } : {};
  const ranges: { min: Rational; max: Rational; label: string; i: number }[] = [];
  const points = new Map<string, string>();
  bands.forEach((b, i) => {
    const min = Rational.fromNumber(b.min);
    const max = Rational.fromNumber(b.max);
    const label = `${b.min}–${b.max}`;
    if (min.gt(max)) out.push(finding('CRITERIA_BAND_ORDER', at(`${path}.${i}`), { where, band: label }, extra));
    else if (min.eq(max)) {
      const prev = points.get(min.toExact());
      if (prev !== undefined)
        out.push(finding('CRITERIA_BAND_OVERLAP', at(`${path}.${i}.min`), { where, a: prev, b: label }, extra));
      points.set(min.toExact(), label);
    } else ranges.push({ min, max, label, i });
  });
  ranges.sort((a, b) => a.min.cmp(b.min) || a.max.cmp(b.max));
  let reach = Rational.ZERO;
  let prev: (typeof ranges)[number] | undefined;
  for (const b of ranges) {
    if (b.min.gt(reach) && !(points.has(reach.toExact()) && b.min.eq(reach))) {
      out.push(
        finding(
          'CRITERIA_BAND_GAP',
          at(`${path}.${b.i}.min`),
          { where, from: reach.toExact(), to: b.min.toExact() },
          extra,
        ),
      );
    } else if (prev && b.min.lt(reach))
      out.push(finding('CRITERIA_BAND_OVERLAP', at(`${path}.${b.i}.min`), { where, a: prev.label, b: b.label }, extra));
    if (b.max.gt(reach)) {
      reach = b.max;
      prev = b;
    }
  }
  if (reach.lt(Rational.HUNDRED) && !(points.has('100') && ranges.length === 0))
    out.push(finding('CRITERIA_BAND_GAP', at(path), { where, from: reach.toExact(), to: '100' }, extra));
  return out;
}

type ProvenanceLike = Node['provenance'] | CriteriaSet['provenance'];

function isUnconfirmed(p: ProvenanceLike): boolean {
  return p === 'unconfirmed' || (typeof p === 'object' && p.status === 'unconfirmed');
}
function noteOf(p: ProvenanceLike): { note?: string; noteEn?: string } {
  if (typeof p !== 'object' || !p.note) return {};
  if (typeof p.note === 'string') return { note: p.note };
  return { note: p.note.vi, ...(p.note.en ? { noteEn: p.note.en } : {}) };
}
