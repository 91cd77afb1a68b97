import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import type { NewTrial } from '@attune/persistence/repositories/trial.repository';
import { studyLink } from '@attune/telemetry/study-link';
import { paramAttributes, trialAttributes } from '@attune/telemetry/trial-attributes';

const tracer = trace.getTracer('attune-coordinator');

/** How the proposal of a batch of trials went, timed on the main thread around the pool's call. */
export interface ProposalTiming {
  readonly strategy: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** What the proposal thread measured: the strategy's fit and ask, without the pool's queueing. */
  readonly elapsedMs: number;
  readonly batchSize: number;
}

/**
 * The root spans of new trials, one trace per trial: `trial <number>`,
 * started before the insert (so that the trace id is written with the row),
 * ended once the trial's job is enqueued. A root never ended is never
 * exported, so trials a proposal lost (the study ended, its numbers moved)
 * leave no trace. Roots start new traces even inside a request's span, and
 * link to their study (see studyLink). A batch's proposal is recorded in
 * each of its trials' traces, as a `propose <strategy>` child with the same
 * timings and the batch's size: every trace then answers why and how fast
 * its trial was proposed without a hop to another trace (one short span a
 * trial, the count the trials have already).
 */
export class TrialRoots {
  private constructor(
    private readonly roots: ReadonlyMap<number, Span>,
    private readonly proposal: ProposalTiming | undefined,
  ) {}

  static start(study: StudyRecord, trials: readonly NewTrial[], proposal?: ProposalTiming): TrialRoots {
    const identity = { studyId: study.id, studyName: study.spec.name, target: study.spec.target };
    const roots = new Map<number, Span>();
    for (const t of trials) {
      const attributes = { ...trialAttributes({ ...identity, trialNumber: t.number }), ...paramAttributes(t.params), ...(t.origin && { 'attune.origin': t.origin }) };
      const startTime = proposal?.startedAt ?? Date.now();
      roots.set(t.number, tracer.startSpan(`trial ${t.number}`, { root: true, startTime, attributes, links: [studyLink(study.id, study.spec.name)] }));
    }
    return new TrialRoots(roots, proposal);
  }

  /** Spans are recorded (tracing is on, and these trials were sampled). */
  get recording(): boolean {
    return [...this.roots.values()].some((span) => span.isRecording());
  }

  /** The trials, each with the trace id of its root when that is recorded. */
  withTraceIds(trials: readonly NewTrial[]): NewTrial[] {
    return trials.map((t) => {
      const span = this.roots.get(t.number);
      return span?.isRecording() ? { ...t, traceId: span.spanContext().traceId } : t;
    });
  }

  /**
   * Adds the inserted trials' jobs in one bulk (one Redis round trip, as
   * untraced), each inside its own trace: per trial an `enqueue <queue>`
   * producer span under its root, whose context the job carries (BullMQ keeps
   * a job's own `telemetry.metadata`, bullmq-otel's format), so the worker's
   * spans continue that trial's trace. bullmq-otel's `addBulk` span is left
   * out (tracing suppressed around the call): it would be one span for the
   * whole batch, in no trial's trace. Then the roots end.
   */
  async enqueueBulk<J extends { readonly opts?: object }>(queueName: string, trials: readonly TrialRecord[], jobs: readonly J[], addBulk: (jobs: J[]) => Promise<unknown>): Promise<void> {
    const spans: Span[] = [];
    const traced = jobs.map((job, i) => {
      const root = this.roots.get(trials[i].number);
      if (!root?.isRecording()) return job;
      const enqueue = tracer.startSpan(`enqueue ${queueName}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.destination.name': queueName, 'attune.trial_number': trials[i].number } }, this.begin(root, trials[i]));
      spans.push(enqueue, root);
      const carrier: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), enqueue), carrier);
      return { ...job, opts: { ...job.opts, telemetry: { metadata: JSON.stringify(carrier) } } };
    });
    try {
      await context.with(suppressTracing(context.active()), () => addBulk(traced));
    } catch (e) {
      for (const span of spans) {
        span.recordException(e as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: `enqueue failed: ${(e as Error).message}` });
      }
      throw e;
    } finally {
      for (const span of spans) span.end();
    }
  }

  /** Ends the roots of trials recorded COMPLETE at once (a reused measurement): no job, nothing more to their trace. */
  recordedComplete(trials: readonly TrialRecord[]): void {
    for (const t of trials) {
      const root = this.roots.get(t.number);
      if (!root) continue;
      this.begin(root, t);
      root.setAttribute('attune.outcome', t.state);
      root.end();
    }
  }

  /** The trial's id on its root, and the proposal's span under it: what only the insert made sure of. */
  private begin(root: Span, trial: TrialRecord): Context {
    root.setAttribute('attune.trial_id', trial.id);
    const ctx = trace.setSpan(context.active(), root);
    const p = this.proposal;
    if (p) {
      const attributes = {
        'attune.strategy': p.strategy,
        'attune.proposal.batch_size': p.batchSize,
        'attune.proposal.elapsed_ms': p.elapsedMs,
        'attune.trial_number': trial.number,
      };
      tracer.startSpan(`propose ${p.strategy}`, { startTime: p.startedAt, attributes }, ctx).end(p.endedAt);
    }
    return ctx;
  }
}
