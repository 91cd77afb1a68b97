import type { VerificationJson, VerificationReportJson } from '@attune/core/api/responses';
import type { VerificationMeasurementRecord, VerificationRecord } from '@attune/persistence/records/verification.record';

/**
 * A verification as the API shows it: its options and progress, each
 * re-measurement taken, and the report once done. Infinite interval ends
 * (an improvement the data cannot bound) are written as null, which JSON
 * would make of them anyway; the report's `note` says why.
 */
export function toVerificationJson(v: VerificationRecord, taken: readonly VerificationMeasurementRecord[]): VerificationJson {
  return {
    id: v.id,
    studyId: v.studyId,
    state: v.state,
    options: v.options,
    progress: { taken: Math.min(v.nextSeq, v.plan.length), total: v.plan.length },
    candidates: [...new Set(v.plan.map((p) => p.trialNumber))],
    measurements: taken.map((m) => ({
      seq: m.seq,
      trialNumber: m.trialNumber,
      state: m.state,
      ...(m.metrics && { metrics: m.metrics }),
      ...(m.error !== undefined && { error: m.error }),
      ...(m.durationMs !== undefined && { durationMs: m.durationMs }),
      ...(m.workerId !== undefined && { workerId: m.workerId }),
    })),
    // Stored as JSON by the runner from `verificationReport`'s verdict, so it reads back as the contract's report (nulls for infinities).
    ...(v.report && { report: v.report as VerificationReportJson }),
    ...(v.error !== undefined && { error: v.error }),
    createdAt: v.createdAt.toISOString(),
    ...(v.endedAt && { endedAt: v.endedAt.toISOString() }),
  };
}
