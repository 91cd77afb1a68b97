import type { Params } from '@attune/core/search-space/parameter';
import type { ReportedStep } from '@attune/targets/step-checker';

/**
 * Where a running evaluation's steps go. Runners check each step where it is
 * reported (StepChecker) and hand over the accepted ones and the reasons of
 * the refused ones, in the order reported.
 */
export interface StepSink {
  /** The study's objective metric: what a step's bare number reports. */
  readonly metric: string;
  accept(step: ReportedStep): void;
  refuse(problem: string): void;
}

/** One evaluation to run on a target. */
export interface EvaluationRequest {
  readonly trialId: string;
  readonly trialNumber: number;
  readonly params: Params;
  /** The evaluation is killed after this long and reported TIMED_OUT. */
  readonly timeoutMs: number;
  /** Aborted when the worker shuts down or the coordinator cancels the trial: the runner kills the evaluation and throws EvaluationInterruptedError. */
  readonly signal?: AbortSignal;
  /** Where the steps the evaluation reports go; absent, they are not read (only a trial's first counted measurement reports them). */
  readonly steps?: StepSink;
}

/**
 * How a run ended, before its metrics are checked. `output` carries what the
 * evaluation produced (undefined: nothing usable) and `shown`, how to quote it.
 */
export type RunOutcome =
  | { readonly kind: 'output'; readonly raw: unknown; readonly shown?: string }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'timed-out'; readonly error: string };

/** Runs evaluations of one declared target. */
export interface TargetRunner {
  readonly target: string;
  /** The target's cap on job timeouts, if it declares one. */
  readonly timeoutSec?: number;
  /** Prepares the runner; fails fast when the target cannot work (a module that does not load). */
  start(): Promise<void>;
  /** Evaluation failures come back as outcomes; only an interruption or a broken runner throws. */
  run(request: EvaluationRequest): Promise<RunOutcome>;
  close(): Promise<void>;
}
