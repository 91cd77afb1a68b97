import { CoordinatorUnreachableError, type CoordinatorClient } from './coordinator-client';
import type { StudySummary } from './api-types';
import type { StudyProgress } from '../output/study-progress';

export interface FollowOptions {
  /** Time between two polls of the study. @default 500 */
  readonly intervalMs?: number;
  /** How long the coordinator may be unreachable (a restart) before following gives up. @default 60000 */
  readonly outageMs?: number;
  /** Stops following (Ctrl-C); the study itself keeps running. */
  readonly signal?: AbortSignal;
}

/**
 * Polls a study until it leaves RUNNING, feeding each summary to `progress`.
 * Resolves with the final summary, or undefined when `signal` aborted first.
 */
export async function followStudy(
  client: CoordinatorClient,
  id: string,
  progress: StudyProgress,
  options: FollowOptions = {},
): Promise<StudySummary | undefined> {
  const intervalMs = options.intervalMs ?? 500;
  const outageMs = options.outageMs ?? 60_000;
  let unreachableSince: number | undefined;
  while (!options.signal?.aborted) {
    let study: StudySummary;
    try {
      study = await client.getStudy(id);
      unreachableSince = undefined;
    } catch (e) {
      if (!(e instanceof CoordinatorUnreachableError)) throw e;
      unreachableSince ??= Date.now();
      if (Date.now() - unreachableSince > outageMs) throw e;
      await sleep(intervalMs, options.signal);
      continue;
    }
    if (study.state !== 'RUNNING') {
      progress.finish(study);
      return study;
    }
    progress.update(study);
    await sleep(intervalMs, options.signal);
  }
  return undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
