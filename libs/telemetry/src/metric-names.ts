/**
 * Every metric Attune records, in one place: name, description, unit and (for
 * histograms) bucket boundaries. Names are already in Prometheus form
 * (snake_case, the unit in the name), so they read the same over OTLP and on
 * /metrics; the Prometheus exporter adds `_total` to counters, and
 * `_bucket`/`_sum`/`_count` to histograms.
 */
export interface MetricDefinition {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** Histograms only: the upper bounds of the buckets. */
  readonly buckets?: readonly number[];
}

/** Seconds, from a fast module evaluation to an hour-long benchmark. */
const DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
/** Seconds, from a random proposal to a GP fit on a long history. */
const PROPOSAL_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The coordinator's metrics (attributes: study_id and target on trial counts; target on histograms and gauges; strategy on proposals). */
export const COORDINATOR_METRICS = {
  trialsStarted: {
    name: 'attune_trials_started',
    description: 'Trials that a worker started evaluating, counted by the coordinator that recorded the start (by study_id and target).',
    unit: '{trial}',
  },
  trialsFinished: {
    name: 'attune_trials_finished',
    description: 'Trials that ended, by study_id, target and outcome (COMPLETE, FAILED, TIMED_OUT, PRUNED), counted by the coordinator that recorded the end.',
    unit: '{trial}',
  },
  evaluationDuration: {
    name: 'attune_trial_evaluation_duration_seconds',
    description: "Time from a trial's start on a worker to its recorded end, by target and outcome.",
    unit: 's',
    buckets: DURATION_BUCKETS_S,
  },
  queueWait: {
    name: 'attune_trial_queue_wait_seconds',
    description: 'Time a trial waited in its queue, from its creation to its start on a worker, by target (recorded when the trial ends).',
    unit: 's',
    buckets: DURATION_BUCKETS_S,
  },
  trialsInFlight: {
    name: 'attune_trials_in_flight',
    description: "Evaluation jobs being evaluated by workers now (BullMQ's active jobs), by target.",
    unit: '{job}',
  },
  queueDepth: {
    name: 'attune_queue_depth',
    description: 'Evaluation jobs waiting for a worker (waiting, prioritized and delayed in BullMQ), by target.',
    unit: '{job}',
  },
  proposalDuration: {
    name: 'attune_proposal_duration_seconds',
    description: "Time a strategy took to propose a batch of trials (in the proposal threads), by strategy.",
    unit: 's',
    buckets: PROPOSAL_BUCKETS_S,
  },
  bestValue: {
    name: 'attune_study_best_value',
    description: "The objective value of a study's best trial so far (from its new-best events), by study_id.",
    unit: '1',
  },
} as const satisfies Record<string, MetricDefinition>;

/** A worker's metrics (attributes: target; outcome on evaluations). */
export const WORKER_METRICS = {
  evaluations: {
    name: 'attune_worker_evaluations',
    description: 'Evaluations this worker ended, by target and outcome (COMPLETE, FAILED, TIMED_OUT, cancelled, interrupted).',
    unit: '{evaluation}',
  },
  evaluationDuration: {
    name: 'attune_worker_evaluation_duration_seconds',
    description: 'Time this worker spent on an evaluation (every measurement of it), by target and outcome.',
    unit: 's',
    buckets: DURATION_BUCKETS_S,
  },
  evaluationsInFlight: {
    name: 'attune_worker_evaluations_in_flight',
    description: 'Evaluations running on this worker now, by target.',
    unit: '{evaluation}',
  },
} as const satisfies Record<string, MetricDefinition>;
