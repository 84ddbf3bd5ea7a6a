/** parindex as a library: every stage's public functions and types, for tests and other programs. */
export { Rational, q, type RoundingMode } from './core/rational.js';
export { cleanText, looseKey, codeKey, stripDiacritics } from './core/text.js';
export { writeFileAtomic, writeFileAtomicSync, writeViaTemp } from './core/fs.js';
export * from './findings/finding.js';
export * from './findings/errors.js';
export { messages, findingCodes, renderFinding, renderMessage, renderLocation, severityLabel, defaultSeverity, type Lang } from './messages/index.js';
export * from './criteria/schema.js';
export * from './criteria/tree.js';
export { checkCriteriaSet } from './criteria/check.js';
export { loadCriteriaFile, loadCriteriaSet, listCriteriaFiles, resolveCriteriaRef, BUNDLED_CRITERIA_DIR, type LoadedCriteria } from './criteria/load.js';
export { describeRule, ruleKindLabel } from './criteria/describe.js';
export { findBand } from './criteria/bands.js';
export { criteriaJsonSchema } from './criteria/json-schema.js';
export type { Submission, ItemInput, CellLocation, InputField } from './validate/submission.js';
export { runCli } from './cli/program.js';
export { TOOL_NAME, TOOL_VERSION } from './version.js';
export type * from './score/types.js';
export type * from './rank/types.js';
