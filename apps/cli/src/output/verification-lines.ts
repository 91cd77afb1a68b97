import { finiteOrUndefined } from '@attune/core/verification/finite-interval';
import type { VerificationReport } from '@attune/core/verification/verification-report';
import { formatParams } from './format';
import { formatPercent } from './objectives-text';

type Report = Exclude<VerificationReport, { problem: string }>;

/**
 * A verification's outcome for people: what was re-measured, then the
 * winner (by its re-measurements) with its improvement over the baseline,
 * the 95% interval and the p-value, said plainly when it is not
 * significant; parameters in `order` (the spec's).
 */
export function verificationLines(report: VerificationReport, order: readonly string[]): string[] {
  if ('problem' in report) return [`verification: not done: ${report.problem}`];
  const arms = `${report.candidates.length} candidate${report.candidates.length === 1 ? '' : 's'} and the baseline (trial #${report.baselineTrial})`;
  const head = `verification: ${arms} re-measured in a seeded interleaved order, ${report.measured} measurements, ${report.failed} failed`;
  if (report.front) return [head, `  front once re-measured: ${report.front.map((n) => `#${n}`).join(', ') || 'none'}; ${report.significant ? 'a member is significantly better than the baseline' : 'no member is significantly better than the baseline'}`];
  if (report.winner === undefined) return [head, `  no winner: ${report.reason ?? 'no candidate could be judged'}`];
  const comparison = report.candidates.find((c) => c.trial === report.winner)?.comparison;
  const figures = comparison ? ` ${comparisonText(comparison)}` : '';
  const verdict = report.significant ? 'significantly better than the baseline' : 'NOT significantly better than the baseline';
  return [head, `  winner #${report.winner}:${figures}: ${verdict}`, `  ${formatParams(report.winnerParams ?? {}, order)}`];
}

/** `+7.0% [+2.1%, +11.9%] p=0.003 (welch)` (`p<0.001` below that): the improvement with its 95% interval, the p-value and the test. */
function comparisonText(c: NonNullable<Report['candidates'][number]['comparison']>): string {
  const interval = finiteOrUndefined(c.improvement);
  const range = interval ? ` [${formatPercent(interval[0])}, ${formatPercent(interval[1])}]` : ' [unbounded]';
  const p = c.p < 0.001 ? 'p<0.001' : `p=${c.p.toFixed(3)}`;
  return `${formatPercent(c.improvement.estimate)}${range} ${p} (${c.test})`;
}
