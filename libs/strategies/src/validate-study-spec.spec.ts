import { ValidationError } from '@attune/core/errors/attune-error';
import { describe, expect, it } from 'vitest';
import { validateStudySpec, validateStudySpecText } from './validate-study-spec';

const spec = (strategy: unknown, maxTrials = 50) => ({
  name: 'tune',
  target: 'branin',
  parameters: [
    { name: 'x1', type: 'float', min: -5, max: 10 },
    { name: 'mode', type: 'categorical', values: ['a', 'b'] },
  ],
  objective: { direction: 'minimize' },
  strategy,
  budget: { maxTrials },
});

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [...(e as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

describe('validateStudySpec', () => {
  it('returns the spec with strategy options normalised', () => {
    const out = validateStudySpec(spec({ name: 'grid', options: { levels: 3 } }));
    expect(out.strategy).toEqual({ name: 'grid', seed: 0, options: { levels: 3, maxDiscreteLevels: 32, prune: { enabled: false, threshold: 0.5, minTrialsPerLevel: 2 } } });
  });

  it('bounds what a study may claim: parallelism and the options that drive a proposal\'s cost', () => {
    const big = { ...spec({ name: 'bayesian', options: { maxModelPoints: 5000, candidates: 100_000, fitRestarts: 50 } }), budget: { maxTrials: 50, parallelism: 1000 } };
    expect(issuesOf(() => validateStudySpec(big))).toEqual(
      expect.arrayContaining([
        { path: 'budget.parallelism', message: expect.stringMatching(/^must be at most 256/) },
        { path: 'strategy.options.maxModelPoints', message: expect.stringMatching(/^must be at most 1000/) },
        { path: 'strategy.options.candidates', message: expect.stringMatching(/^must be at most 16384/) },
        { path: 'strategy.options.fitRestarts', message: expect.stringMatching(/^must be at most 10/) },
      ]),
    );
  });

  it('rejects an unknown strategy', () => {
    expect(issuesOf(() => validateStudySpec(spec({ name: 'magic' })))).toEqual([
      { path: 'strategy.name', message: expect.stringMatching(/unknown strategy "magic"; known: random, grid/) },
    ]);
  });

  it('rejects a bad option', () => {
    expect(issuesOf(() => validateStudySpec(spec({ name: 'grid', options: { levels: 'many' } })))).toEqual([
      { path: 'strategy.options.levels', message: 'must be a number, got string "many"' },
    ]);
  });

  it('rejects a grid larger than the budget', () => {
    expect(issuesOf(() => validateStudySpec(spec({ name: 'grid', options: { levels: 10 } }, 15)))).toEqual([
      { path: 'budget.maxTrials', message: expect.stringContaining('grid has 20 configurations') },
    ]);
  });

  it('reports core and strategy problems together', () => {
    const paths = issuesOf(() => validateStudySpec({ ...spec({ name: 'magic' }), budget: { maxTrials: 0 } })).map((i) => i.path);
    expect(paths).toEqual(['budget.maxTrials', 'strategy.name']);
  });

  it('reports strategy options and the strategy\'s own check in the same pass as every other problem', () => {
    const badSeed = issuesOf(() => validateStudySpec(spec({ name: 'grid', seed: -1, options: { levels: 'many' } })));
    expect(badSeed.map((i) => i.path)).toEqual(['strategy.seed', 'strategy.options.levels']);
    const badName = issuesOf(() => validateStudySpec({ ...spec({ name: 'grid', options: { levels: 10 } }, 15), name: '' }));
    expect(badName).toEqual([
      { path: 'name', message: 'must not be empty' },
      { path: 'budget.maxTrials', message: expect.stringContaining('grid has 20 configurations') },
    ]);
  });

  it('refuses reserved keys in strategy options once, as reserved', () => {
    const strategy = JSON.parse('{"name": "random", "options": {"__proto__": {"maxRedraws": 1}}}') as unknown;
    expect(issuesOf(() => validateStudySpec(spec(strategy)))).toEqual([{ path: 'strategy.options.__proto__', message: expect.stringContaining('is a reserved name') }]);
  });

  it('validates text and names the source', () => {
    const text = JSON.stringify(spec({ name: 'random', options: { maxRedraws: -1 } }));
    expect(issuesOf(() => validateStudySpecText(text, 'study.json'))).toEqual([
      { path: 'strategy.options.maxRedraws', message: 'must be 0 or more (study.json:1:241)' },
    ]);
  });
});
