import type { StudyDetail } from '@attune/core/api/responses';
import type { CoordinatorClient } from './coordinator-client';
import { watchStudy } from './watch-study';
import type { StudyProgress } from '../output/study-progress';

export interface FollowOptions {
  /** Least time between two refreshes of the progress. @default 500 */
  readonly intervalMs?: number;
  /** How long the coordinator may be unreachable (a restart) before following gives up. @default 60000 */
  readonly outageMs?: number;
  /** Stops following (Ctrl-C); the study itself keeps running. */
  readonly signal?: AbortSignal;
}

/**
 * Follows a study's event stream until it ends, refreshing `progress` from
 * the study's summary when events arrive (at most once per interval).
 * Resolves with the final summary, or undefined when `signal` aborted first.
 */
export async function followStudy(
  client: CoordinatorClient,
  id: string,
  progress: StudyProgress,
  options: FollowOptions = {},
): Promise<StudyDetail | undefined> {
  const refresher = new SummaryRefresher(client, id, progress, options.intervalMs ?? 500);
  try {
    refresher.request();
    let end;
    try {
      end = await watchStudy(client, id, () => refresher.request(), { outageMs: options.outageMs, signal: options.signal });
    } finally {
      await refresher.stop();
    }
    if (!end) return undefined;
    const final = await client.getStudy(id);
    progress.finish(final);
    return final;
  } finally {
    // Interrupted or failed: the terminal is left as it was found (a no-op after finish).
    progress.abandon();
  }
}

/** Fetches the summary for the progress view: at most one request at a time and one per interval; failures wait for the next event. */
class SummaryRefresher {
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<void> = Promise.resolve();
  private lastAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly client: CoordinatorClient,
    private readonly id: string,
    private readonly progress: StudyProgress,
    private readonly intervalMs: number,
  ) {}

  request(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => this.run(), Math.max(0, this.lastAt + this.intervalMs - Date.now()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private run(): void {
    this.timer = undefined;
    this.lastAt = Date.now();
    this.inFlight = this.inFlight
      .then(() => this.client.getStudy(this.id))
      .then((study) => {
        if (!this.stopped && study.state === 'RUNNING') this.progress.update(study);
      })
      .catch(() => undefined);
  }
}
