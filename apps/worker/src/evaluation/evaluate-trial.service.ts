import { AttuneError } from '@attune/core/errors/attune-error';
import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import type { TrialResultJob } from '@attune/queue/trial-result.job';
import { MAX_NOTE_CHARS } from '@attune/core/trial/metric-limits';
import { checkMetrics } from '@attune/targets/check-metrics';
import type { EvaluationRequest, RunOutcome, StepSink, TargetRunner } from '../runners/target-runner';
import { withEvaluationSpan } from './evaluation-span';
import { withMeasurementSpan } from './measurement-span';
import type { ResultPublisher } from './result-publisher';
import type { StepPublisher } from './step-publisher';
import { StepRecorder } from './step-recorder';
import type { WorkerLog } from '../worker-log';

const MAX_ERROR_CHARS = 4000;

/**
 * Evaluates one trial on its target and posts the result. A failing
 * evaluation (a throw, a non-zero exit, a timeout, unusable metrics) is a
 * trial outcome, posted as FAILED or TIMED_OUT; only infrastructure errors
 * (Redis) and EvaluationInterruptedError (shutdown, cancellation) are thrown.
 * The steps the trial's first counted measurement reports are posted as
 * they come (with `steps`), and all of them before the result.
 */
export class EvaluateTrialService {
  constructor(
    private readonly runners: ReadonlyMap<string, TargetRunner>,
    private readonly publisher: ResultPublisher,
    private readonly workerId: string,
    private readonly log: WorkerLog = () => undefined,
    private readonly steps?: StepPublisher,
  ) {}

  /** Returns the posted result, or undefined when one was posted before (a retried job). */
  async evaluate(job: EvaluateTrialJob, signal?: AbortSignal): Promise<TrialResultJob | undefined> {
    const runner = this.runners.get(job.target);
    if (!runner) throw new AttuneError('NOT_FOUND', `target "${job.target}" is not declared in this worker's targets file`);
    if (await this.publisher.has(job.trialId)) return undefined;
    const recorder = this.recorderFor(job);
    let result: TrialResultJob;
    try {
      result = await withEvaluationSpan(job, async () => {
        const started = Date.now();
        const outcome = withStepsNote(await this.run(runner, job, signal, recorder), recorder?.note());
        // Inside the span: the line carries the trial's trace_id, the way from a log store to its trace.
        this.logOutcome(job, outcome, Date.now() - started);
        return outcome;
      });
    } catch (e) {
      recorder?.abandon();
      throw e;
    }
    // The steps first: the coordinator has them all when it records the trial's end.
    await recorder?.flush();
    await this.publisher.publish(result);
    return result;
  }

  /** Where the trial's steps go; none for a verification's re-measurement, which no pruner watches. */
  private recorderFor(job: EvaluateTrialJob): StepRecorder | undefined {
    if (!this.steps || job.verification) return undefined;
    const stream = this.steps.forTrial({ studyId: job.studyId, trialId: job.trialId, target: job.target });
    return new StepRecorder(job.metric, job.trialId, stream, this.log);
  }

  /**
   * Takes the job's measurements in a row (warm-ups first), each with the
   * whole timeout; the first that fails fails the trial, saying which it was.
   */
  private async run(runner: TargetRunner, job: EvaluateTrialJob, signal?: AbortSignal, steps?: StepSink): Promise<TrialResultJob> {
    const startedAt = new Date().toISOString();
    const base = { studyId: job.studyId, trialId: job.trialId, ...(job.verification && { verification: job.verification }), workerId: this.workerId, startedAt };
    const { repeats, warmup } = job.measurement ?? { repeats: 1, warmup: 0 };
    const total = warmup + repeats;
    const measurements: NonNullable<TrialResultJob['measurements']> = [];
    let last: Verdict | undefined;
    for (let repeat = 0; repeat < total; repeat++) {
      const measuredAt = new Date();
      // Only the first counted measurement reports steps: its pruning is decided by the time the others run.
      const measured = { signal, steps: repeat === warmup ? steps : undefined };
      last = await withMeasurementSpan({ repeat, total, warmup }, async () => this.verdict(await this.measureOnce(runner, job, measured), job.required ?? job.metric));
      if (last.outcome !== 'COMPLETE') {
        const which = total > 1 ? `measurement ${repeat + 1} of ${total}${repeat < warmup ? ' (warm-up)' : ''}: ` : '';
        return { ...base, outcome: last.outcome, error: clip(`${which}${last.error}`), finishedAt: new Date().toISOString() };
      }
      measurements.push({ repeat, warmup: repeat < warmup, metrics: last.metrics!, durationMs: Date.now() - measuredAt.getTime(), startedAt: measuredAt.toISOString() });
    }
    return { ...base, ...last!, ...(total > 1 && { measurements }), finishedAt: new Date().toISOString() };
  }

  /** One line per evaluation: a completion at debug (there are many), a failure or a timeout at info, with its reason. */
  private logOutcome(job: EvaluateTrialJob, result: TrialResultJob, durationMs: number): void {
    const fields = { study_id: job.studyId, trial_id: job.trialId, trial_number: job.trialNumber, target: job.target, outcome: result.outcome, duration_ms: durationMs };
    if (result.outcome === 'COMPLETE') this.log(`trial ${job.trialId}: evaluated on ${job.target}, COMPLETE in ${durationMs} ms`, 'debug', fields);
    else this.log(`trial ${job.trialId}: evaluated on ${job.target}, ${result.outcome} after ${durationMs} ms: ${result.error}`, 'info', fields);
  }

  private measureOnce(runner: TargetRunner, job: EvaluateTrialJob, { signal, steps }: Pick<EvaluationRequest, 'signal' | 'steps'>): Promise<RunOutcome> {
    const timeoutSec = Math.min(job.timeoutSec, runner.timeoutSec ?? Infinity);
    return runner.run({ trialId: job.trialId, trialNumber: job.trialNumber, params: job.params, timeoutMs: timeoutSec * 1000, signal, steps });
  }

  private verdict(outcome: RunOutcome, required: string | readonly string[]): Verdict {
    if (outcome.kind === 'timed-out') return { outcome: 'TIMED_OUT', error: clip(outcome.error) };
    if (outcome.kind === 'failed') return { outcome: 'FAILED', error: clip(outcome.error) };
    const check = checkMetrics(outcome.raw, required, outcome.shown);
    if (!check.ok) return { outcome: 'FAILED', error: clip(check.error) };
    return { outcome: 'COMPLETE', metrics: check.metrics, ...(check.note !== undefined && { note: check.note }) };
  }
}

type Verdict = Pick<TrialResultJob, 'outcome' | 'metrics' | 'note' | 'error'>;

/** A COMPLETE result with what the step reports got wrong added to its note. */
function withStepsNote(result: TrialResultJob, stepsNote: string | undefined): TrialResultJob {
  if (stepsNote === undefined || result.outcome !== 'COMPLETE') return result;
  const note = result.note === undefined ? stepsNote : `${result.note}; ${stepsNote}`;
  return { ...result, note: note.length <= MAX_NOTE_CHARS ? note : `${note.slice(0, MAX_NOTE_CHARS - 1)}…` };
}

/** Cut to MAX_ERROR_CHARS, NUL escaped: a program's output may hold one, and PostgreSQL's text cannot. */
function clip(error: string): string {
  const text = error.replaceAll('\u0000', '\\u0000');
  return text.length <= MAX_ERROR_CHARS ? text : `${text.slice(0, MAX_ERROR_CHARS - 1)}…`;
}
