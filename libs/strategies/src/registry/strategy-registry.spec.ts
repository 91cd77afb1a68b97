import { AttuneError, ValidationError } from '@attune/core/errors/attune-error';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { describe, expect, it } from 'vitest';
import { checkStrategy, createStrategy, strategyCapabilities, strategyNames, proposalsPerAsk } from './strategy-registry';

const space: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 1 },
  { name: 'c', type: 'categorical', values: ['a', 'b'] },
];

describe('strategy registry', () => {
  it('lists the registered strategies', () => {
    expect(strategyNames()).toEqual(expect.arrayContaining(['random', 'grid']));
  });

  it('creates a strategy with defaults applied', () => {
    const s = createStrategy({ name: 'grid', options: {} }, space);
    expect(s.name).toBe('grid');
    expect(s.ask({ space, trials: [], seed: 0, maxTrials: 10 }, 20)).toHaveLength(10);
  });

  it('rejects an unknown strategy with UNKNOWN_STRATEGY naming the known ones', () => {
    const err = (() => {
      try {
        createStrategy({ name: 'magic', options: {} }, space);
      } catch (e) {
        return e as AttuneError;
      }
    })();
    expect(err).toBeInstanceOf(AttuneError);
    expect(err?.code).toBe('UNKNOWN_STRATEGY');
    expect(err?.message).toMatch(/unknown strategy "magic"; known: random, grid/);
  });

  it('rejects bad options with paths under strategy.options', () => {
    expect(() => createStrategy({ name: 'grid', options: { levels: 0 } }, space)).toThrow(ValidationError);
    expect(checkStrategy({ name: 'grid', options: { levels: 1.5, prune: { threshold: -1 }, colour: 'red' } }, space, { maxTrials: 100 })).toEqual(
      expect.arrayContaining([
        { path: 'strategy.options.levels', message: 'must be an integer, got number 1.5' },
        { path: 'strategy.options.prune.threshold', message: 'must be 0 or more' },
        { path: 'strategy.options.colour', message: 'is not a known option' },
      ]),
    );
  });

  it('checks the name, then options, then the strategy for this space and budget', () => {
    expect(checkStrategy({ name: 'nope', options: {} }, space, { maxTrials: 1 })).toEqual([
      { path: 'strategy.name', message: expect.stringMatching(/^unknown strategy "nope"; known: random, grid/) },
    ]);
    expect(checkStrategy({ name: 'grid', options: {} }, space, { maxTrials: 5 })).toEqual([
      { path: 'budget.maxTrials', message: expect.stringContaining('grid has 10 configurations') },
    ]);
    expect(checkStrategy({ name: 'random', options: {} }, space, { maxTrials: 5 })).toEqual([]);
  });

  it('lets strategies whose proposals are random draws fill a whole study per call, and keeps model-based batches small', () => {
    for (const name of ['random', 'grid', 'annealing', 'bandit', 'cmaes']) expect(proposalsPerAsk(name), name).toBe(256);
    for (const name of ['bayesian', 'tpe', 'genetic', 'nsga2', 'auto']) expect(proposalsPerAsk(name), name).toBe(32);
    expect(proposalsPerAsk('nope')).toBe(32);
  });

  it('says which strategies can take several objectives and constraints: nsga2, bayesian and tpe; the others neither', () => {
    const capable = ['nsga2', 'bayesian', 'tpe'];
    for (const name of capable) expect(strategyCapabilities(name), name).toEqual({ multiObjective: true, constraints: true });
    for (const name of strategyNames().filter((n) => !capable.includes(n))) expect(strategyCapabilities(name), name).toEqual({ multiObjective: false, constraints: false });
    expect(strategyCapabilities('nope')).toEqual({ multiObjective: false, constraints: false });
  });
});
