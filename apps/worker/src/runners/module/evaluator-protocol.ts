import type { Params } from '@attune/core/search-space/parameter';

/**
 * Worker -> evaluator process. A tagged union, sent with Node's structured-clone
 * serialization (NaN and nested values survive), so that further messages
 * (intermediate reports, a cooperative abort) can be added beside these.
 */
export type ToEvaluator =
  /** Sent once, first: the objective to load. */
  | { readonly type: 'load'; readonly file: string; readonly exportName?: string }
  | { readonly type: 'evaluate'; readonly id: number; readonly params: Params };

/** Evaluator process -> worker. */
export type FromEvaluator =
  | { readonly type: 'ready' }
  | { readonly type: 'load-error'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: string }
  /** An uncaught exception or rejection: the process exits right after. */
  | { readonly type: 'crashed'; readonly error: string };
