/**
 * Checking a mapped submission against its criteria set, roster and round: which set, which
 * agency, every item row (unknown, duplicate, missing, not for this kind, not applicable where
 * not allowed), every value (range, step, option, ratio) and of subtotals with the items. Every
 * problem is a finding at its cell. The rows that reach the rule are handed on (`selfScored`): the
 * consistency of entered points with the rule is scoring's check (`score/check-self.ts`).
 */
import { Rational } from '../core/rational.js';
import { cleanText, looseKey } from '../core/text.js';
import { appliesWithAncestors, type CriteriaIndex } from '../criteria/tree.js';
import type { Item } from '../criteria/schema.js';
import { cellAddress, finding, type Finding, type FindingLocation } from '../findings/finding.js';
import type { RawSubmission } from './map.js';
import type { InputField, ItemInput, Submission } from './submission.js';

export interface RosterEntry {
  code: string;
  name: string;
  kind: string;
}

export interface CheckContext {
  /** The set every file must use (`--criteria`). */
  expected?: CriteriaIndex;
  /** The set for an agency kind (a round with a set per kind). */
  setForKind?: (kind: string) => CriteriaIndex | undefined;
  /** Loads a set a file names, when nothing is expected. */
  resolve?: (ref: string) => CriteriaIndex | undefined;
  roster?: ReadonlyMap<string, RosterEntry>;
  /** Agency kind when there is no roster (`--kind`). */
  kind?: string;
  year?: number;
}

export interface Checked {
  submission?: Submission;
  criteria?: CriteriaIndex;
  kind?: string;
  findings: Finding[];
  /** The item rows whose values passed to the rule, for the self-score checks of `score/`. */
  selfScored: SelfScoredRow[];
}

/** An item row with values, checked up to its rule: what the self-score checks need to look at it. */
export interface SelfScoredRow {
  item: Item;
  /** The row after checking (unknown options and negative values removed, options as their ids). */
  row: ItemInput;
  /** The entered points passed their own checks, and the row had no finding before them. */
  pointsOk: boolean;
  /** Where a field of the row is (its cell, or the row when the file has no such column). */
  at: (field: InputField) => FindingLocation;
  tag: { criterion: string; agency?: string };
}

/** Fields each rule kind reads besides the entered points. */
const RAW_FIELDS: Record<Item['rule']['kind'], InputField[]> = {
  points: [],
  choice: ['option'],
  boolean: ['yes'],
  bands: ['numerator', 'denominator', 'percent'],
  deduction: ['count'],
  count: ['count'],
  survey: [],
};
const ALL_RAW: InputField[] = ['option', 'yes', 'numerator', 'denominator', 'percent', 'count'];

export function checkSubmission(raw: RawSubmission, ctx: CheckContext): Checked {
  const findings: Finding[] = [];
  const agencyCode = raw.agency?.code;
  if (!agencyCode) findings.push(finding('INTAKE_AGENCY_MISSING', raw.agencyAt ?? raw.sheetAt, {}));
  const rosterEntry = agencyCode ? ctx.roster?.get(agencyCode) : undefined;
  if (agencyCode && ctx.roster && !rosterEntry)
    findings.push(
      finding('INTAKE_AGENCY_NOT_IN_ROSTER', raw.agency!.at, { agency: agencyCode }, { agency: agencyCode }),
    );
  if (
    rosterEntry &&
    raw.agency?.name &&
    cleanText(raw.agency.name).toLowerCase() !== cleanText(rosterEntry.name).toLowerCase()
  )
    findings.push(
      finding(
        'INTAKE_AGENCY_NAME_MISMATCH',
        raw.agency.at,
        { agency: rosterEntry.code, found: raw.agency.name, roster: rosterEntry.name },
        { agency: agencyCode },
      ),
    );
  if (ctx.year !== undefined && raw.year && raw.year.text !== String(ctx.year))
    findings.push(
      finding(
        'INTAKE_YEAR_MISMATCH',
        raw.year.at,
        { found: raw.year.text, expected: ctx.year },
        { agency: agencyCode },
      ),
    );

  // Which set: the round's set for the agency's kind, else the expected one, else the one the file names.
  let kind = rosterEntry?.kind ?? ctx.kind;
  let idx = kind !== undefined ? ctx.setForKind?.(kind) : undefined;
  idx ??= ctx.expected;
  const fileRef = raw.criteria?.ref;
  if (idx) {
    // A long CSV has no place for the set: only a workbook's information sheet is expected to name it.
    if (!fileRef && raw.format === 'xlsx')
      findings.push(finding('INTAKE_CRITERIA_MISSING', raw.sheetAt, { expected: idx.ref }, { agency: agencyCode }));
    else if (fileRef && looseKey(fileRef) !== looseKey(idx.ref))
      findings.push(
        finding(
          'INTAKE_CRITERIA_MISMATCH',
          raw.criteria!.at,
          { found: fileRef, expected: idx.ref },
          { agency: agencyCode },
        ),
      );
  } else if (fileRef) {
    idx = ctx.resolve?.(fileRef);
    if (!idx)
      findings.push(finding('INTAKE_CRITERIA_UNKNOWN', raw.criteria!.at, { found: fileRef }, { agency: agencyCode }));
  } else {
    findings.push(finding('INTAKE_CRITERIA_MISSING', raw.sheetAt, {}, { agency: agencyCode, severity: 'error' }));
  }
  if (!idx) return { findings, selfScored: [] };
  if (kind === undefined && idx.set.agencyKinds.length === 1) kind = idx.set.agencyKinds[0]!.id;

  const seen = new Map<string, ItemInput>();
  const items: ItemInput[] = [];
  const selfScored: SelfScoredRow[] = [];
  const subtotalRows: ItemInput[] = [];
  const tag = (code: string): { criterion: string; agency?: string } =>
    agencyCode ? { criterion: code, agency: agencyCode } : { criterion: code };
  // A parindex template names its set on the information sheet; its locked cells must say what the set says.
  const template = raw.format === 'xlsx' && raw.criteria !== undefined;
  for (const row of raw.rows) {
    const node = idx.nodes.get(row.code);
    const locked = row.locked;
    // Only checked here: a submission does not carry them on (workers, memory).
    delete row.locked;
    if (!node) {
      findings.push(finding('INTAKE_UNKNOWN_ITEM', row.location, { item: row.code, set: idx.ref }, tag(row.code)));
      continue;
    }
    if (template && locked) findings.push(...lockedCellFindings(node, locked, raw.file, tag(row.code)));
    if ('children' in node) {
      subtotalRows.push(row);
      continue;
    }
    const first = seen.get(row.code);
    if (first) {
      findings.push(
        finding(
          'INTAKE_DUPLICATE_ITEM',
          row.location,
          { item: row.code, first: first.location.cell ?? `${first.location.row}` },
          tag(row.code),
        ),
      );
      continue;
    }
    seen.set(row.code, row);
    items.push(row);
    findings.push(...checkItem(idx, idx.byCode.get(row.code)!.item, row, raw, kind, tag(row.code), selfScored));
  }
  // An agency code the roster does not know is reported once (above); its rows are not a submission
  // of anyone, so "missing item" for each other item would only repeat it.
  const unknownAgency = agencyCode !== undefined && ctx.roster !== undefined && !rosterEntry;
  // In a file of many agencies (long CSV) a missing row names its agency.
  const who =
    raw.format === 'csv' && agencyCode ? (rosterEntry ? `${rosterEntry.name} (${agencyCode})` : agencyCode) : undefined;
  for (const e of idx.items) {
    if (unknownAgency) break;
    if (seen.has(e.item.code) || e.item.rule.kind === 'survey' || e.item.source === 'survey') continue;
    const applies =
      kind !== undefined
        ? appliesWithAncestors(idx, e.item.code, kind)
        : idx.set.agencyKinds.every((k) => appliesWithAncestors(idx!, e.item.code, k.id));
    const args = who ? { item: e.item.code, agency: who } : { item: e.item.code };
    if (applies) findings.push(finding('INTAKE_MISSING_ITEM', raw.sheetAt, args, tag(e.item.code)));
  }
  findings.push(...checkSubtotals(idx, subtotalRows, items, agencyCode, raw.file));

  const submission: Submission = { file: raw.file, sha256: raw.sha256, format: raw.format, items };
  if (raw.agency)
    submission.agency = raw.agency.name ? { code: raw.agency.code, name: raw.agency.name } : { code: raw.agency.code };
  if (raw.year && /^\d{4}$/.test(raw.year.text)) submission.year = Number(raw.year.text);
  if (fileRef) submission.criteria = fileRef;
  const out: Checked = { submission, criteria: idx, findings, selfScored };
  if (kind !== undefined) out.kind = kind;
  return out;
}

/** The row's maximum and title (locked cells of the template) against the set: a warning at each cell that differs. */
function lockedCellFindings(
  node: { code: string; max: number; title: { vi: string; en?: string | undefined } },
  locked: NonNullable<ItemInput['locked']>,
  file: string,
  tag: { criterion: string; agency?: string },
): Finding[] {
  const out: Finding[] = [];
  const max = locked.max;
  if (max && (max.value === undefined || !max.value.eq(Rational.fromNumber(node.max)))) {
    const args = {
      item: node.code,
      what: 'max' as const,
      found: max.value?.toExact() ?? max.text,
      expected: String(node.max),
    };
    out.push(finding('INTAKE_LOCKED_CELL_CHANGED', { file, ...max.at }, args, tag));
  }
  const title = locked.title;
  // An untouched template gives the title back as written: equal text needs no loose comparison
  // (which, on every row of thousands of files, cost about a second of a national round).
  const same = (t: string): boolean => t === node.title.vi || t === node.title.en;
  const key = title && !same(title.text) ? looseKey(title.text) : '';
  if (
    title &&
    !same(title.text) &&
    key !== looseKey(node.title.vi) &&
    (node.title.en === undefined || key !== looseKey(node.title.en))
  ) {
    const args = { item: node.code, what: 'title' as const, found: title.text, expected: node.title.vi };
    out.push(finding('INTAKE_LOCKED_CELL_CHANGED', { file, ...title.at }, args, tag));
  }
  return out;
}

/** Checks one item row's values against its item; a row with values that reaches its rule goes on to `selfScored`. */
function checkItem(
  idx: CriteriaIndex,
  item: Item,
  row: ItemInput,
  raw: RawSubmission,
  kind: string | undefined,
  tag: { criterion: string; agency?: string },
  selfScored: SelfScoredRow[],
): Finding[] {
  const out: Finding[] = [];
  const at = (field: InputField): FindingLocation => {
    const c = row.cells[field];
    const r = row.location.row ?? 0;
    const col = c?.column ?? raw.columns[field];
    const loc: FindingLocation = { file: raw.file };
    if (row.location.sheet !== undefined) loc.sheet = row.location.sheet;
    loc.row = r;
    if (col !== undefined) {
      loc.column = col;
      loc.cell = cellAddress(r, col);
    } else if (row.location.cell) loc.cell = row.location.cell;
    return loc;
  };
  const filled = (f: InputField): boolean => (row as unknown as Record<string, unknown>)[f] !== undefined;
  const rawFilled = ALL_RAW.filter(filled);
  const anyValue = row.points !== undefined || rawFilled.length > 0;
  if (kind !== undefined && !appliesWithAncestors(idx, item.code, kind)) {
    if (anyValue)
      out.push(
        finding(
          'INTAKE_ITEM_NOT_FOR_KIND',
          at(row.points !== undefined ? 'points' : rawFilled[0]!),
          { item: item.code, kind },
          tag,
        ),
      );
    return out;
  }
  if (item.rule.kind === 'survey' || item.source === 'survey') {
    for (const f of ['points' as InputField, ...rawFilled])
      if (filled(f))
        out.push(finding('INTAKE_INPUT_NOT_FOR_RULE', at(f), { item: item.code, field: f, rule: item.rule.kind }, tag));
    return out;
  }
  if (row.notApplicable) {
    if (!item.notApplicable) out.push(finding('INTAKE_NA_NOT_ALLOWED', at('notApplicable'), { item: item.code }, tag));
    else return out;
  }
  const uses = RAW_FIELDS[item.rule.kind];
  for (const f of rawFilled)
    if (!uses.includes(f))
      out.push(finding('INTAKE_INPUT_NOT_FOR_RULE', at(f), { item: item.code, field: f, rule: item.rule.kind }, tag));

  const max = Rational.fromNumber(item.max);
  let pointsOk = row.points !== undefined;
  if (row.points !== undefined) {
    const p = row.points;
    if (p.lt(Rational.ZERO))
      out.push(finding('INTAKE_NEGATIVE', at('points'), { field: 'points', value: p.toExact() }, tag));
    else if (p.gt(max))
      out.push(finding('INTAKE_ABOVE_MAX', at('points'), { value: p.toExact(), max: max.toExact() }, tag));
    else if (item.rule.kind === 'points') {
      const step = Rational.fromNumber(item.rule.step ?? 0.25);
      if (!p.isMultipleOf(step))
        out.push(finding('INTAKE_OFF_STEP', at('points'), { value: p.toExact(), step: step.toExact() }, tag));
    }
    pointsOk = out.length === 0;
  }
  for (const f of ['numerator', 'denominator', 'percent'] as const) {
    const v = row[f];
    if (v?.lt(Rational.ZERO)) {
      out.push(finding('INTAKE_NEGATIVE', at(f), { field: f, value: v.toExact() }, tag));
      delete row[f];
    }
  }
  if (row.count !== undefined && row.count < 0) {
    out.push(finding('INTAKE_NEGATIVE', at('count'), { field: 'count', value: String(row.count) }, tag));
    delete row.count;
  }
  const rule = item.rule;
  const unreadable = (row.unreadable?.length ?? 0) > 0;
  if (rule.kind === 'bands') {
    if ((row.numerator === undefined) !== (row.denominator === undefined) && row.percent === undefined && !unreadable) {
      const missing = row.numerator === undefined ? 'numerator' : 'denominator';
      out.push(finding('INTAKE_RATIO_INCOMPLETE', at(missing), { missing }, tag));
    } else if (row.denominator?.isZero()) {
      out.push(finding('INTAKE_ZERO_DENOMINATOR', at('denominator'), {}, tag));
    } else if (row.numerator !== undefined && row.denominator !== undefined && row.numerator.gt(row.denominator)) {
      out.push(
        finding(
          'INTAKE_NUMERATOR_ABOVE_DENOMINATOR',
          at('numerator'),
          { numerator: row.numerator.toExact(), denominator: row.denominator.toExact() },
          tag,
        ),
      );
    }
    if (row.percent?.gt(Rational.HUNDRED))
      out.push(finding('INTAKE_PERCENT_RANGE', at('percent'), { value: row.percent.toExact() }, tag));
  }
  if (rule.kind === 'choice' && row.option !== undefined) {
    const key = looseKey(row.option);
    const opt = rule.options.find(
      (o) =>
        looseKey(o.id) === key ||
        looseKey(o.label.vi) === key ||
        (o.label.en !== undefined && looseKey(o.label.en) === key),
    );
    if (opt) row.option = opt.id;
    else {
      out.push(
        finding(
          'INTAKE_UNKNOWN_OPTION',
          at('option'),
          { value: row.option, options: rule.options.map((o) => o.label.vi) },
          tag,
        ),
      );
      delete row.option;
    }
  }
  if (!anyValue) {
    if (!unreadable) out.push(finding('INTAKE_ITEM_BLANK', at('points'), { item: item.code }, tag));
    return out;
  }
  selfScored.push({ item, row, pointsOk, at, tag });
  return out;
}

/** Subtotal rows (fields and criteria) against the sum of their items' entered points. */
function checkSubtotals(
  idx: CriteriaIndex,
  subtotals: ItemInput[],
  items: ItemInput[],
  agency: string | undefined,
  file: string,
): Finding[] {
  const out: Finding[] = [];
  for (const row of subtotals) {
    // A formula is the spreadsheet's own sum (its cached value may be stale if a tool edited
    // the file); only a subtotal typed over by hand is checked.
    if (row.points === undefined || row.formulas?.includes('points')) continue;
    let sum = Rational.ZERO;
    for (const it of items) {
      const e = idx.byCode.get(it.code);
      // A subtotal subtracts penalty points, as the template's formula does.
      if (e?.ancestors.includes(row.code) && it.points !== undefined)
        sum = e.item.source === 'penalty' ? sum.sub(it.points) : sum.add(it.points);
    }
    if (!sum.eq(row.points)) {
      const loc: FindingLocation = { file, ...(row.cells.points ?? row.location) };
      out.push(
        finding(
          'INTAKE_SUBTOTAL_MISMATCH',
          loc,
          { group: row.code, found: row.points.toExact(), expected: sum.toExact() },
          agency ? { criterion: row.code, agency } : { criterion: row.code },
        ),
      );
    }
  }
  return out;
}
