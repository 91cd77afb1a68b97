import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { createStrategy } from '@attune/strategies/registry/strategy-registry';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProposalPool } from './proposal-pool';

const SPACE: SearchSpace = [
  { name: 'x', type: 'float', min: -5, max: 5 },
  { name: 'y', type: 'float', min: -5, max: 5 },
  { name: 'mode', type: 'categorical', values: ['a', 'b', 'c'] },
];
const MISBEHAVING = path.join(__dirname, 'fixtures', 'misbehaving.thread.cjs');

/** A seeded history of `n` completed trials plus one pending. */
function history(n: number): TrialView[] {
  const trials: TrialView[] = [];
  for (let i = 0; i < n; i++) {
    const x = ((i * 7919) % 1000) / 100 - 5;
    const y = ((i * 104729) % 1000) / 100 - 5;
    trials.push({ number: i, state: 'COMPLETE', params: { x, y, mode: 'abc'[i % 3] }, loss: (x - 1) ** 2 + (y + 2) ** 2 + i % 3 });
  }
  trials.push({ number: n, state: 'RUNNING', params: { x: 0, y: 0, mode: 'a' } });
  return trials;
}

const ask = (studyId: string, trials: TrialView[], strategy: { name: string; options?: Record<string, unknown> } = { name: 'bayesian', options: { candidates: 256 } }) => ({
  studyId,
  strategy,
  space: SPACE,
  context: { space: SPACE, trials, seed: 3, maxTrials: 100 },
  count: 2,
});

const pools: ProposalPool[] = [];
const pool = (options: Partial<ConstructorParameters<typeof ProposalPool>[0]> = {}) => {
  const p = new ProposalPool({ threads: 1, timeoutMs: 60_000, ...options });
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.destroy()));
});

describe('ProposalPool', () => {
  it('proposes in a thread exactly what the strategy proposes in process, for the same seed and history', async () => {
    const trials = history(12);
    const request = ask('s1', trials);
    const inProcess = createStrategy(request.strategy, SPACE).ask(request.context, 2);
    const outcome = await pool().propose(request);
    expect(outcome).toMatchObject({ kind: 'proposals', proposals: inProcess });
  });

  it('keeps the event loop turning while a long proposal runs', async () => {
    let turns = 0;
    const timer = setInterval(() => (turns += 1), 5);
    const outcome = await pool().propose({ ...ask('heavy', history(150), { name: 'bayesian', options: {} }) });
    clearInterval(timer);
    expect(outcome.kind).toBe('proposals');
    expect(turns).toBeGreaterThan(3);
  });

  it('reports a strategy that throws with its message, and a search space that is exhausted', async () => {
    const p = pool();
    expect(await p.propose(ask('s1', [], { name: 'retired', options: {} }))).toEqual({ kind: 'failed', reason: expect.stringContaining('unknown strategy "retired"') });
    const tiny: SearchSpace = [{ name: 'mode', type: 'categorical', values: ['a'] }];
    const done = [{ number: 0, state: 'COMPLETE' as const, params: { mode: 'a' }, loss: 1 }];
    const outcome = await p.propose({ studyId: 's2', strategy: { name: 'grid' }, space: tiny, context: { space: tiny, trials: done, seed: 0, maxTrials: 1 }, count: 1 });
    expect(outcome).toEqual({ kind: 'exhausted' });
  });

  it('fails only the proposal whose thread dies, throws or runs past the timeout; the lane goes on', async () => {
    const p = pool({ filename: MISBEHAVING, timeoutMs: 1000 });
    expect(await p.propose(ask('dies', []))).toEqual({ kind: 'failed', reason: expect.stringMatching(/^the proposal thread died: /) });
    expect(await p.propose(ask('throws', []))).toEqual({ kind: 'failed', reason: expect.stringContaining('thrown outside the strategy') });
    expect(await p.propose(ask('hangs', []))).toEqual({ kind: 'failed', reason: 'the proposal took longer than 1 s and was stopped' });
    expect(await p.propose(ask('fine', []))).toMatchObject({ kind: 'proposals' });
  });

  it('gives up a proposal whose caller aborts, whether it waits or runs', async () => {
    const p = pool({ filename: MISBEHAVING });
    const controller = new AbortController();
    const running = p.propose(ask('hangs', []), controller.signal);
    const waiting = p.propose(ask('hangs', []), controller.signal);
    controller.abort();
    expect(await Promise.all([running, waiting])).toEqual([{ kind: 'aborted' }, { kind: 'aborted' }]);
    expect(await p.propose(ask('fine', []))).toMatchObject({ kind: 'proposals' });
  });

  it('runs proposals at a lower priority than the event loop, which keeps its own', async () => {
    await pool().propose(ask('s1', history(3)));
    // /proc/<pid>/task/<tid>/stat: field 19 is the nice value (after the parenthesised command).
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const threads = readdirSync('/proc/self/task');
    expect(niceOf(String(process.pid))).toBe(0);
    expect(threads.map(niceOf)).toContain(10);
  });

  it('pins each study to one thread and spreads studies over the threads', async () => {
    const p = pool({ filename: MISBEHAVING, threads: 2 });
    const threadOf = async (id: string) => {
      const outcome = await p.propose(ask(id, []));
      return outcome.kind === 'proposals' ? outcome.proposals[0].params.thread : undefined;
    };
    const [a1, b1, a2, b2] = [await threadOf('a'), await threadOf('b'), await threadOf('a'), await threadOf('b')];
    expect(a1).toBe(a2);
    expect(b1).toBe(b2);
    expect(a1).not.toBe(b1);
    await p.forget(['a', 'b']);
    expect(p.pinned()).toEqual([]);
  });
});
