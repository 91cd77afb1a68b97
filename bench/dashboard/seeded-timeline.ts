import type { Rng } from '@attune/core/random/rng';

/** When one trial was proposed, taken and finished, and by which worker (ms from the study's start). */
export interface TrialTimes {
  readonly createdMs: number;
  readonly startedMs: number;
  /** Each measurement's start and length, in order; empty for a trial that failed before measuring. */
  readonly measurements: readonly { readonly startedMs: number; readonly durationMs: number }[];
  readonly endedMs: number;
  readonly workerId: string;
}

/** Two workers of concurrency parallelism / 2, as `attune worker` names itself (host:pid). */
const WORKERS = ['tuner-a:41873', 'tuner-b:41902'];

/**
 * The clock of a run with `parallelism` trials in flight: each trial is
 * proposed when a slot frees (a tick and a proposal later), taken from the
 * queue shortly after, and measured `repeats` times one after another; a
 * failed one ends part-way with no measurement. The baseline, when there is
 * one, runs alone first (the driver proposes nothing before it ends).
 */
export class SeededTimeline {
  private readonly free: number[];

  constructor(
    private readonly parallelism: number,
    private readonly rng: Rng,
  ) {
    this.free = Array.from({ length: parallelism }, () => 0);
  }

  /** The next trial's times, in the first slot to free up. */
  next(repeats: number, failed: boolean): TrialTimes {
    const slot = this.free.indexOf(Math.min(...this.free));
    const createdMs = this.free[slot] + 40 + 80 * this.rng.float();
    const startedMs = createdMs + 5 + 55 * this.rng.float();
    const measurements: { startedMs: number; durationMs: number }[] = [];
    let at = startedMs + 20;
    if (!failed) {
      for (let r = 0; r < repeats; r++) {
        const durationMs = 2000 + 800 * this.rng.float();
        measurements.push({ startedMs: at, durationMs });
        at += durationMs + 30;
      }
    } else at += 500 + 3000 * this.rng.float();
    const endedMs = at + 10;
    this.free[slot] = endedMs;
    const workerId = WORKERS[Math.floor((slot * WORKERS.length) / this.parallelism)];
    return { createdMs, startedMs, measurements, endedMs, workerId };
  }

  /** Every slot waits until now (after the baseline). */
  barrier(): void {
    const latest = Math.max(...this.free);
    this.free.fill(latest);
  }
}
