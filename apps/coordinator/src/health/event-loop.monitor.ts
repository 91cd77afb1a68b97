import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** The coordinator's event-loop delay (how late its timers run) over a recent window, as GET /health reports it. */
export interface EventLoopStats {
  /** Seconds the figures cover: between `rotateMs` and twice that once running. */
  readonly windowSec: number;
  readonly delayP50Ms: number;
  readonly delayP99Ms: number;
  readonly delayMaxMs: number;
}

interface Monitor {
  readonly histogram: IntervalHistogram;
  since: number;
}

const NS_PER_MS = 1e6;

/**
 * Measures how late the event loop runs (perf_hooks.monitorEventLoopDelay)
 * over the last few seconds. An event-loop histogram cannot be merged or
 * windowed, so two run side by side and the older is restarted every
 * `rotateMs`: the older one always covers the last `rotateMs` to
 * 2 × `rotateMs`, and its percentiles are exact for that span. Provided by
 * a factory (its constructor takes options, not dependencies).
 */
export class EventLoopMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly monitors: [Monitor, Monitor];
  private timer?: NodeJS.Timeout;

  /**
   * @param rotateMs how often the older histogram restarts (default 5000: figures over the last 5–10 s)
   * @param resolutionMs the sampling timer of monitorEventLoopDelay (default 10)
   */
  constructor(
    private readonly rotateMs = 5000,
    private readonly resolutionMs = 10,
    private readonly now: () => number = Date.now,
  ) {
    const start = this.now();
    this.monitors = [0, 1].map(() => ({ histogram: monitorEventLoopDelay({ resolution: resolutionMs }), since: start })) as [Monitor, Monitor];
  }

  onModuleInit(): void {
    this.start();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  start(): void {
    if (this.timer) return;
    const start = this.now();
    for (const m of this.monitors) {
      m.histogram.reset();
      m.since = start;
      m.histogram.enable();
    }
    this.timer = setInterval(() => this.rotate(), this.rotateMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const m of this.monitors) m.histogram.disable();
  }

  /** Delay percentiles over the older histogram's span; zeros before its first sample. */
  stats(): EventLoopStats {
    const older = this.older();
    const h = older.histogram;
    const windowSec = Math.round((this.now() - older.since) / 100) / 10;
    if (h.count === 0) return { windowSec, delayP50Ms: 0, delayP99Ms: 0, delayMaxMs: 0 };
    // The histogram holds the time between the sampling timer's runs; the delay is what exceeds its period.
    const ms = (ns: number) => Math.round(Math.max(0, ns / NS_PER_MS - this.resolutionMs) * 100) / 100;
    return { windowSec, delayP50Ms: ms(h.percentile(50)), delayP99Ms: ms(h.percentile(99)), delayMaxMs: ms(h.max) };
  }

  /** Restarts the older histogram, so the other one becomes the older. */
  rotate(): void {
    const older = this.older();
    older.histogram.reset();
    older.since = this.now();
  }

  private older(): Monitor {
    const [a, b] = this.monitors;
    return a.since <= b.since ? a : b;
  }
}
