import type { StudyEvent } from '@attune/core/events/study-event';
import type { VerificationReport } from '@attune/core/verification/verification-report';
import { finiteOrUndefined } from '@attune/core/verification/finite-interval';

type Report = Exclude<VerificationReport, { problem: string }>;

/**
 * The event of a finished verification: `verified` when its winner is
 * significantly better than the baseline, `no-significant-improvement`
 * (with why) when it is not; either carries the winner's improvement, its
 * interval and the p-value of the test used.
 */
export function verdictEvent(verificationId: string, report: Report): StudyEvent {
  const winner = report.winner ?? report.front?.[0] ?? report.candidates[0]?.trial ?? report.baselineTrial;
  const judged = report.candidates.find((c) => c.trial === winner)?.comparison;
  const figures = judged
    ? { improvement: judged.improvement.estimate, ...(finiteOrUndefined(judged.improvement) && { interval: finiteOrUndefined(judged.improvement)! }), pValue: judged.p }
    : {};
  const params = report.winnerParams ?? {};
  if (report.significant) return { kind: 'verified', verificationId, number: winner, params: { ...params }, ...figures };
  const reason = report.reason ?? (judged ? `trial ${winner} is not significantly better than the baseline (p = ${judged.p.toPrecision(2)}, test ${judged.test})` : `trial ${winner} could not be compared with the baseline`);
  return { kind: 'no-significant-improvement', verificationId, number: winner, params: { ...params }, ...figures, reason };
}
