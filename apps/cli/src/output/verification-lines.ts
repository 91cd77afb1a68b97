import type { ComparisonJson, VerificationJson } from '@attune/core/api/responses';
import { formatParams } from './format';

/** `+7.0% [+2.1%, +11.9%] p=0.003 (welch)`: an improvement as a reader weighs it. */
export function comparisonText(c: ComparisonJson): string {
  const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? 'unbounded' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`);
  const p = c.p < 0.001 ? c.p.toExponential(1) : c.p.toFixed(3);
  return `${pct(c.improvement.estimate)} [${pct(c.improvement.low)}, ${pct(c.improvement.high)}] p=${p} (${c.test === 'rank' ? 'rank test' : "Welch's t"})`;
}

/** What a verification found, in lines: its state, the winner and whether it is significantly better, each metric's comparison. */
export function verificationLines(v: VerificationJson): string[] {
  if (v.state === 'RUNNING') return [`verification: running, ${v.progress.taken}/${v.progress.total} measured`];
  if (!v.report) return [`verification: ${v.state}${v.error ? `: ${v.error}` : ''}`];
  return [...reportLines(v.report), candidatesLine(v)];
}

/** Which trials were re-measured, and how they were chosen. */
function candidatesLine(v: VerificationJson): string {
  const trials = v.candidates.filter((n) => n !== v.report?.baselineTrial).map((n) => `#${n}`).join(', ');
  const how = v.options.candidatesBy === 'posterior-mean' ? "the best by a GP's posterior mean over the whole history, not by their own measurements" : 'the best measured';
  return `  candidates ${trials}: ${how}`;
}

/** A verification's report (from the API, or the in-process engine's `verificationReport`) in lines; `order` puts the winner's parameters in the spec's order. */
export function reportLines(report: NonNullable<VerificationJson['report']> | { readonly problem: string }, order?: readonly string[]): string[] {
  if ('problem' in report) return [`verification: not done: ${report.problem}`];
  const lines: string[] = [];
  const winner = report.winner ?? report.front?.[0];
  const judged = report.candidates.find((c) => c.trial === winner);
  const verdict = report.significant ? 'significantly better than the baseline' : 'NOT significantly better than the baseline';
  const front = report.front ? ` (front after re-measuring: ${report.front.map((n) => `#${n}`).join(', ')})` : '';
  lines.push(`verification: winner #${winner ?? '-'}, ${verdict}${front}; ${report.measured} re-measurements${report.failed > 0 ? `, ${report.failed} failed` : ''}, baseline #${report.baselineTrial}`);
  if (report.reason) lines.push(`  ${report.reason}`);
  if (judged?.comparison) lines.push(`  score:   ${comparisonText(judged.comparison)}`);
  for (const [metric, c] of Object.entries(judged?.perMetric ?? {})) lines.push(`  ${metric}: ${comparisonText(c)}${c.note ? `  (${c.note})` : ''}`);
  if (order && report.winnerParams) lines.push(`  ${formatParams(report.winnerParams, order)}`);
  return lines;
}
