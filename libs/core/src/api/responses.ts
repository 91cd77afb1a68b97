/**
 * The coordinator's REST API responses, as the CLI and the dashboard read
 * them: each a zod schema (the coordinator's OpenAPI document is generated
 * from them, and its mappers are typed by them) with its type. The schemas
 * live by resource beside this file; this module is the one the clients
 * import, and imports nothing that needs Node.
 */
export { STUDY_STATES } from '../study/study-state';
export { TRIAL_STATES, type TrialState as TrialStateName } from '../trial/trial-state';
export { TRIAL_ORIGINS, type TrialOrigin } from '../trial/trial-origin';
export { VERIFICATION_STATES } from '../verification/verification-state';
export { improvementSchema, type Improvement } from './response-primitives';
export { finishedCount } from './finished-count';
export { trialCountsSchema, type TrialCounts } from './trial-counts.schema';
export { BEST_FORMATS, bestAnswerSchema, bestTrialSchema, type BestAnswer, type BestFormat, type BestTrial } from './best.schema';
export { scoreSchema, trialScoreSchema } from './score.schema';
export { enqueuedTrialsSchema, measurementRowSchema, stepRowSchema, trialCurveSchema, trialRowSchema, trialStateSchema, type EnqueuedTrials, type MeasurementRow, type StepRow, type TrialCurve, type TrialRow } from './trial.schema';
export {
  baselineTrialSchema,
  createdStudySchema,
  objectiveTermSchema,
  studyDetailSchema,
  studyObjectivesSchema,
  studyStateSchema,
  studySummarySchema,
  type BaselineTrial,
  type CreatedStudy,
  type ObjectiveTerm,
  type StudyDetail,
  type StudyObjectives,
  type StudyState,
  type StudySummary,
} from './study.schema';
export {
  comparisonJsonSchema,
  improvementJsonSchema,
  verificationJsonSchema,
  verificationReportSchema,
  type ComparisonJson,
  type ImprovementJson,
  type VerificationJson,
  type VerificationReportJson,
} from './verification.schema';
export { importanceJsonSchema, parameterShareJsonSchema, type ImportanceJson, type ParameterShareJson } from './importance.schema';
export { workerRowSchema, type WorkerRow } from './worker.schema';
export { pageSchema, type Page } from './page.schema';
export { apiErrorSchema, type ApiError } from './api-error.schema';
export {
  AUDIT_ACTIONS,
  auditEntrySchema,
  createdTokenSchema,
  projectJsonSchema,
  projectLimitsJsonSchema,
  roleSchema,
  sessionJsonSchema,
  tokenJsonSchema,
  type AuditAction,
  type AuditEntry,
  type CreatedToken,
  type ProjectJson,
  type ProjectLimitsJson,
  type SessionJson,
  type TokenJson,
} from './auth.schema';
