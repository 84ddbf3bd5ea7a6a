/**
 * The questionnaire format, version 1: a SIPAS-style satisfaction survey as data. Domains
 * (policies, administrative services) hold elements (access, procedures, …) which hold questions.
 * The answer scale, what counts as satisfied, what counts as no answer, the minimum sample and
 * every weight are declared here, because the official aggregation is not public
 * (../shared/reference/sipas-methodology.md §3.2): nothing about it is hard-coded.
 */
import { z } from 'zod';
import { Provenance, Text } from './schema.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and "-"');
const Weight = z
  .number()
  .positive()
  .max(1_000_000)
  .describe('A positive weight; weights are relative (1, 1 is the same as 50, 50).');

export const ScaleLevel = z.strictObject({
  code: z
    .union([z.number().int().min(0).max(100), z.string().regex(/^[A-Za-z0-9]{1,8}$/)])
    .describe('The code written in answer files, e.g. 1 … 5, or a letter such as "A".'),
  label: Text.describe(
    'The label, e.g. "Hài lòng"; answer files may use it instead of the code, with or without diacritics.',
  ),
  aliases: z.array(z.string().min(1)).default([]).describe('Other spellings accepted for this level.'),
  score: z
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .describe(
      'Score of this answer in percent of the item (A 100, B 60, C 20, D 0); when the levels have scores, ' +
        'an item is the mean score.',
    ),
});

const LevelCode = z.union([z.number().int(), z.string().min(1)]);

export const Scale = z
  .strictObject({
    levels: z.array(ScaleLevel).min(2).describe('The answer levels, e.g. 1 "Rất không hài lòng" … 5 "Rất hài lòng".'),
    satisfied: z
      .array(LevelCode)
      .default([])
      .describe('Codes that count as satisfied, e.g. [4, 5]; an item is then the share satisfied.'),
    noAnswer: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Answers that mean "no opinion" (e.g. "Không có ý kiến"): left out of the valid answers, like a ' +
          'blank, and not a finding.',
      ),
  })
  .describe('An answer scale: its levels and the rule of an item (share satisfied, or mean score).');
export type Scale = z.infer<typeof Scale>;

const ScaleRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .describe('Name of a scale under "scales"; the questionnaire\'s "scale" when not given.');

export const Question = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
    .describe('Question code; an answer file column headed with this code, the text or an alias is its answers.'),
  text: Text.describe('The question as asked; a column headed with it (numbering such as "Câu 9.1." aside) matches.'),
  aliases: z
    .array(z.string().min(1))
    .default([])
    .describe('Other column headers for this question, e.g. a web form\'s field name "question91".'),
  scale: ScaleRef.optional(),
});
export type Question = z.infer<typeof Question>;

export const Element = z.strictObject({
  id: Id.describe('Element id, unique in its domain, e.g. "access".'),
  title: Text,
  weight: Weight.optional().describe(
    'Weight of the element in its domain; equal when no element of the domain has one.',
  ),
  scale: ScaleRef.optional(),
  questions: z.array(Question).min(1),
});
export type Element = z.infer<typeof Element>;

export const Domain = z.strictObject({
  id: Id.describe('Domain id, e.g. "services" or "policies".'),
  title: Text,
  weight: Weight.optional().describe('Weight of the domain in the overall index; equal when no domain has one.'),
  scale: ScaleRef.optional(),
  elements: z.array(Element).min(1),
});
export type Domain = z.infer<typeof Domain>;

export const Questionnaire = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(1).describe('Format version of this file.'),
    kind: z.literal('questionnaire').describe('Marks a questionnaire among the criteria files.'),
    id: Id.describe('Questionnaire id, e.g. "sipas-illustrative".'),
    version: z
      .string()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.-]*$/)
      .describe('Version; a published version is never edited in place.'),
    title: Text,
    illustrative: z.boolean().default(false).describe('True when the questions or weights are made up for examples.'),
    provenance: Provenance.optional(),
    scale: Scale.describe('The answer scale of every question that names no other.'),
    scales: z
      .record(ScaleRef, Scale)
      .default({})
      .describe('Other scales by name (e.g. "abcd"), for domains, elements or questions that name one.'),
    minSample: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('An agency with fewer respondents gets a warning (its index is still computed).'),
    domains: z.array(Domain).min(1),
  })
  .describe('parindex questionnaire, format 1.');
export type Questionnaire = z.infer<typeof Questionnaire>;
