import type { VerificationJson, VerifiedComparison } from '../client/api-types';
import { writeLine, type OutputStream } from '../cli-io';
import { formatMeasured, formatParamValue, orderedParams } from './format';
import { formatPercent } from './objectives-text';

/** `+38.2% [+30.1%, +46.0%] p=1.2e-4 (welch)`: an improvement over the baseline with its 95% interval and test. */
export function formatComparison(c: VerifiedComparison): string {
  const end = (x: number | null, unbounded: string) => (x === null ? unbounded : formatPercent(x));
  const p = c.p < 0.001 ? c.p.toExponential(1) : c.p.toFixed(3);
  return `${formatPercent(c.improvement.estimate)} [${end(c.improvement.low, '-∞')}, ${end(c.improvement.high, '+∞')}] p=${p} (${c.test})`;
}

/**
 * A finished verification for people: the winner picked by its
 * re-measurements, whether it is significantly better than the baseline,
 * its improvement (score and each objective metric) with interval and
 * p-value, its configuration, and how the other candidates fared.
 */
export function printVerification(out: OutputStream, v: VerificationJson, order: readonly string[]): void {
  const report = v.report;
  if (!report || 'problem' in report) {
    writeLine(out, `verification ${v.state}: ${report && 'problem' in report ? report.problem : (v.error ?? 'no report')}`);
    return;
  }
  const metrics = (m: Record<string, number>) => Object.entries(m).map(([k, x]) => `${k} ${formatMeasured(x)}`).join(', ');
  writeLine(out, `verification: ${report.measured} measurements (${report.failed} failed), the baseline (trial #${report.baselineTrial}) and ${report.candidates.length} candidates, interleaved`);
  writeLine(out, `  baseline re-measured: ${metrics(report.baseline.metrics)}`);
  const winner = report.candidates.find((c) => c.trial === report.winner);
  if (!winner) {
    writeLine(out, `no winner: ${report.reason ?? 'no candidate could be judged'}`);
    return;
  }
  writeLine(out, report.significant ? `verified winner: trial #${winner.trial}, significantly better than the baseline` : `winner: trial #${winner.trial}, NOT significantly better than the baseline`);
  if (winner.comparison) writeLine(out, `  score      ${formatComparison(winner.comparison)}`);
  for (const [metric, c] of Object.entries(winner.perMetric)) writeLine(out, `  ${metric.padEnd(10)} ${formatComparison(c)}`);
  for (const [name, value] of orderedParams(report.winnerParams ?? {}, order)) writeLine(out, `  ${name} = ${formatParamValue(value)}`);
  for (const other of report.candidates.filter((c) => c !== winner)) {
    writeLine(out, `  also re-measured: trial #${other.trial} ${other.comparison ? `score ${formatComparison(other.comparison)}` : (other.reason ?? '')}`);
  }
}
