import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { HyperbandPruner } from './hyperband.pruner';
import { curve } from './testing/pruner-trials';

const HYPERBAND = { minResource: 1, maxResource: 27, reductionFactor: 3, bootstrapCount: 0 };

describe('hyperband (Optuna\'s HyperbandPruner)', () => {
  it('hashes as Python\'s binascii.crc32', () => {
    expect(crc32('123456789')).toBe(3421780262);
    expect(crc32('7_0')).toBe(3315555120);
    expect(crc32('42_13')).toBe(3603748440);
  });

  it('has ⌊log_η(max/min)⌋ + 1 brackets, drawn in proportion to ⌈B·η^s/(s+1)⌉', () => {
    const pruner = new HyperbandPruner(HYPERBAND);
    // B = 4: budgets 27, 12, 6, 4 of 49.
    const counts = [0, 0, 0, 0];
    for (let n = 0; n < 49_000; n++) counts[pruner.bracketOf(5, n)]++;
    [27, 12, 6, 4].forEach((budget, b) => expect(counts[b] / 49_000).toBeCloseTo(budget / 49, 2));
    expect(new HyperbandPruner({ ...HYPERBAND, maxResource: 26 }).bracketOf(5, 0)).toBeLessThan(3);
  });

  it('assigns brackets from the seed and the trial number alone, as Optuna from the study name', () => {
    const pruner = new HyperbandPruner(HYPERBAND);
    // crc32('7_0') % 49 = 20: past bracket 0's 27? no, 20 < 27: bracket 0.
    expect(pruner.bracketOf(7, 0)).toBe(0);
    expect(crc32('7_1') % 49).toBe(2996333478 % 49);
    const seeds = Array.from({ length: 20 }, (_, n) => pruner.bracketOf(1, n)).join();
    expect(Array.from({ length: 20 }, (_, n) => pruner.bracketOf(2, n)).join()).not.toBe(seeds);
  });

  it('compares a trial only with trials of its bracket, at that bracket\'s rungs', () => {
    const pruner = new HyperbandPruner(HYPERBAND);
    const seed = 3;
    const numbers = Array.from({ length: 200 }, (_, n) => n);
    const inBracket0 = numbers.filter((n) => pruner.bracketOf(seed, n) === 0);
    const elsewhere = numbers.filter((n) => pruner.bracketOf(seed, n) !== 0);
    const trial = curve(inBracket0[1], 'RUNNING', [0.5]);
    // A much better trial of another bracket does not count; one of bracket 0 does (its rung 0 is at step 1).
    expect(pruner.decide({ trial, others: [curve(elsewhere[0], 'COMPLETE', [0.1])], seed }).prune).toBe(false);
    const decision = pruner.decide({ trial, others: [curve(inBracket0[0], 'COMPLETE', [0.1]), curve(inBracket0[2], 'COMPLETE', [0.2])], seed });
    expect(decision).toEqual({
      prune: true,
      reason: 'loss 0.5 at step 1 is not the best of the 3 trials that reached step 1 (loss 0.1 is needed to continue), in its Hyperband bracket 1 of 4',
    });
    // The least aggressive bracket (3) has its only rung at 27.
    const last = numbers.find((n) => pruner.bracketOf(seed, n) === 3)!;
    const lateTrial = curve(last, 'RUNNING', Array(26).fill(9));
    expect(pruner.decide({ trial: lateTrial, others: [], seed }).prune).toBe(false);
  });
});
