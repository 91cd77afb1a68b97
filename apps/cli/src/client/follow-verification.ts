import type { VerificationJson } from '@attune/core/api/responses';
import type { CoordinatorClient } from './coordinator-client';
import { sleep } from './watch-study';

export interface FollowVerificationOptions {
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
  /** Called when the count of measurements taken changes. */
  readonly onProgress: (v: VerificationJson) => void;
}

/**
 * Polls the study's latest verification until it is no longer RUNNING and
 * resolves with it; undefined when `signal` aborted first.
 */
export async function followVerification(client: CoordinatorClient, studyId: string, options: FollowVerificationOptions): Promise<VerificationJson | undefined> {
  let shown = -1;
  while (!options.signal?.aborted) {
    const v = await client.getVerification(studyId);
    if (v.progress.taken !== shown) {
      shown = v.progress.taken;
      options.onProgress(v);
    }
    if (v.state !== 'RUNNING') return v;
    await sleep(options.intervalMs ?? 1000, options.signal);
  }
  return undefined;
}
