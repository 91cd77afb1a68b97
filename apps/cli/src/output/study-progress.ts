import { plural } from '@attune/core/text/plural';
import { finishedCount, type StudySummary } from '@attune/core/api/responses';
import { writeLine, type OutputStream } from '../cli-io';
import { formatValue } from './format';
import { progressBarLine, type ProgressBarState } from './progress-bar-line';

/** Shows how a followed study advances. `finish` is called once with the final summary, or `abandon` when following stops early. */
export interface StudyProgress {
  update(study: StudySummary): void;
  finish(study: StudySummary): void;
  /** Stops showing progress (Ctrl-C) and leaves the terminal as it found it. */
  abandon(): void;
}

export interface StudyProgressOptions {
  /** Where progress goes (stderr): a live bar on a TTY, plain lines otherwise. */
  readonly stream: OutputStream;
  /** With --json and no TTY, progress is silent so that logs stay machine-readable. */
  readonly json: boolean;
  /** Least time between two plain lines. @default 2000 */
  readonly intervalMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

/** Picks the renderer for the stream: live bar, periodic lines, or nothing. */
export function createStudyProgress(options: StudyProgressOptions): StudyProgress {
  const now = options.now ?? Date.now;
  if (options.stream.isTTY) return new ProgressBarView(options.stream, now);
  if (options.json) return { update: () => undefined, finish: () => undefined, abandon: () => undefined };
  return new PlainLinesView(options.stream, options.intervalMs ?? 2000, now);
}

/** `12/30 trials finished, 1 failed, 4 running, best 0.512`: one line of progress. */
export function progressLine(study: StudySummary): string {
  const t = study.trials;
  const best = study.best ? formatValue(study.best.value) : '-';
  return `${study.name}: ${finishedCount(t)}/${plural(study.budget.maxTrials, 'trial')} finished, ${t.failed} failed, ${t.pruned > 0 ? `${t.pruned} pruned, ` : ''}${t.running} running, best ${best}`;
}

/** What the bar shows, with the time since the study was created and the time left at that rate. */
export function barState(study: StudySummary, now: number): ProgressBarState {
  const finished = finishedCount(study.trials);
  const total = Math.max(study.budget.maxTrials, finished);
  const elapsedMs = Math.max(0, now - Date.parse(study.createdAt));
  return {
    name: study.name,
    finished,
    total,
    running: study.trials.running,
    failed: study.trials.failed,
    best: study.best ? formatValue(study.best.value) : '-',
    elapsedMs,
    etaMs: finished > 0 ? (elapsedMs * (total - finished)) / finished : undefined,
  };
}

/** Non-TTY output: a plain line when progress changed and the interval passed, and always the last one. */
export class PlainLinesView implements StudyProgress {
  private lastLine = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stream: OutputStream,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  update(study: StudySummary): void {
    const line = progressLine(study);
    if (line === this.lastLine || this.now() - this.lastAt < this.intervalMs) return;
    this.emit(line);
  }

  finish(study: StudySummary): void {
    const line = progressLine(study);
    if (line !== this.lastLine) this.emit(line);
  }

  abandon(): void {}

  private emit(line: string): void {
    writeLine(this.stream, line);
    this.lastLine = line;
    this.lastAt = this.now();
  }
}

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const CLEAR_TO_END = '\u001b[K';
// The elapsed time and ETA move on between refreshes.
const TICK_MS = 1000;

/**
 * The live bar on a TTY: one line redrawn in place, cut to the terminal's
 * width as it is at each draw (so line wrap never needs turning off), the
 * cursor hidden while it shows. `finish`, `abandon` and the process's exit
 * show the cursor again, whichever comes first.
 */
export class ProgressBarView implements StudyProgress {
  private last?: StudySummary;
  private timer?: NodeJS.Timeout;
  private readonly restore = () => this.stop();

  constructor(
    private readonly stream: OutputStream,
    private readonly now: () => number,
  ) {}

  update(study: StudySummary): void {
    this.last = study;
    if (!this.timer) {
      this.stream.write(HIDE_CURSOR);
      process.once('exit', this.restore);
      this.timer = setInterval(() => this.draw(), TICK_MS);
      this.timer.unref();
    }
    this.draw();
  }

  finish(study: StudySummary): void {
    this.update(study);
    this.stop();
  }

  abandon(): void {
    this.stop();
  }

  private draw(): void {
    if (!this.last) return;
    const line = progressBarLine(barState(this.last, this.now()), this.stream.columns ?? 80);
    this.stream.write(`\r${line}${CLEAR_TO_END}`);
  }

  private stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    process.removeListener('exit', this.restore);
    this.stream.write(`\n${SHOW_CURSOR}`);
  }
}
