import { describe, expect, it } from 'vitest';
import { AttuneError } from '../errors/attune-error';
import type { SearchSpace } from '../search-space/parameter';
import { enqueueTrialsSchema, MAX_ENQUEUED_TRIALS } from './enqueue-trials.schema';
import { enqueuedConfigurations } from './enqueued-configurations';

const space: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 5 },
  { name: 'n', type: 'int', min: 1, max: 8, default: 4 },
];

describe('enqueuedConfigurations', () => {
  it('completes each configuration with the defaults, in the space order', () => {
    expect(enqueuedConfigurations(space, { trials: [{ params: { x: 1 } }, { params: { n: 2, x: 0.5 } }] })).toEqual([
      { x: 1, n: 4 },
      { x: 0.5, n: 2 },
    ]);
  });

  it('names every bad field, as INVALID_ARGUMENT', () => {
    let error: unknown;
    try {
      enqueuedConfigurations(space, { trials: [{ params: { x: 1 } }, { params: { x: 9, y: 1 } }, { params: { n: 2 } }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AttuneError);
    expect((error as AttuneError).code).toBe('INVALID_ARGUMENT');
    expect((error as AttuneError).issues).toEqual([
      { path: 'trials[1].params.x', message: '9 is not a number in [0, 5]' },
      { path: 'trials[1].params.y', message: 'is not a parameter of the study (its parameters: x, n)' },
      { path: 'trials[2].params.x', message: 'is required: the parameter has no default to fall back on' },
    ]);
  });
});

describe('enqueueTrialsSchema', () => {
  it(`takes 1 to ${MAX_ENQUEUED_TRIALS} trials of params, nothing else`, () => {
    expect(enqueueTrialsSchema.safeParse({ trials: [{ params: { x: 1, mode: 'a', on: true } }] }).success).toBe(true);
    expect(enqueueTrialsSchema.safeParse({ trials: [] }).success).toBe(false);
    expect(enqueueTrialsSchema.safeParse({ trials: Array.from({ length: MAX_ENQUEUED_TRIALS + 1 }, () => ({ params: {} })) }).success).toBe(false);
    expect(enqueueTrialsSchema.safeParse({ trials: [{ params: { x: 1 }, number: 3 }] }).success).toBe(false);
    expect(enqueueTrialsSchema.safeParse({ trials: [{ params: { x: null } }] }).success).toBe(false);
  });
});
