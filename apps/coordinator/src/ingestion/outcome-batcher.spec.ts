import { describe, expect, it } from 'vitest';
import { OutcomeBatcher, type PendingOutcome } from './outcome-batcher';

const item = (trialId: string): PendingOutcome => ({ trialId, studyId: 's', outcome: { state: 'COMPLETE', value: 1 }, direction: 'minimize' });

describe('OutcomeBatcher', () => {
  it('writes what arrives together in one batch and tells each caller whether its trial changed', async () => {
    const batches: string[][] = [];
    const batcher = new OutcomeBatcher(async (items) => {
      batches.push(items.map((i) => i.trialId));
      return new Map([['a', 's'], ['b', 's']]);
    });
    const results = await Promise.all(['a', 'b', 'c', 'a'].map((id) => batcher.submit(item(id))));
    expect(batches).toEqual([['a', 'b', 'c', 'a']]);
    expect(results).toEqual([true, true, false, false]);
  });

  it('gathers what arrives during a write into the next write, at most maxItems each', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new OutcomeBatcher(async (items) => {
      batches.push(items.map((i) => i.trialId));
      if (batches.length === 1) await gate;
      return new Map(items.map((i) => [i.trialId, 's']));
    }, 2);
    const first = batcher.submit(item('a'));
    await new Promise((r) => setImmediate(r));
    const later = ['b', 'c', 'd'].map((id) => batcher.submit(item(id)));
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('rejects every caller of a failed write, and flush waits for everything submitted', async () => {
    const batcher = new OutcomeBatcher(async () => {
      throw new Error('database down');
    });
    const both = Promise.allSettled([batcher.submit(item('a')), batcher.submit(item('b'))]);
    await batcher.flush();
    expect((await both).map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
