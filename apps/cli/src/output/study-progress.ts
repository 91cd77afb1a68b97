import { SingleBar } from 'cli-progress';
import { finishedCount, type StudySummary } from '../client/api-types';
import { writeLine, type OutputStream } from '../cli-io';
import { formatValue } from './format';

/** Shows how a followed study advances. `finish` is called once, with the final summary. */
export interface StudyProgress {
  update(study: StudySummary): void;
  finish(study: StudySummary): void;
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
  if (options.stream.isTTY) return new ProgressBarView(options.stream as NodeJS.WritableStream);
  if (options.json) return { update: () => undefined, finish: () => undefined };
  return new PlainLinesView(options.stream, options.intervalMs ?? 2000, options.now ?? Date.now);
}

/** `12/30 trials finished, 1 failed, 4 running, best 0.512`: one line of progress. */
export function progressLine(study: StudySummary): string {
  const t = study.trials;
  const best = study.best ? formatValue(study.best.value) : '-';
  return `${study.name}: ${finishedCount(t)}/${study.budget.maxTrials} trials finished, ${t.failed} failed, ${t.running} running, best ${best}`;
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

  private emit(line: string): void {
    writeLine(this.stream, line);
    this.lastLine = line;
    this.lastAt = this.now();
  }
}

class ProgressBarView implements StudyProgress {
  private bar?: SingleBar;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  update(study: StudySummary): void {
    const payload = {
      name: study.name,
      failed: study.trials.failed,
      running: study.trials.running,
      best: study.best ? formatValue(study.best.value) : '-',
    };
    const value = finishedCount(study.trials);
    if (!this.bar) {
      this.bar = new SingleBar({
        stream: this.stream,
        format: '{name} [{bar}] {value}/{total} trials | {running} running | {failed} failed | best {best}',
        hideCursor: true,
        barsize: 30,
      });
      this.bar.start(study.budget.maxTrials, value, payload);
    } else {
      this.bar.setTotal(Math.max(study.budget.maxTrials, value));
      this.bar.update(value, payload);
    }
  }

  finish(study: StudySummary): void {
    this.update(study);
    this.bar?.stop();
  }
}
