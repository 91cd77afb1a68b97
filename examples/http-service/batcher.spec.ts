import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';
import { ZipfSampler } from './zipf';

function recordingLookup() {
  const calls: number[][] = [];
  const lookup = (keys: readonly number[]) => {
    calls.push([...keys]);
    return new Map(keys.map((k) => [k, `item ${k}`]));
  };
  return { calls, lookup };
}

describe('Batcher', () => {
  it('sends lookups within one window in one call, each key once, and answers every caller', async () => {
    const { calls, lookup } = recordingLookup();
    const batcher = new Batcher(lookup, 5);
    const answers = await Promise.all([batcher.get(1), batcher.get(2), batcher.get(1)]);
    expect(answers).toEqual(['item 1', 'item 2', 'item 1']);
    expect(calls).toEqual([[1, 2]]);
  });

  it('sends a full batch at once, without waiting for the window', async () => {
    const { calls, lookup } = recordingLookup();
    const batcher = new Batcher(lookup, 60_000, 2);
    await Promise.all([batcher.get(1), batcher.get(2)]);
    expect(calls).toEqual([[1, 2]]);
  });

  it('with a window of 0 sends every lookup alone', async () => {
    const { calls, lookup } = recordingLookup();
    const batcher = new Batcher(lookup, 0);
    await Promise.all([batcher.get(1), batcher.get(1)]);
    expect(calls).toEqual([[1], [1]]);
  });
});

describe('ZipfSampler', () => {
  it('follows P(k) ∝ 1/(k+1)^s: for n = 3, s = 1 the cumulative 6/11, 9/11, 1', () => {
    const zipf = new ZipfSampler(3, 1);
    expect([0, 0.5, 6 / 11 - 1e-9, 6 / 11 + 1e-9, 0.8, 9 / 11 + 1e-9, 0.999].map((u) => zipf.keyAt(u))).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });
});
