/**
 * Appraisal (thẩm định): rows read from the appraisers' workbooks in, the appraised value of
 * each agency × item out, with every change kept for the audit trail. Several files apply in
 * the order the round lists them; a later file overrides an earlier one (appraisal after the
 * agency's explanation).
 */
import { Rational } from '../core/rational.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { finding, type Finding } from '../findings/finding.js';
import type { AppraisalChange } from '../result/schema.js';
import type { AppraisalValue } from '../score/types.js';

/** One filled line of an appraisal workbook. */
export interface AppraisalLine {
  agency: string;
  item: string;
  /** Appraised points; undefined when the cell is empty (keep the self-score). */
  points?: Rational;
  reason: string;
  file: string;
  sheet: string;
  row: number;
  /** A1 address of the appraised-points cell. */
  cell: string;
  /** The row's date (ISO), when the file has a date column and the cell is filled. */
  date?: string;
  /** A1 address of the date cell. */
  dateCell?: string;
}

export interface AppraisalContext {
  /** Criteria set of each agency (by roster kind); undefined for an agency not in the roster. */
  setOf: (agency: string) => CriteriaIndex | undefined;
  /** The agency's self-assessed points for an item, when it gave any. */
  selfPoints: (agency: string, item: string) => Rational | undefined;
  /** Display rounding for the trail. */
  num: (agency: string, r: Rational) => { exact: string; value: number };
}

/** The merged appraisal: values per agency and item, the trail of changes, and findings. */
export interface MergedAppraisal {
  values: Map<string, Map<string, AppraisalValue>>;
  changes: AppraisalChange[];
  findings: Finding[];
}

/**
 * Applies the files' lines in order (`files[0]` first). A value outside 0…max, an unknown
 * agency or item, a duplicate line within one file, and a change without a reason are findings;
 * the lines with errors are not applied.
 */
export function mergeAppraisals(
  files: AppraisalLine[][],
  ctx: AppraisalContext,
  orders?: readonly number[],
): MergedAppraisal {
  const values = new Map<string, Map<string, AppraisalValue>>();
  const changes: AppraisalChange[] = [];
  const findings: Finding[] = [];
  files.forEach((lines, i) => {
    // Files of one appraisal stage (one per team or per agency) share its round number.
    const order = orders?.[i] ?? i + 1;
    const seen = new Map<string, number>();
    for (const line of lines) {
      const where = { file: line.file, sheet: line.sheet, row: line.row, cell: line.cell };
      const idx = ctx.setOf(line.agency);
      if (!idx) {
        findings.push(
          finding('ROUND_APPRAISAL_UNKNOWN_AGENCY', where, { agency: line.agency }, { agency: line.agency }),
        );
        continue;
      }
      const entry = idx.byCode.get(line.item);
      if (!entry) {
        findings.push(
          finding(
            'ROUND_APPRAISAL_UNKNOWN_ITEM',
            where,
            { agency: line.agency, item: line.item, set: idx.ref },
            { agency: line.agency, criterion: line.item },
          ),
        );
        continue;
      }
      const key = `${line.agency}\u0000${line.item}`;
      const dup = seen.get(key);
      if (dup !== undefined) {
        findings.push(
          finding(
            'ROUND_APPRAISAL_DUPLICATE',
            where,
            { agency: line.agency, item: line.item, firstRow: dup },
            { agency: line.agency, criterion: line.item },
          ),
        );
        continue;
      }
      seen.set(key, line.row);
      if (line.points === undefined) continue;
      const max = Rational.fromNumber(entry.item.max);
      if (line.points.lt(Rational.ZERO) || line.points.gt(max)) {
        findings.push(
          finding(
            'ROUND_APPRAISAL_OUT_OF_RANGE',
            where,
            { agency: line.agency, item: line.item, value: line.points.toExact(), max: max.toExact() },
            { agency: line.agency, criterion: line.item },
          ),
        );
        continue;
      }
      const byItem = values.get(line.agency) ?? new Map<string, AppraisalValue>();
      const before = byItem.get(line.item)?.points ?? ctx.selfPoints(line.agency, line.item);
      // A workbook pre-filled with the current points gives them back as a decimal of a binary
      // double (90/47 as 1.9148936170212767): left as it was, it keeps the exact value.
      const points =
        before !== undefined && Math.abs(before.toNumber() - line.points.toNumber()) < 1e-9 ? before : line.points;
      const changed = before === undefined || !before.eq(points);
      if (changed && line.reason === '') {
        findings.push(
          finding(
            'ROUND_APPRAISAL_NO_REASON',
            where,
            { agency: line.agency, item: line.item, value: line.points.toExact() },
            { agency: line.agency, criterion: line.item },
          ),
        );
        continue;
      }
      byItem.set(line.item, { points, reason: line.reason, file: line.file, round: order });
      values.set(line.agency, byItem);
      if (changed)
        changes.push({
          agency: line.agency,
          item: line.item,
          ...(before !== undefined ? { from: ctx.num(line.agency, before) } : {}),
          to: ctx.num(line.agency, points),
          reason: line.reason,
          file: line.file,
          order,
          cell: line.cell,
        });
    }
  });
  return { values, changes, findings };
}
