import { isPending, type TrialState } from '@attune/core/trial/trial-state';
import { toLoss, type Direction } from '@attune/core/trial/trial-view';
import type { MetricStep, TrialStepState } from '@attune/persistence/records/trial-step.record';
import type { PrunerContext, PrunerTrial, StepLoss } from '@attune/strategies/pruners/pruner';

/** The study's objective as a pruner compares it: one metric, oriented by its direction. */
export interface StepObjective {
  readonly metric: string;
  readonly direction: Direction;
}

/** What the copy holds of one trial. */
interface TrialCopy {
  readonly id: string;
  readonly number: number;
  state: TrialState;
  /** Final loss of a COMPLETE trial. */
  loss?: number;
  /** Every stored step known here, with the objective or without. */
  readonly stored: Set<number>;
  /** The highest of them (-1: none). */
  highest: number;
  /** The steps that reported the objective, as losses, in rising order of step. */
  steps: StepLoss[];
  /** The trial as pruners see it, rebuilt after a change. */
  view?: PrunerTrial;
}

/** A step as stored or posted: its number and its metrics (or only the objective's value, when read back). */
export type KnownStep = Pick<MetricStep, 'step' | 'value'>;

/**
 * A coordinator's copy of one study's steps as losses of its objective, with
 * each trial's state: what its pruner's context is built from, without
 * reading the study's steps again for every report. Filled from what this
 * process stores (`addStored`) and from what a refresh reads (`merge`):
 * both are set unions, so the order they come in and replays do not matter,
 * and a trial whose stored count (`stepCount` on its row) differs from the
 * copy's is one whose steps the copy has not all seen (see `incomplete`).
 * Pure: no I/O.
 */
export class StepHistory {
  private readonly byId = new Map<string, TrialCopy>();
  private readonly byNumber: TrialCopy[] = [];

  constructor(readonly objective: StepObjective) {}

  /** Trials pending in the copy (a refresh reads them again). */
  pendingNumbers(): number[] {
    return this.byNumber.filter((t) => t !== undefined && isPending(t.state)).map((t) => t.number);
  }

  /** The number after the highest the copy knows (a refresh reads every trial from there on). */
  nextNumber(): number {
    return this.byNumber.length;
  }

  state(trialId: string): TrialState | undefined {
    return this.byId.get(trialId)?.state;
  }

  /**
   * Takes in trial rows as read (state, final value, how many steps are
   * stored); returns the trials whose stored steps the copy lacks, with the
   * highest step it has of each (-1: none), to read.
   */
  updateStates(rows: readonly TrialStepState[]): { trialId: string; step: number }[] {
    const lacking: { trialId: string; step: number }[] = [];
    for (const row of rows) {
      const trial = this.trialOf(row.id, row.number);
      if (trial.state !== row.state) {
        trial.state = row.state;
        trial.loss = row.state === 'COMPLETE' && row.value !== undefined ? toLoss(row.value, this.objective.direction) : undefined;
        trial.view = undefined;
      }
      if (row.stepCount > trial.stored.size) lacking.push({ trialId: row.id, step: trial.highest });
    }
    return lacking;
  }

  /**
   * Trials whose copy still lacks stored steps after a read of those above
   * its highest (a step stored out of order, below one already seen): they
   * are read again from their first step.
   */
  incomplete(rows: readonly TrialStepState[]): string[] {
    return rows.filter((r) => r.stepCount > (this.byId.get(r.id)?.stored.size ?? 0)).map((r) => r.id);
  }

  /** Steps read back (the objective's value, or none), of trials the copy knows. */
  merge(steps: readonly MetricStep[]): void {
    for (const s of steps) {
      const trial = this.byId.get(s.trialId);
      if (trial) this.add(trial, s);
    }
  }

  /** Steps this process stored of a trial the copy knows (with their metrics). */
  addStored(trialId: string, steps: readonly { step: number; metrics: Readonly<Record<string, number>> }[]): void {
    const trial = this.byId.get(trialId);
    if (!trial) return;
    for (const s of steps) this.add(trial, { step: s.step, value: this.valueOf(s.metrics) });
  }

  /** The trial ended PRUNED here (its write committed). */
  markPruned(trialId: string): void {
    const trial = this.byId.get(trialId);
    if (trial && isPending(trial.state)) {
      trial.state = 'PRUNED';
      trial.view = undefined;
    }
  }

  /** The objective's value among a step's metrics, if it reported it as a finite number. */
  valueOf(metrics: Readonly<Record<string, number>>): number | undefined {
    const value = Object.hasOwn(metrics, this.objective.metric) ? metrics[this.objective.metric] : undefined;
    return value !== undefined && Number.isFinite(value) ? value : undefined;
  }

  /**
   * What the pruner sees when the trial has just reported `step` (which the
   * copy must hold with the objective): its steps up to that one, every other
   * trial that reported a step, in number order, and the seed. Undefined when
   * the copy has no such step.
   */
  contextAt(trialId: string, step: number, seed: number): PrunerContext | undefined {
    const trial = this.byId.get(trialId);
    if (!trial) return undefined;
    const upTo = trial.steps.filter((s) => s.step <= step);
    if (upTo.at(-1)?.step !== step) return undefined;
    const others: PrunerTrial[] = [];
    for (const t of this.byNumber) if (t !== undefined && t !== trial && t.steps.length > 0) others.push(this.viewOf(t));
    return { trial: { number: trial.number, state: 'RUNNING', steps: upTo }, others, seed };
  }

  private trialOf(id: string, number: number): TrialCopy {
    let trial = this.byId.get(id);
    if (!trial) {
      trial = { id, number, state: 'QUEUED', stored: new Set(), highest: -1, steps: [] };
      this.byId.set(id, trial);
      this.byNumber[number] = trial;
    }
    return trial;
  }

  private add(trial: TrialCopy, s: KnownStep): void {
    if (trial.stored.has(s.step)) return;
    trial.stored.add(s.step);
    trial.highest = Math.max(trial.highest, s.step);
    if (s.value === undefined) return;
    const entry = { step: s.step, loss: toLoss(s.value, this.objective.direction) };
    // Steps mostly arrive in order: appended; a late one is put in its place.
    const at = trial.steps.findLastIndex((x) => x.step < s.step) + 1;
    trial.steps.splice(at, 0, entry);
    trial.view = undefined;
  }

  private viewOf(t: TrialCopy): PrunerTrial {
    t.view ??= { number: t.number, state: t.state, steps: t.steps, ...(t.loss !== undefined && { loss: t.loss }) };
    return t.view;
  }
}
