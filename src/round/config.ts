/**
 * A round is a folder with a `round.yaml`: name, year, criteria per agency kind, and the paths
 * of the roster, submissions, appraisal files, survey data and last year's result. Paths are
 * relative to the round folder and may not leave it (nor point outside it through a link).
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { DataFileError, readDataFile, type DataFile } from '../core/yaml.js';
import { parseWithFindings } from '../findings/zod.js';
import { InputError } from '../findings/errors.js';
import { finding, type Finding } from '../findings/finding.js';
import { stageFindings } from './stages.js';

const RelPath = z.string().min(1).describe('A path relative to the round folder.');

export const RoundConfig = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(1).describe('Round file format version.'),
    name: z.string().min(1).describe('Name of the round, e.g. "Chỉ số CCHC năm 2025 của các sở và UBND xã".'),
    year: z.number().int().min(2000).max(2100).describe('Assessment year (the calendar year assessed).'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('Date printed on reports (ISO). Reports never read the clock; default 31/12 of the year.'),
    criteria: z
      .record(z.string(), z.string().min(1))
      .describe('Criteria set per agency kind: kind → "id@version" (bundled) or a path to a criteria file.'),
    criteriaDir: RelPath.optional().describe('A folder of local criteria sets (criteria/<id>/<version>.yaml).'),
    roster: RelPath.describe('Roster of agencies (CSV or XLSX): code, name, kind, group, region.'),
    submissions: z.union([RelPath, z.array(RelPath)]).describe('Folder(s) or files of self-scoring submissions.'),
    appraisal: z
      .array(RelPath)
      .default([])
      .describe(
        'Appraisal workbooks in the order they apply; a later file overrides an earlier one (rounds of appraisal).',
      ),
    stages: z
      .array(
        z.strictObject({
          appraisal: z
            .array(RelPath)
            .min(1)
            .optional()
            .describe('Appraisal workbooks (or folders of them, one file per agency) of this round of appraisal.'),
          explanation: z
            .array(RelPath)
            .min(1)
            .optional()
            .describe("Agencies' explanation workbooks (or folders of them) answering the appraisal rounds before."),
          deadline: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
            .describe('Last day (ISO) of this stage; rows dated later are reported.'),
        }),
      )
      .optional()
      .describe('The appraisal loop in order: appraisal, explanation, appraisal again… Use instead of `appraisal`.'),
    survey: z
      .strictObject({
        points: z.array(RelPath).default([]).describe('Tables of agency × survey item → satisfaction share or points.'),
        sipas: z
          .strictObject({
            questionnaire: z.string().min(1).describe('Questionnaire "id@version" or path.'),
            answers: z.array(RelPath).min(1).describe('Raw answer files (CSV or XLSX), one row per respondent.'),
            weights: z.string().optional().describe('Column holding respondent weights.'),
            previous: RelPath.optional().describe(
              "Last year's SIPAS result (sipas.json) or published SIPAS table (.xlsx, .csv), for the changes " +
                '`parindex sipas --round` shows; merged units follow `merged`.',
            ),
            map: z
              .record(z.string().min(1), z.string().min(1))
              .default({})
              .describe(
                'Survey item code → questionnaire measure ("sipas", a domain id, or "domain.element"); ' +
                  'overrides the measure named in the criteria set.',
              ),
          })
          .optional()
          .describe('Raw SIPAS answers; survey items whose rule names a measure take their share from them.'),
        missing: z
          .enum(['warning', 'error'])
          .default('warning')
          .describe(
            'A survey item with no data for an agency (scored 0): a warning, ' +
              'or an error that blocks scoring (as --strict does).',
          ),
      })
      .default({ points: [], missing: 'warning' })
      .describe('Survey inputs.'),
    previous: RelPath.optional().describe(
      "Last year's result.json, or its published ranking table (.xlsx or .csv), for changes in index and rank.",
    ),
    merged: z
      .strictObject({
        compare: z
          .enum(['none', 'mean', 'weighted'])
          .default('none')
          .describe('How an agency with several predecessors (roster column "Tiền thân") is compared.'),
        weights: z
          .record(z.string().min(1), z.record(z.string().min(1), z.number().positive()))
          .default({})
          .describe('For "weighted": agency code → predecessor code → weight (e.g. population).'),
      })
      .default({ compare: 'none', weights: {} })
      .describe('Merged agencies: not compared ("mới, hợp nhất từ …"), or against their predecessors’ mean.'),
    weightsAlt: RelPath.optional().describe(
      'Alternative field maxima (a YAML file: maxima: {field: max}), for the sensitivity of ranks to weights.',
    ),
    crosswalk: RelPath.optional().describe('Crosswalk of item codes between last year’s criteria and this year’s.'),
    missingSubmission: z
      .enum(['report', 'zero'])
      .default('report')
      .describe('An agency in the roster with no submission: report it and leave it unranked, or score it as zero.'),
    groups: z
      .array(
        z.strictObject({
          id: z.string().min(1),
          title: z.strictObject({ vi: z.string().min(1), en: z.string().min(1).optional() }),
        }),
      )
      .optional()
      .describe('Order and titles of the ranking groups; groups not listed follow in roster order.'),
  })
  .describe('A scoring round, format 1.');
export type RoundConfig = z.infer<typeof RoundConfig>;

/** A loaded round: its folder, config and any findings about the round file itself. */
export interface LoadedRound {
  dir: string;
  file: string;
  config?: RoundConfig;
  findings: Finding[];
}

/** Reads `<dir>/round.yaml` (or a round file path). Throws `InputError` when it cannot be read. */
export function loadRoundConfig(dirOrFile: string): LoadedRound {
  const file =
    dirOrFile.endsWith('.yaml') || dirOrFile.endsWith('.yml') || dirOrFile.endsWith('.json')
      ? dirOrFile
      : join(dirOrFile, 'round.yaml');
  const dir = resolve(file, '..');
  let df: DataFile;
  try {
    df = readDataFile(file, file, 1024 * 1024);
  } catch (e) {
    if (e instanceof DataFileError) throw new InputError(e.text, e.notFound ? 'ROUND_NOT_FOUND' : 'ROUND_UNREADABLE');
    throw e;
  }
  const { value, findings } = parseWithFindings(RoundConfig, df.data, file, df.lineOf, {
    shape: 'ROUND_SHAPE',
    unknownKey: 'ROUND_UNKNOWN_KEY',
  });
  if (!value) return { dir, file, findings };
  findings.push(...stageFindings(value, file, (path) => lineAt(df.lineOf, path)));
  for (const { path, rel } of roundPaths(value)) {
    const problem = checkRoundPath(dir, rel);
    if (problem) findings.push(finding(problem, { file, path, ...lineAt(df.lineOf, path) }, { path: rel }));
  }
  return { dir, file, config: value, findings };
}

function lineAt(lineOf: (p: string) => number | undefined, path: string): { line?: number } {
  const line = lineOf(path);
  return line === undefined ? {} : { line };
}

/** Every path the round names, with its place in the file. */
function roundPaths(c: RoundConfig): { path: string; rel: string }[] {
  const out: { path: string; rel: string }[] = [{ path: 'roster', rel: c.roster }];
  const subs = Array.isArray(c.submissions) ? c.submissions : [c.submissions];
  subs.forEach((s, i) => out.push({ path: Array.isArray(c.submissions) ? `submissions.${i}` : 'submissions', rel: s }));
  c.appraisal.forEach((a, i) => out.push({ path: `appraisal.${i}`, rel: a }));
  c.stages?.forEach((s, i) => {
    s.appraisal?.forEach((a, j) => out.push({ path: `stages.${i}.appraisal.${j}`, rel: a }));
    s.explanation?.forEach((a, j) => out.push({ path: `stages.${i}.explanation.${j}`, rel: a }));
  });
  c.survey.points.forEach((p, i) => out.push({ path: `survey.points.${i}`, rel: p }));
  c.survey.sipas?.answers.forEach((p, i) => out.push({ path: `survey.sipas.answers.${i}`, rel: p }));
  if (c.survey.sipas?.previous) out.push({ path: 'survey.sipas.previous', rel: c.survey.sipas.previous });
  if (c.previous) out.push({ path: 'previous', rel: c.previous });
  if (c.crosswalk) out.push({ path: 'crosswalk', rel: c.crosswalk });
  if (c.weightsAlt) out.push({ path: 'weightsAlt', rel: c.weightsAlt });
  if (c.criteriaDir) out.push({ path: 'criteriaDir', rel: c.criteriaDir });
  for (const [kind, ref] of Object.entries(c.criteria))
    if (!isCriteriaRef(ref)) out.push({ path: `criteria.${kind}`, rel: ref });
  if (c.survey.sipas && !isCriteriaRef(c.survey.sipas.questionnaire))
    out.push({ path: 'survey.sipas.questionnaire', rel: c.survey.sipas.questionnaire });
  return out;
}

/** Whether a criteria or questionnaire reference is `id@version` (a bundled or criteriaDir file), not a round path. */
export function isCriteriaRef(ref: string): boolean {
  return /^[a-z0-9][a-z0-9-]*@[0-9A-Za-z][0-9A-Za-z.-]*$/.test(ref);
}

/**
 * Why a round path is refused, or undefined when it is fine: absolute, leaving the folder,
 * missing, or resolving (through a link) outside the folder.
 */
export function checkRoundPath(dir: string, rel: string): 'ROUND_PATH_ESCAPES' | 'ROUND_PATH_MISSING' | undefined {
  if (isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel)) return 'ROUND_PATH_ESCAPES';
  const norm = normalize(rel);
  if (norm === '..' || norm.startsWith('..' + sep) || norm.startsWith('../')) return 'ROUND_PATH_ESCAPES';
  const full = join(dir, norm);
  if (!existsSync(full)) return 'ROUND_PATH_MISSING';
  const realDir = realpathSync(dir);
  const real = realpathSync(full);
  const back = relative(realDir, real);
  if (back.startsWith('..') || isAbsolute(back)) return 'ROUND_PATH_ESCAPES';
  return undefined;
}

/** Absolute path of a checked round path. */
export function roundPath(round: LoadedRound, rel: string): string {
  return join(round.dir, normalize(rel));
}
