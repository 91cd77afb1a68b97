import type { Params } from '@attune/core/search-space/parameter';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialCounts, TrialRecord } from '@attune/persistence/records/trial.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type NewTrial } from '@attune/persistence/repositories/trial.repository';
import type { StudySession } from '@attune/persistence/study-lock';
import { StudyLocks } from '@attune/persistence/study-locks';
import type { Transaction } from '@attune/persistence/transaction';
import { proposalsPerAsk } from '@attune/strategies/registry/strategy-registry';
import { Injectable, Logger } from '@nestjs/common';
import { reusedTrialEvents } from '../events/reused-trial-events';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { TrialRoots, type ProposalTiming } from '../tracing/trial-roots';
import { insertProposals } from './insert-proposals';
import { ProposalService } from './proposal.service';
import { StudyEnding, type CancelledTrials, type EndDetails } from './study-ending.service';
import { cheapConvergence } from './study-convergence';
import { baselineStep, budgetCounts, convergedEnd, exhaustedEnd, nextStep, type StudyEnd } from './study-progress';
import { TrialHistory } from './trial-history.service';
import { TrialReconciler } from './trial-reconciler.service';

/**
 * Trials proposed in one tick at most: the strategy's `maxProposalsPerAsk`
 * (32 for model-based strategies, 256 for those whose proposals are a few
 * random draws). A study with a larger refill fills over several ticks, and
 * other studies' ticks run in between.
 */
function maxProposalsPerTick(study: StudyRecord): number {
  return proposalsPerAsk(study.spec.strategy.name);
}

/** What a tick did: `acquired` false when another coordinator holds the study; `more` when it wants another tick at once. */
export interface TickResult {
  readonly acquired: boolean;
  readonly more: boolean;
}

/** What the first step of a tick found. */
type Plan =
  | { readonly kind: 'idle'; readonly study?: StudyRecord; readonly enqueue: TrialRecord[] }
  | { readonly kind: 'end'; readonly study: StudyRecord; readonly history: TrialRecord[]; readonly end: StudyEnd; readonly enqueue: TrialRecord[] }
  | { readonly kind: 'baseline'; readonly study: StudyRecord; readonly history: TrialRecord[]; readonly params: Params; readonly enqueue: TrialRecord[] }
  | { readonly kind: 'propose'; readonly study: StudyRecord; readonly history: TrialRecord[]; readonly counts: TrialCounts; readonly count: number; readonly more: boolean; readonly enqueue: TrialRecord[] };

/**
 * Drives one study one step, holding the study's advisory lock throughout:
 * 1. it reads the history (in a short transaction when it also reconciles
 *    pending trials, on sweeps) and decides: end the study (in a transaction
 *    of its own), or propose n trials;
 * 2. the proposal runs in the thread pool with no transaction open;
 * 3. a second short transaction inserts the proposals, after checking that the
 *    study is still RUNNING (a stop recorded meanwhile wins) and that its
 *    trial numbers have not moved.
 * Jobs are enqueued only after the trials are committed, so a worker never
 * reports on a trial the database lacks.
 */
@Injectable()
export class StudyDriver {
  private readonly logger = new Logger(StudyDriver.name);
  private readonly inFlight = new Map<string, AbortController>();

  constructor(
    private readonly locks: StudyLocks,
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly history: TrialHistory,
    private readonly proposals: ProposalService,
    private readonly reconciler: TrialReconciler,
    private readonly ending: StudyEnding,
    private readonly queues: EvaluationQueues,
    private readonly events: StudyEventWriter,
  ) {}

  async tick(studyId: string, options: { reconcile: boolean }): Promise<TickResult> {
    try {
      const result = await this.locks.session(studyId, (session) => this.step(studyId, options.reconcile, session));
      return result.acquired ? { acquired: true, more: result.value } : { acquired: false, more: false };
    } catch (e) {
      this.history.forget(studyId);
      throw e;
    }
  }

  /** Gives up the study's proposal in progress on this coordinator, if any (it was stopped). */
  abort(studyId: string): void {
    this.inFlight.get(studyId)?.abort();
  }

  private async step(studyId: string, reconcile: boolean, session: StudySession): Promise<boolean> {
    // Reading alone needs no transaction: each statement sees committed rows, and the insert checks again.
    const plan = reconcile ? await session.transaction((tx) => this.plan(studyId, true, tx)) : await session.read((tx) => this.plan(studyId, false, tx));
    // Jobs found missing by the reconciliation go back at once, not after the proposal.
    if (plan.study) await this.queues.enqueue(plan.study.spec, studyId, plan.enqueue);
    if (plan.kind === 'end') return this.endLater(session, plan.study, plan.end, plan.history);
    if (plan.kind === 'baseline') return (await this.insertAndEnqueue(plan.study, plan.history.length, [{ number: plan.history.length, params: plan.params, origin: 'baseline' }], session)) === 'moved';
    return plan.kind === 'propose' ? this.proposeAndInsert(plan, session) : false;
  }

  private async plan(studyId: string, reconcile: boolean, tx: Transaction): Promise<Plan> {
    const study = await this.studies.findById(studyId, tx);
    if (!study || study.state !== 'RUNNING') {
      this.history.forget(studyId);
      return { kind: 'idle', enqueue: [] };
    }
    let history = await this.history.load(studyId, tx);
    let enqueue: TrialRecord[] = [];
    if (reconcile) ({ trials: history, missingJobs: enqueue } = await this.reconciler.reconcile(study, history, tx));
    const baseline = baselineStep(study.spec, history);
    if (baseline.kind === 'measure') return { kind: 'baseline', study, history, params: baseline.params, enqueue };
    if (baseline.kind === 'end') return { kind: 'end', study, history, end: baseline.end, enqueue };
    if (baseline.kind === 'wait') return { kind: 'idle', study, enqueue };
    const converged = cheapConvergence(study, history, Date.now());
    if (converged.stop) return { kind: 'end', study, history, end: convergedEnd(converged.rule, converged.reason), enqueue };
    const counts = budgetCounts(history);
    const step = nextStep(study.spec, counts);
    if ('end' in step) return { kind: 'end', study, history, end: step.end, enqueue };
    if (step.propose === 0) return { kind: 'idle', study, enqueue };
    const count = Math.min(step.propose, maxProposalsPerTick(study));
    return { kind: 'propose', study, history, counts, count, more: step.propose > count, enqueue };
  }

  private async proposeAndInsert(plan: Extract<Plan, { kind: 'propose' }>, session: StudySession): Promise<boolean> {
    const { study, history, counts } = plan;
    const controller = new AbortController();
    this.inFlight.set(study.id, controller);
    const result = await this.proposals.propose(study, history, plan.count, controller.signal).finally(() => this.inFlight.delete(study.id));
    if (result.kind === 'aborted') return false;
    if (result.kind === 'failed') {
      // A strategy is a pure function of the history: the same call would fail on every tick.
      this.logger.error(`strategy of study ${study.id} failed: ${result.reason}`);
      return this.endLater(session, study, { state: 'FAILED', reason: `strategy "${study.spec.strategy.name}" failed: ${result.reason}` }, history);
    }
    if (result.kind === 'converged') return this.endLater(session, study, convergedEnd(result.rule, result.reason), history);
    if (result.kind === 'exhausted') return counts.queued + counts.running === 0 ? this.endLater(session, study, exhaustedEnd(counts), history) : false;
    const inserted = await this.insertAndEnqueue(study, history.length, result.trials, session, result.timing);
    return inserted === 'moved' || (inserted === 'inserted' && plan.more);
  }

  /**
   * Inserts new trials (see insertProposals) and enqueues their jobs, each
   * trial in a trace of its own (TrialRoots); after `moved`, the driver
   * proposes again at once.
   */
  private async insertAndEnqueue(study: StudyRecord, numbered: number, trials: readonly NewTrial[], session: StudySession, proposal?: ProposalTiming): Promise<'inserted' | 'moved' | 'ended'> {
    const roots = TrialRoots.start(study, trials, proposal);
    const inserted = await session.transaction(async (tx) => {
      const outcome = await insertProposals({ studies: this.studies, trials: this.trials }, study.id, numbered, roots.withTraceIds(trials), tx);
      if (typeof outcome !== 'string') await this.events.append(reusedTrialEvents(study.id, outcome.reused), tx);
      return outcome;
    });
    if (inserted === 'moved') {
      this.logger.warn(`study ${study.id}: its trials moved during the proposal; proposing again`);
      this.history.forget(study.id);
      return 'moved';
    }
    if (inserted === 'ended') return 'ended';
    roots.recordedComplete(inserted.reused);
    await this.queues.enqueue(study.spec, study.id, inserted.queued, roots);
    return 'inserted';
  }

  private async endLater(session: StudySession, study: StudyRecord, end: StudyEnd, history: readonly TrialRecord[]): Promise<boolean> {
    // The model that ranks the verification's candidates is fitted here, off the event loop and outside the transaction.
    const prepared = await this.ending.prepare(study, end.state, history);
    const ended = await session.transaction((tx) => this.end(study, { ...end, ...prepared }, tx));
    await this.afterEnd(ended.study, ended.cancelled);
    return false;
  }

  private async end(study: StudyRecord, end: StudyEnd & EndDetails, tx: Transaction): Promise<{ study: StudyRecord; cancelled: CancelledTrials }> {
    const cancelled = await this.ending.end(study, end.state, end.reason, tx, end);
    return { study: { ...study, state: end.state }, cancelled };
  }

  private async afterEnd(study: StudyRecord, cancelled: CancelledTrials): Promise<void> {
    this.history.forget(study.id);
    await this.ending.afterCommit(study, cancelled);
  }
}
