import { configKey, isInDomain } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { InProcessStudy, runOptimization } from '../engine/in-process-study';
import { parseStrategyOptions } from '../registry/strategy-options';
import type { Proposal, Strategy, StrategyDefinition } from '../strategy';
import * as fx from './conformance-fixtures';

/** How a strategy is held to the conformance suite. */
export interface ConformanceConfig {
  /** Raw options, validated through the definition's schema. @default {} */
  readonly options?: Record<string, unknown>;
  /** The easy quadratic (minimum 0): reach a loss below `maxRegret` within `trials` trials (batch 1). */
  readonly quadratic: { readonly trials: number; readonly maxRegret: number; readonly seeds?: readonly number[] };
  /**
   * Set, with the reason, for a strategy that may repeat a configuration on
   * purpose (a bandit re-measures its arms); skips the no-duplicates check.
   */
  readonly duplicatesAllowedBecause?: string;
  /**
   * Set, with the reason, for a strategy that reads a PRUNED trial exactly as
   * a FAILED one (a bad result of unknown value); checked: a history gives the
   * same proposals with its failures pruned instead.
   */
  readonly prunedAsFailedBecause?: string;
}

const SEED = 11;

/** Registers the conformance tests every strategy must pass (Optuna's `pytest_samplers` in spirit). */
export function describeStrategyConformance(definition: StrategyDefinition<unknown>, config: ConformanceConfig): void {
  const parsed = parseStrategyOptions(definition, config.options ?? {});
  if (!parsed.ok) throw new Error(`bad conformance options: ${JSON.stringify(parsed.issues)}`);
  const make = (space: SearchSpace): Strategy => definition.create(parsed.options, space);

  describe(`strategy conformance: ${definition.name}`, () => {
    it('proposes values inside bounds and of the right types', async () => {
      const result = await runOptimization({ space: fx.MIXED_SPACE, direction: 'minimize', evaluate: fx.mixedObjective, strategy: make(fx.MIXED_SPACE), seed: SEED, trials: 40, batch: 3 });
      expect(result.trials.length).toBeGreaterThan(0);
      for (const t of result.trials) expectInDomain(fx.MIXED_SPACE, t.params);
    });

    it('keeps a parameter whose name a plain object already has (its params have no prototype)', async () => {
      const space: SearchSpace = [
        { name: '__proto__', type: 'float', min: 0, max: 1 },
        { name: 'constructor', type: 'int', min: 1, max: 8 },
        { name: 'toString', type: 'categorical', values: ['a', 'b'] },
      ];
      const result = await runOptimization({ space, direction: 'minimize', evaluate: (p) => Number(p.constructor), strategy: make(space), seed: SEED, trials: 12, batch: 2 });
      expect(result.trials.length).toBeGreaterThan(0);
      for (const t of result.trials) expectInDomain(space, t.params);
    });

    it('is deterministic under a seed', () => {
      const history = runHistory(make, fx.MIXED_SPACE, fx.mixedObjective, 12, 2);
      const a = ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, history, 4);
      const b = ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, history, 4);
      expect(b).toEqual(a);
    });

    it('is rebuilt from the history alone', () => {
      const study = new InProcessStudy({ space: fx.MIXED_SPACE, direction: 'minimize', strategy: make(fx.MIXED_SPACE), seed: SEED, maxTrials: 100 });
      for (let i = 0; i < 20; i++) for (const t of study.ask(1)) study.tell(t.number, { value: fx.mixedObjective(t.params) });
      study.ask(2); // two trials left pending
      const running = study.ask(3);
      const rebuilt = ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, study.views().slice(0, -running.length), 3);
      expect(rebuilt.map((p) => p.params)).toEqual(running.map((t) => t.params));
    });

    if (config.duplicatesAllowedBecause === undefined) {
      it('proposes no duplicates within a batch or against pending trials', () => {
        const strategy = make(fx.DISCRETE_SPACE);
        const study = new InProcessStudy({ space: fx.DISCRETE_SPACE, direction: 'minimize', strategy, seed: SEED, maxTrials: 60 });
        for (let i = 0; i < 10; i++) for (const t of study.ask(1)) study.tell(t.number, { value: fx.discreteObjective(t.params) });
        for (let round = 0; round < 4; round++) {
          const pending = study.ask(6);
          const keys = study.views().filter((t) => t.state === 'RUNNING').map((t) => configKey(fx.DISCRETE_SPACE, t.params));
          expect(new Set(keys).size).toBe(keys.length);
          for (const t of pending.slice(0, 3)) study.tell(t.number, { value: fx.discreteObjective(t.params) });
        }
      });
    } else {
      it(`may repeat configurations (${config.duplicatesAllowedBecause}) but keeps a batch in the domain`, () => {
        const proposals = ask(make(fx.DISCRETE_SPACE), fx.DISCRETE_SPACE, runHistory(make, fx.DISCRETE_SPACE, fx.discreteObjective, 10, 6), 6);
        expect(proposals).toHaveLength(6);
        for (const p of proposals) expectInDomain(fx.DISCRETE_SPACE, p.params);
      });
    }

    describePrunedConformance(make, config);

    it.each([
      ['failed, huge and equal losses', fx.hostileHistory],
      ['a flat objective', fx.flatHistory],
      ['pruned trials with NaN, huge or no last losses', fx.prunedHistory],
    ])('survives %s without NaN', (_label, history) => {
      const trials = history(fx.MIXED_SPACE, 30);
      const proposals = ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, trials, 4);
      expect(proposals.length).toBeGreaterThan(0);
      for (const p of proposals) expectInDomain(fx.MIXED_SPACE, p.params);
    });

    it(`finds the optimum region of an easy quadratic within ${config.quadratic.trials} trials`, async () => {
      for (const seed of config.quadratic.seeds ?? [SEED]) {
        const result = await runOptimization({ space: fx.QUADRATIC_SPACE, direction: 'minimize', evaluate: fx.quadratic, strategy: make(fx.QUADRATIC_SPACE), seed, trials: config.quadratic.trials });
        expect(result.best?.value, `seed ${seed}`).toBeLessThan(config.quadratic.maxRegret);
      }
    });
  });
}

/**
 * PRUNED trials (stopped by a pruner, with their last step or before any):
 * a bad-but-unknown result that every strategy must take in its stride.
 */
function describePrunedConformance(make: (space: SearchSpace) => Strategy, config: ConformanceConfig): void {
  it('takes a history with PRUNED trials: in-domain, deterministic proposals, batches included', () => {
    const history = prunedStudy(make, fx.MIXED_SPACE, fx.mixedObjective, 24, 2).views();
    expect(history.filter((t) => t.state === 'PRUNED' && t.lastStep).length).toBeGreaterThan(0);
    expect(history.filter((t) => t.state === 'PRUNED' && !t.lastStep).length).toBeGreaterThan(0);
    const a = ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, history, 4);
    expect(a).toHaveLength(4);
    for (const p of a) expectInDomain(fx.MIXED_SPACE, p.params);
    expect(ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, history, 4)).toEqual(a);
  });

  it('is rebuilt from a history with PRUNED trials alone', () => {
    const study = prunedStudy(make, fx.MIXED_SPACE, fx.mixedObjective, 20, 2);
    const running = study.ask(3);
    const rebuilt = ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, study.views().slice(0, -running.length), 3);
    expect(rebuilt.map((p) => p.params)).toEqual(running.map((t) => t.params));
  });

  if (config.prunedAsFailedBecause !== undefined) {
    it(`reads a PRUNED trial as a FAILED one (${config.prunedAsFailedBecause})`, () => {
      const history = runHistory(make, fx.MIXED_SPACE, fx.mixedObjective, 24, 2);
      const pruned = history.map((t, i): TrialView => (t.state === 'FAILED' ? { ...t, state: 'PRUNED', ...(i % 2 === 0 && { lastStep: { step: i, loss: -1e9 } }) } : t));
      expect(pruned.filter((t) => t.state === 'PRUNED').length).toBeGreaterThan(2);
      expect(ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, pruned, 4)).toEqual(ask(make(fx.MIXED_SPACE), fx.MIXED_SPACE, history, 4));
    });
  }

  if (config.duplicatesAllowedBecause !== undefined) return;
  it('never proposes a pruned configuration again, in batches too', () => {
    const study = prunedStudy(make, fx.DISCRETE_SPACE, fx.discreteObjective, 10, 0);
    for (let round = 0; round < 4; round++) {
      const pruned = new Set(study.views().filter((t) => t.state === 'PRUNED').map((t) => configKey(fx.DISCRETE_SPACE, t.params)));
      const batch = study.ask(6);
      for (const t of batch) expect(pruned.has(configKey(fx.DISCRETE_SPACE, t.params)), JSON.stringify(t.params)).toBe(false);
      // Most of each batch is pruned, a pruner's usual verdict; one completes.
      batch.slice(0, 4).forEach((t, i) => study.prune(t.number, i % 2 === 0 ? { step: 5 + i, value: fx.discreteObjective(t.params) + 1 } : undefined));
      study.tell(batch[4].number, { value: fx.discreteObjective(batch[4].params) });
    }
    expect(study.views().filter((t) => t.state === 'PRUNED').length).toBeGreaterThan(16);
  });
}

/**
 * A study of `n` trials asked one at a time, every third pruned (half of
 * those at a step with their loss there, half before reporting any), the
 * others told, then `pending` more asked and left RUNNING.
 */
function prunedStudy(make: (s: SearchSpace) => Strategy, space: SearchSpace, f: (p: Params) => number, n: number, pending: number): InProcessStudy {
  const study = new InProcessStudy({ space, direction: 'minimize', strategy: make(space), seed: SEED, maxTrials: 100 });
  for (let i = 0; i < n; i++) {
    for (const t of study.ask(1)) {
      if (i % 3 !== 1) study.tell(t.number, { value: f(t.params) });
      else study.prune(t.number, i % 2 === 0 ? { step: i, value: f(t.params) + 1 } : undefined);
    }
  }
  study.ask(pending);
  return study;
}

function ask(strategy: Strategy, space: SearchSpace, trials: readonly TrialView[], count: number): Proposal[] {
  return strategy.ask({ space, trials, seed: SEED, maxTrials: 100 }, count);
}

function runHistory(make: (s: SearchSpace) => Strategy, space: SearchSpace, f: (p: Params) => number, n: number, pending: number): TrialView[] {
  const study = new InProcessStudy({ space, direction: 'minimize', strategy: make(space), seed: SEED, maxTrials: 100 });
  for (let i = 0; i < n; i++) for (const t of study.ask(1)) study.tell(t.number, i % 5 === 4 ? { error: 'boom' } : { value: f(t.params) });
  study.ask(pending);
  return study.views();
}

/** Every parameter present, in its domain, with the right type (ints are integers, steps respected). */
export function expectInDomain(space: SearchSpace, params: Params): void {
  expect(Object.keys(params).sort()).toEqual(space.map((p) => p.name).sort());
  for (const p of space) {
    const v = params[p.name];
    expect(isInDomain(p, v), `${p.name}=${String(v)}`).toBe(true);
    if (p.type === 'int') expect(Number.isInteger(v), `${p.name}=${String(v)} is an int`).toBe(true);
  }
}
