/**
 * SIPAS alone: answer files and a questionnaire come in, the SIPAS result goes out. The same stages
 * as a round, composed for the survey: read each answer file (load) → tally its rows (score) →
 * indices per unit → rank → result.
 */
import { rankSipasUnits } from '../rank/sipas.js';
import { buildSipasResult, type SipasInput, type SipasResult } from '../result/sipas.js';
import {
  addFinding,
  finishTally,
  indicesOf,
  isAnswerHeader,
  mapColumns,
  scoreUnits,
  startTally,
  tallyRows,
  type SipasFindings,
  type SipasTally,
  type TallyOptions,
} from '../score/sipas.js';
import { layoutCounter } from '../score/sipas-layouts.js';
import { basename } from 'node:path';
import { codeKey } from '../core/text.js';
import { finding } from '../findings/finding.js';
import { DEFAULT_READ_OPTIONS, hashFile, openAnswerFile } from '../load/index.js';

export interface SipasOptions extends TallyOptions {
  /** The agency of files without an agency column (one file per agency). */
  agency?: string;
  /** Files without an agency column are the agency their name begins with ("SNV.xlsx", "SNV_phieu.csv"). */
  agencyFromFileName?: boolean;
  /** Titles of the ranking blocks in the round's order (round.yaml `groups`). */
  groupTitles?: ReadonlyMap<string, { vi: string; en?: string | undefined }>;
}

/** The agency a file's name names: a roster code among its words, or without a roster its first word. */
export function agencyOfFileName(
  display: string,
  roster: ReadonlyMap<string, string | undefined> | undefined,
): string | undefined {
  const stem = basename(display).replace(/\.[^.]*$/, '');
  const words = stem.split(/[\s_]+/).filter((w) => w !== '');
  if (!roster) return words[0];
  const codes = new Map([...roster.keys()].map((c) => [codeKey(c), c]));
  for (const w of words) {
    const hit = codes.get(codeKey(w));
    if (hit) return hit;
  }
  return undefined;
}

/** Computes SIPAS from answer files (paths as given, and how to show them). */
export async function runSipas(
  files: readonly { path: string; display: string }[],
  opts: SipasOptions,
): Promise<SipasResult> {
  const qi = opts.questionnaire;
  const findings: SipasFindings = { list: [], counts: {} };
  const tally = startTally(opts, findings);
  const inputs: SipasInput[] = [];
  for (const file of files) {
    const input = await tallyFile(tally, file, opts);
    if (input) inputs.push(input);
  }
  const { units: counts, pooled } = finishTally(tally);
  const units = scoreUnits(counts, qi, opts.roster, findings, tally.by === 'agency' ? opts.unitGroups : undefined);
  rankSipasUnits(units);
  const overall = indicesOf(pooled, qi);
  const groups = opts.groupTitles ? [...opts.groupTitles].map(([id, title]) => ({ id, title })) : undefined;
  return buildSipasResult({
    questionnaire: qi,
    by: tally.by,
    weights: opts.weights,
    inputs,
    overall,
    units,
    findings,
    ...(groups ? { groups } : {}),
  });
}

/**
 * One answer file: open it, map its header, count its rows. Gives what was read (for the result's
 * inputs), or nothing when the file could not be read as a table (its findings say why).
 */
async function tallyFile(
  tally: SipasTally,
  { path, display }: { path: string; display: string },
  opts: SipasOptions,
): Promise<SipasInput | undefined> {
  const isHeader = (cells: string[]): boolean => isAnswerHeader(cells, opts);
  const opened = await openAnswerFile(path, display, opts.read ?? DEFAULT_READ_OPTIONS, isHeader);
  for (const f of opened.findings) if (f.code !== 'INTAKE_CSV_DIALECT') addFinding(tally.findings, f);
  const a = opened.answers;
  if (!a) return undefined;
  const where = { file: display, sheet: a.sheet, ...(a.headerRow ? { row: a.headerRow } : {}) };
  let mapped = mapColumns(a.header, where, opts);
  const noAgency = (m: typeof mapped): boolean => m.findings.some((f) => f.code === 'SIPAS_AGENCY_COLUMN_MISSING');
  if (opts.agency === undefined && opts.agencyFromFileName && noAgency(mapped)) {
    const agency = agencyOfFileName(display, opts.roster);
    if (agency !== undefined) mapped = mapColumns(a.header, where, { ...opts, agency });
    else
      mapped.findings = mapped.findings.map((f) =>
        f.code === 'SIPAS_AGENCY_COLUMN_MISSING'
          ? finding('SIPAS_FILE_AGENCY_UNKNOWN', { file: display }, { file: display })
          : f,
      );
  }
  for (const f of mapped.findings) addFinding(tally.findings, f);
  // A file without the columns to count is still an input, with no rows read.
  const counted = mapped.columns
    ? await tallyRows(tally, a, mapped.columns, display, layoutCounter(mapped.columns))
    : { rows: 0, respondents: 0 };
  const sha256 = a.sha256() ?? (await hashFile(path));
  return {
    file: display,
    sha256,
    ...counted,
    ...(a.sheet ? { sheet: a.sheet } : {}),
    ...(a.dialect ? { dialect: a.dialect } : {}),
  };
}
