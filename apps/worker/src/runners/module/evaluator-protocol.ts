import type { Params } from '@attune/core/search-space/parameter';
import type { ReportedStep } from '@attune/targets/step-checker';

/**
 * Worker -> evaluator process. A tagged union, sent with Node's structured-clone
 * serialization (NaN and nested values survive).
 */
export type ToEvaluator =
  /** Sent once, first: the objective to load. */
  | { readonly type: 'load'; readonly file: string; readonly exportName?: string }
  /**
   * Evaluate `params`. With `steps`, the objective's `report` checks each
   * step (a bare number is `metric`) and sends it back, at most `limit` of
   * them; without, `report` does nothing.
   */
  | { readonly type: 'evaluate'; readonly id: number; readonly params: Params; readonly steps?: { readonly metric: string; readonly limit: number } }
  /** Abort the signal of evaluation `id` (the trial was cancelled): a cooperative objective returns, and its process is kept. */
  | { readonly type: 'abort'; readonly id: number; readonly reason: string };

/** Evaluator process -> worker. */
export type FromEvaluator =
  | { readonly type: 'ready' }
  | { readonly type: 'load-error'; readonly message: string }
  /** A step evaluation `id` reported, checked; `step-refused` one that broke the rules, with the reason. */
  | { readonly type: 'step'; readonly id: number; readonly step: ReportedStep }
  | { readonly type: 'step-refused'; readonly id: number; readonly problem: string }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: string }
  /** An uncaught exception or rejection: the process exits right after. */
  | { readonly type: 'crashed'; readonly error: string };
