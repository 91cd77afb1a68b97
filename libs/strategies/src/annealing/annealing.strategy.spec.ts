import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { annealingOptionsSchema } from './annealing-options';
import { replayAnnealing } from './annealing-replay';
import { annealingStrategy } from './annealing.strategy';
import { exponentialCooling } from './schedules/exponential-cooling';
import { linearCooling } from './schedules/linear-cooling';
import { logarithmicCooling } from './schedules/logarithmic-cooling';

describeStrategyConformance(annealingStrategy, { quadratic: { trials: 80, maxRegret: 0.3, seeds: [1, 2, 3] }, prunedAsFailedBecause: 'a pruned neighbour is a rejected move' });
describeStrategyConformance(annealingStrategy, { options: { schedule: 'logarithmic', restartAfter: 5 }, quadratic: { trials: 80, maxRegret: 1 }, prunedAsFailedBecause: 'a pruned neighbour is a rejected move' });

const opts = (raw: unknown = {}) => annealingOptionsSchema.parse(raw);
const trial = (number: number, loss?: number): TrialView =>
  loss === undefined ? { number, state: 'FAILED', params: { x: number } } : { number, state: 'COMPLETE', params: { x: number }, loss };

describe('cooling schedules', () => {
  it.each([
    ['exponential', exponentialCooling],
    ['linear', linearCooling],
    ['logarithmic', logarithmicCooling],
  ])('%s goes from the initial to the final temperature, never rising', (_name, schedule) => {
    const temps = [0, 0.25, 0.5, 0.75, 1].map((p) => schedule.temperature(p, 2, 0.01));
    expect(temps[0]).toBeCloseTo(2, 10);
    expect(temps[4]).toBeCloseTo(0.01, 10);
    for (let i = 1; i < temps.length; i++) expect(temps[i]).toBeLessThanOrEqual(temps[i - 1]);
  });
});

describe('annealing replay', () => {
  it('always accepts a better move and restarts from the best when stalled', () => {
    const o = opts({ initialTrials: 1, restartAfter: 3, initialTemperature: 1e-6, finalTemperature: 1e-6 });
    const better = replayAnnealing([trial(0, 5), trial(1, 3)], 0, 100, o, exponentialCooling);
    expect(better.current?.number).toBe(1);
    // At a near-zero temperature worse moves are refused; 3 stalls restart at the best.
    const stalled = replayAnnealing([trial(0, 1), trial(1, 9), trial(2), trial(3, 9)], 0, 100, o, exponentialCooling);
    expect(stalled.current?.number).toBe(0);
    expect(stalled.stalled).toBe(0);
    expect(stalled.best?.number).toBe(0);
  });

  it('accepts most worse moves when hot', () => {
    const o = opts({ initialTrials: 1, initialTemperature: 1e6, finalTemperature: 1e6, restartAfter: 1000 });
    const trials = [trial(0, 0), ...Array.from({ length: 20 }, (_, i) => trial(i + 1, 1 + i * 0.01))];
    expect(replayAnnealing(trials, 0, 100, o, exponentialCooling).current?.number).toBe(20);
  });

  it('rejects a final temperature above the initial one', () => {
    expect(annealingOptionsSchema.safeParse({ initialTemperature: 1, finalTemperature: 2 }).success).toBe(false);
  });
});
