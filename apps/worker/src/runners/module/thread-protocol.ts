import type { Params } from '@attune/core/search-space/parameter';

/** What an evaluation thread is started with. */
export interface ThreadData {
  /** Absolute path of the objective module. */
  readonly file: string;
  readonly exportName?: string;
}

/** Main thread -> evaluation thread: evaluate these params. */
export interface ThreadRequest {
  readonly id: number;
  readonly params: Params;
}

/** Evaluation thread -> main thread. */
export type ThreadReply =
  | { readonly type: 'ready' }
  | { readonly type: 'load-error'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: string };
