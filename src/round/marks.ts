/**
 * What a published ranking must say about an agency besides its figures: survey items that had
 * no data (scored 0), and errors still open in its inputs when it was scored with
 * --allow-incomplete. Findings and counts in, nothing rendered here.
 */
import { appliesWithAncestors, type CriteriaIndex } from '../criteria/tree.js';
import { finding, type Finding, type FindingLocation, type Severity } from '../findings/finding.js';
import type { SurveyValue } from '../score/types.js';
import type { Submission } from '../validate/submission.js';
import type { RosterAgency } from './roster.js';

/**
 * A finding for each agency × survey item with no survey data (methodology §1.3 (b): survey
 * items take their points from the survey; without it they score 0, which must not pass unseen).
 * `severity` is round.yaml's `survey.missing`. Only agencies that are scored (`scored`): one that sent
 * nothing is not scored and already has its own finding, and a roster of 100,000 such agencies
 * must not produce a million findings about them.
 */
export function missingSurveyFindings(
  roster: readonly RosterAgency[],
  sets: ReadonlyMap<string, CriteriaIndex>,
  survey: ReadonlyMap<string, ReadonlyMap<string, SurveyValue>>,
  at: FindingLocation,
  severity: Severity,
  scored: (code: string) => boolean,
): Finding[] {
  const out: Finding[] = [];
  for (const a of roster) {
    if (!scored(a.code)) continue;
    const idx = sets.get(a.kind);
    if (!idx) continue;
    const got = survey.get(a.code);
    for (const e of idx.items) {
      const item = e.item;
      if (item.source !== 'survey' && item.rule.kind !== 'survey') continue;
      if (!appliesWithAncestors(idx, item.code, a.kind)) continue;
      const v = got?.get(item.code);
      if (v && (v.points !== undefined || v.share !== undefined)) continue;
      out.push(
        finding(
          'ROUND_SURVEY_MISSING',
          at,
          { item: item.code, agency: a.code, name: a.name },
          { agency: a.code, criterion: item.code, severity },
        ),
      );
    }
  }
  return out;
}

/**
 * Errors per agency: findings of severity error about it (its code), or in the file it sent when
 * the finding names no agency.
 */
export function openErrorsByAgency(
  findings: readonly Finding[],
  submissions: ReadonlyMap<string, Submission>,
): Map<string, number> {
  const byFile = new Map<string, string[]>();
  for (const [code, s] of submissions) byFile.set(s.file, [...(byFile.get(s.file) ?? []), code]);
  const out = new Map<string, number>();
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const codes =
      f.agency !== undefined ? [f.agency] : f.location.file !== undefined ? (byFile.get(f.location.file) ?? []) : [];
    // A file of several agencies (long CSV) with a finding that names none: it is not one agency's.
    if (f.agency === undefined && codes.length !== 1) continue;
    for (const c of codes) out.set(c, (out.get(c) ?? 0) + 1);
  }
  return out;
}
