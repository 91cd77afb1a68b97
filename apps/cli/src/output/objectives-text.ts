import type { BaselineTrial, Improvement, StudyObjectives, StudySummary } from '@attune/core/api/responses';
import { formatParams, formatValue } from './format';

/** `+20.0%`: an improvement over the baseline as a percent, positive = better. */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent > 0 ? '+' : ''}${Math.abs(percent) >= 1000 ? percent.toExponential(2) : percent.toFixed(1)}%`;
}

/** `p99 +20.0%, rps -3.1%, score +12.0%`: a trial's improvement per metric, then for the score. */
export function formatImprovement(improvement: Improvement | undefined): string {
  if (!improvement) return '-';
  const terms = Object.entries(improvement.perMetric).map(([metric, ratio]) => `${metric} ${formatPercent(ratio)}`);
  if (improvement.score !== undefined) terms.push(`score ${formatPercent(improvement.score)}`);
  return terms.length > 0 ? terms.join(', ') : '-';
}

/** `p99=8, mem=80` */
export function formatMetrics(metrics: Readonly<Record<string, unknown>> | undefined): string {
  if (!metrics || Object.keys(metrics).length === 0) return '-';
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatValue(v) : JSON.stringify(v)}`)
    .join(', ');
}

/** The objective as `study show` prints it: one line, then a line per composite term. */
export function objectiveLines(s: StudySummary): string[] {
  const o = s.objectives;
  if (!o) return [s.objective ?? `${s.direction} ${s.metric}`];
  switch (o.kind) {
    case 'single':
      return [`${o.objectives[0].direction} ${o.objectives[0].metric}`];
    case 'composite':
      return ['composite score (lower is better) of', ...o.objectives.map((t) => `  ${t.direction} ${t.metric}, weight ${formatValue(t.weight ?? 1)}`)];
    case 'pareto':
      return [`pareto front of ${o.objectives.map((t) => `${t.direction} ${t.metric}`).join(', ')}`];
  }
}

/** `mem <= 100, cpu in [0.1, 0.9]` */
export function formatConstraints(constraints: StudyObjectives['constraints']): string {
  if (!constraints || constraints.length === 0) return '-';
  return constraints
    .map((c) => (c.min !== undefined && c.max !== undefined ? `${c.metric} in [${formatValue(c.min)}, ${formatValue(c.max)}]` : c.max !== undefined ? `${c.metric} <= ${formatValue(c.max)}` : `${c.metric} >= ${formatValue(c.min)}`))
    .join(', ');
}

/** `3 repeats (median) after 1 warm-up` */
export function formatMeasurement(m: StudyObjectives['measurement']): string {
  const repeats = m.repeats === 1 ? 'measured once' : `${m.repeats} repeats (${m.aggregate})`;
  return m.warmup > 0 ? `${repeats} after ${m.warmup} warm-up${m.warmup === 1 ? '' : 's'}` : repeats;
}

/** The baseline as the spec gives it and, once the study has one, its trial and metrics. */
export function formatBaseline(spec: StudyObjectives['baseline'], trial: BaselineTrial | undefined, order: readonly string[]): string {
  if (spec === undefined) return '-';
  const source = spec === true ? "the parameters' defaults" : formatParams(spec.params, order);
  if (!trial) return `${source} (not measured yet)`;
  const measured = trial.state === 'COMPLETE' ? formatMetrics(trial.metrics) : trial.state;
  return `#${trial.number} ${measured}  (${source})`;
}
