import type { ReportedStep } from '@attune/targets/step-checker';
import type { StepSink } from '../runners/target-runner';
import type { WorkerLog } from '../worker-log';
import type { TrialStepStream } from './step-publisher';

/**
 * Where the steps of a trial's first counted measurement go: accepted ones
 * to the trial's step stream; refused ones are counted, the first logged with
 * its reason, and all summed up in the trial's note. A wrong report is the
 * target's mistake, not the trial's failure: the evaluation goes on, and
 * both the worker's log and `attune study trials` show what was wrong.
 */
export class StepRecorder implements StepSink {
  private refused = 0;
  private firstProblem?: string;

  constructor(
    readonly metric: string,
    private readonly trialId: string,
    private readonly stream: TrialStepStream,
    private readonly log: WorkerLog,
  ) {}

  accept(step: ReportedStep): void {
    this.stream.push(step);
  }

  refuse(problem: string): void {
    if (this.refused++ > 0) return;
    this.firstProblem = problem;
    this.log(`trial ${this.trialId}: ignored a step report: ${problem}`, 'warn', { trial_id: this.trialId });
  }

  /** What the trial's note says of the refused reports; undefined when none was refused. */
  note(): string | undefined {
    if (this.refused === 0) return undefined;
    if (this.refused === 1) return `ignored a step report: ${this.firstProblem}`;
    return `ignored ${this.refused} step reports; the first: ${this.firstProblem}`;
  }

  /** Resolves once the accepted steps are posted: they precede the trial's result. */
  flush(): Promise<void> {
    return this.stream.flush();
  }

  /** The evaluation was interrupted: nothing more is posted. */
  abandon(): void {
    this.stream.stop();
  }
}
