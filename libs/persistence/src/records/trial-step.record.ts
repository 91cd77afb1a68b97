import type { TrialState } from '@attune/core/trial/trial-state';

/** One intermediate value of a trial as the rest of the system sees it (see TrialStepEntity). */
export interface TrialStepRecord {
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** When the target reported it. */
  readonly reportedAt: Date;
}

/** A step to store, as a worker posted it. */
export interface NewTrialStep {
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly reportedAt: Date;
}

/** What storing a batch of a trial's steps did. */
export interface StoredSteps {
  /** The trial exists in the study named; nothing is stored otherwise. */
  readonly known: boolean;
  /** The trial's state when the steps were stored (absent for an unknown trial). */
  readonly state?: TrialState;
  /** The steps stored now, in rising order; a step stored before (a replay) is not among them. */
  readonly inserted: readonly TrialStepRecord[];
}

/** What a cache of a study's steps needs to know of a trial to tell whether its copy is complete. */
export interface TrialStepState {
  readonly id: string;
  readonly number: number;
  readonly state: TrialState;
  /** The objective as the user reads it, on COMPLETE (and PRUNED) trials. */
  readonly value?: number;
  readonly lastStep?: number;
  /** How many steps of the trial are stored. */
  readonly stepCount: number;
}

/** One step's value of one metric (the objective), of some trial. */
export interface MetricStep {
  readonly trialId: string;
  readonly step: number;
  /** Absent when the step did not report the metric. */
  readonly value?: number;
}

/** A trial's curve of one metric: `values[i]` at `steps[i]`. */
export interface TrialCurveRecord {
  readonly number: number;
  readonly state: TrialState;
  readonly steps: readonly number[];
  readonly values: readonly number[];
}
