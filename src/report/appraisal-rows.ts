/**
 * The appraisal workbook of a round: a round run in (its roster, sets and submissions), the xlsx
 * buffer out, one row per agency × self-scored item, in roster and tree order.
 */
import type { CriteriaIndex } from '../criteria/tree.js';
import { textIn } from '../criteria/tree.js';
import type { Lang } from '../messages/types.js';
import type { RoundConfig } from '../round/config.js';
import type { RosterAgency } from '../round/roster.js';
import { inputsIn } from '../score/detail.js';
import { ruleOutcome } from '../score/rules.js';
import type { Submission } from '../validate/submission.js';
import { renderAppraisalTemplate, type AppraisalRow } from './appraisal-template.js';

/** What the workbook is made from: the parts of a round run it reads. */
export interface AppraisalSource {
  round: { config?: RoundConfig | undefined };
  roster: readonly RosterAgency[];
  sets: ReadonlyMap<string, CriteriaIndex>;
  submissions: ReadonlyMap<string, Submission>;
}

export async function appraisalWorkbook(run: AppraisalSource, lang: Lang): Promise<Buffer> {
  const cfg = run.round.config!;
  const rows: AppraisalRow[] = [];
  for (const a of run.roster) {
    const idx = run.sets.get(a.kind);
    if (!idx) continue;
    const sub = run.submissions.get(a.code);
    const inputs = new Map(sub?.items.map((i) => [i.code, i]) ?? []);
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
            ? lang === 'vi'
              ? 'Không áp dụng'
              : 'Not applicable'
            : inputsIn(item, input, lang)
          : '',
        evidence: input?.evidence ?? '',
        explanation: input?.explanation ?? '',
      };
      if (outcome) row.selfPoints = outcome.points.toRoundedNumber(2);
      rows.push(row);
    }
  }
  return renderAppraisalTemplate(rows, {
    roundName: cfg.name,
    year: cfg.year,
    date: new Date(`${cfg.date ?? `${cfg.year}-12-31`}T00:00:00Z`),
    lang,
  });
}
