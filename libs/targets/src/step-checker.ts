import { MAX_STEP } from '@attune/core/pruning/pruner-spec.schema';
import { MAX_METRICS } from '@attune/core/trial/metric-limits';
import { metricProblem, type Metrics } from './check-metrics';

/** One intermediate value of a running evaluation, checked. */
export interface ReportedStep {
  readonly step: number;
  readonly metrics: Metrics;
  /** When the target reported it (ISO 8601). */
  readonly at: string;
}

export type StepCheck = { readonly ok: true; readonly step: ReportedStep } | { readonly ok: false; readonly problem: string };

/**
 * Checks the steps one evaluation reports, in the order reported (a module's
 * `report(step, metrics)`, a command's JSON lines with a `step` field). A
 * step is a whole number from 0 to MAX_STEP, above every step accepted
 * before; its metrics are a finite number (the study's objective metric
 * `metric`) or an object of 1 to MAX_METRICS finite numbers under usable
 * names. A report that breaks a rule is refused whole, with the reason, and
 * does not count as the previous step.
 */
export class StepChecker {
  private last = -1;

  constructor(private readonly metric: string) {}

  check(step: unknown, metrics: unknown, at: Date = new Date()): StepCheck {
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > MAX_STEP) {
      return refuse(`the step must be a whole number from 0 to ${MAX_STEP}, got ${show(step)}`);
    }
    if (step <= this.last) return refuse(`step ${step} is not above the previous step ${this.last} (steps must strictly rise)`);
    const checked = this.metricsOf(metrics);
    if (typeof checked === 'string') return refuse(`step ${step}: ${checked}`);
    this.last = step;
    return { ok: true, step: { step, metrics: checked, at: at.toISOString() } };
  }

  /** The metrics, or what is wrong with them. */
  private metricsOf(raw: unknown): Metrics | string {
    if (typeof raw === 'number') {
      const problem = metricProblem(this.metric, raw);
      return problem ?? { [this.metric]: raw };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return `the metrics must be a number (the objective "${this.metric}") or an object of numbers, got ${show(raw)}`;
    }
    const entries = Object.entries(raw);
    if (entries.length === 0) return 'no metrics';
    if (entries.length > MAX_METRICS) return `${entries.length} metrics, more than ${MAX_METRICS}`;
    const metrics: Metrics = {};
    for (const [name, value] of entries) {
      const problem = metricProblem(name, value);
      if (problem) return problem;
      metrics[name] = value as number;
    }
    return metrics;
  }
}

function refuse(problem: string): StepCheck {
  return { ok: false, problem };
}

function show(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length <= 60 ? text : `${text.slice(0, 60)}…`;
  } catch {
    return String(value);
  }
}
