/**
 * The appraisal workbook of a round: a round run in (its roster, sets, submissions and result), the
 * xlsx buffer out, one row per agency × self-scored item, in roster and tree order, carrying forward every
 * earlier stage of the loop (each round's points and reason, each
 * explanation and its added evidence) and pre-filled with the points so far.
 */
import { Rational } from '../core/rational.js';
import type { CriteriaIndex } from '../criteria/tree.js';
import { textIn } from '../criteria/tree.js';
import type { Lang } from '../messages/types.js';
import type { ItemResult, RoundResult } from '../result/schema.js';
import type { RoundConfig } from '../round/config.js';
import type { RosterAgency } from '../round/roster.js';
import { loopStages } from '../round/stages.js';
import { inputsIn } from '../score/detail.js';
import { ruleOutcome } from '../score/rules.js';
import type { Submission } from '../validate/submission.js';
import { renderAppraisalTemplate, type AppraisalRow, type EarlierColumn } from './appraisal-template.js';

/** What the workbook is made from: the parts of a round run it reads (the result carries the loop so far). */
export interface AppraisalSource {
  round: { config?: RoundConfig | undefined };
  roster: readonly RosterAgency[];
  sets: ReadonlyMap<string, CriteriaIndex>;
  submissions: ReadonlyMap<string, Submission>;
  result?: RoundResult | undefined;
}

/** Options of `appraisalWorkbook`. */
export interface AppraisalWorkbookOptions {
  /** Only these agencies (one file per agency); all by default. */
  agencies?: readonly string[];
}

export async function appraisalWorkbook(
  run: AppraisalSource,
  lang: Lang,
  opts: AppraisalWorkbookOptions = {},
): Promise<Buffer> {
  const cfg = run.round.config!;
  const stages = loopStages(cfg);
  const vi = lang === 'vi';
  // The earlier stages' columns: a round's points and reason, an explanation and its evidence.
  const earlier: EarlierColumn[] = [];
  for (const s of stages) {
    if (s.kind === 'appraisal') {
      earlier.push({ header: { vi: `Lần ${s.number}: điểm`, en: `Round ${s.number}: points` }, kind: 'points' });
      earlier.push({ header: { vi: `Lần ${s.number}: lý do`, en: `Round ${s.number}: reason` }, kind: 'text' });
    } else {
      earlier.push({
        header: { vi: `Giải trình sau lần ${s.number}`, en: `Explanation after round ${s.number}` },
        kind: 'text',
      });
      earlier.push({
        header: { vi: `Tài liệu bổ sung sau lần ${s.number}`, en: `Evidence added after round ${s.number}` },
        kind: 'text',
      });
    }
  }
  const resultItems = new Map(
    (run.result?.agencies ?? []).map((a) => [a.code, new Map(a.items.map((i) => [i.code, i]))]),
  );
  const only = opts.agencies ? new Set(opts.agencies) : undefined;
  const rows: AppraisalRow[] = [];
  for (const a of run.roster) {
    if (only && !only.has(a.code)) continue;
    const idx = run.sets.get(a.kind);
    if (!idx) continue;
    const sub = run.submissions.get(a.code);
    const inputs = new Map(sub?.items.map((i) => [i.code, i]) ?? []);
    const results = resultItems.get(a.code);
    for (const e of idx.items) {
      const item = e.item;
      if (item.source === 'survey' || item.rule.kind === 'survey') continue;
      const input = inputs.get(item.code);
      if (!input && !sub) continue;
      const outcome = input ? ruleOutcome(item, input) : undefined;
      const row: AppraisalRow = {
        agencyCode: a.code,
        agencyName: a.name,
        group: a.group,
        itemCode: item.code,
        title: textIn(item.title, lang),
        max: item.max,
        selfInputs: input
          ? input.notApplicable
            ? vi
              ? 'Không áp dụng'
              : 'Not applicable'
            : inputsIn(item, input, lang)
          : '',
        evidence: input?.evidence ?? '',
        explanation: input?.explanation ?? '',
      };
      if (outcome) row.selfPoints = outcome.points.toRoundedNumber(2);
      const r = results?.get(item.code);
      const current = r?.appraised ?? r?.self ?? outcome?.points;
      if (current !== undefined) row.current = current instanceof Rational ? current.toNumber() : exactNumber(current);
      if (r?.history) row.earlier = earlierValues(stages, r);
      rows.push(row);
    }
  }
  const appraisalRounds = stages.filter((s) => s.kind === 'appraisal').length;
  const agency = opts.agencies?.length === 1 ? run.roster.find((x) => x.code === opts.agencies![0]) : undefined;
  return renderAppraisalTemplate(rows, {
    roundName: cfg.name,
    year: cfg.year,
    date: new Date(`${cfg.date ?? `${cfg.year}-12-31`}T00:00:00Z`),
    lang,
    earlier,
    round: appraisalRounds + 1,
    ...(agency ? { agency: `${agency.name} (${agency.code})` } : {}),
  });
}

/** An item's earlier steps laid out in the stages' columns (two per stage). */
function earlierValues(stages: ReturnType<typeof loopStages>, r: ItemResult): (number | string | undefined)[] {
  const out: (number | string | undefined)[] = [];
  for (const s of stages) {
    const step = r.history?.find((h) => h.step === s.kind && h.round === s.number);
    if (s.kind === 'appraisal') out.push(step?.points ? exactNumber(step.points) : undefined, step?.reason);
    else out.push(step?.reply, step?.evidence);
  }
  return out;
}

function exactNumber(n: { exact: string; value: number }): number {
  return Rational.fromExact(n.exact)?.toNumber() ?? n.value;
}
