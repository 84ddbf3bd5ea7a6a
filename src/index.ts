/** parindex as a library: every stage's public functions and types, for tests and other programs. */
export { Rational, q, type RoundingMode } from './core/rational.js';
export { cleanText, looseKey, codeKey, stripDiacritics } from './core/text.js';
export { writeFileAtomic, writeFileAtomicSync, writeViaTemp } from './core/fs.js';
export * from './findings/finding.js';
export * from './findings/errors.js';
export {
  messages,
  findingCodes,
  renderFinding,
  renderMessage,
  renderLocation,
  severityLabel,
  defaultSeverity,
  type Lang,
} from './messages/index.js';
export * from './criteria/schema.js';
export * from './criteria/tree.js';
export { checkCriteriaSet } from './criteria/check.js';
export {
  loadCriteriaFile,
  loadCriteriaSet,
  listCriteriaFiles,
  resolveCriteriaRef,
  BUNDLED_CRITERIA_DIR,
  type LoadedCriteria,
} from './criteria/load.js';
export { describeRule, ruleKindLabel } from './criteria/describe.js';
export { findBand } from './criteria/bands.js';
export { criteriaJsonSchema } from './criteria/json-schema.js';
export type { Submission, ItemInput, CellLocation, InputField } from './validate/submission.js';
export { runCli } from './cli/program.js';
export { TOOL_NAME, TOOL_VERSION } from './version.js';
export type * from './score/types.js';
export type * from './rank/types.js';
export { scoreAgency, formatIndex, percentOf } from './score/score.js';
export { rankAgencies, decimalsApart, type RankingRules } from './rank/rank.js';
export { gapList, type ItemGap } from './rank/gap.js';
export { validateFiles, collectFiles } from './pipeline/check-files.js';
export type { ValidationReport, FileReport } from './validate/types.js';
export { ValidateJsonSchema, type ValidateJson } from './report/validate-report.js';
export { ruleOutcome, rawOutcome } from './score/rules.js';
export { checkSelfScores, SELF_CHECKS, type SelfCheckRule } from './score/check-self.js';
export { itemDetail, inputsIn } from './score/detail.js';
export { runRound, type RoundRun, type RunOptions } from './pipeline/run-round.js';
export { explainFile, type FileExplained } from './pipeline/explain-file.js';
export type { StepResult, RoundInput } from './pipeline/steps.js';
export { RoundResult } from './result/schema.js';
export { buildRoundResult, newResultCache, type ResultCache } from './pipeline/build-result.js';
export { renderTemplateXlsx, templateRows } from './intake/template.js';
export { renderTemplateCsv } from './intake/template-csv.js';
export { readResultFile } from './result/read.js';
export { renderXlsxReport, scorecardLayout, sheetName, SCORECARD_SHEETS_MAX } from './report/xlsx-report.js';
export { renderHtmlReport, HTML_DETAIL_MAX } from './report/html-report.js';
export { renderCsvReport } from './report/csv-report.js';
export { renderReport, writeReports, reportFormatOf, type ReportFormat } from './report/write-report.js';
export { Questionnaire } from './criteria/questionnaire-schema.js';
export { loadQuestionnaire, indexQuestionnaire, type QuestionnaireIndex } from './criteria/questionnaire.js';
export { checkQuestionnaire } from './criteria/questionnaire-check.js';
export { exactIndices, weightedMean, measureIndex, readWeight, type SipasUnit } from './score/sipas.js';
export { rankSipasUnits } from './rank/sipas.js';
export type { SipasResult } from './result/sipas.js';
export { runSipas, type SipasOptions } from './pipeline/run-sipas.js';
export { renderSipasText, renderSipasXlsx } from './report/sipas-report.js';
export { makeSurveyTemplate } from './pipeline/survey-template.js';
export { loadColumnDeclarations, type ColumnDeclarations } from './criteria/column-map.js';
