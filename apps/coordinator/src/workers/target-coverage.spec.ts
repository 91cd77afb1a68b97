import type { WorkerRecord } from '@attune/queue/worker-registry';
import { describe, expect, it } from 'vitest';
import { noWorkerReason, servedUntil } from './target-coverage';

const worker = (id: string, targets: string[]): WorkerRecord => ({
  id,
  host: 'h',
  pid: 1,
  targets,
  concurrency: 1,
  version: '0.1.0',
  startedAt: '2026-01-01T00:00:00.000Z',
  heartbeatAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T00:00:15.000Z',
});

describe('noWorkerReason', () => {
  it('is undefined when a live worker serves the target', () => {
    expect(noWorkerReason('branin', [worker('a', ['x']), worker('b', ['branin'])], 'attune')).toBeUndefined();
  });

  it('says that no worker is registered under the prefix at all', () => {
    expect(noWorkerReason('branin', [], '{attune}')).toBe(
      'no live worker serves target "branin": no worker is registered under queue prefix "{attune}" (start one with `attune worker --targets FILE`, with the same ATTUNE_QUEUE_PREFIX)',
    );
  });

  it('suggests the differently cased target a live worker serves', () => {
    expect(noWorkerReason('Branin', [worker('a', ['branin', 'other'])], 'attune')).toBe('no live worker serves target "Branin"; did you mean "branin"? (target names are case-sensitive)');
  });

  it('lists what the live workers serve otherwise', () => {
    expect(noWorkerReason('nope', [worker('a', ['b', 'a']), worker('b', ['a'])], 'attune')).toBe('no live worker serves target "nope"; live workers serve: "a", "b"');
  });
});

describe('servedUntil', () => {
  it('is the latest expiry of the records naming the target, -Infinity without one', () => {
    const early = { ...worker('a', ['t']), expiresAt: '2026-01-01T00:00:10.000Z' };
    const late = { ...worker('b', ['t']), expiresAt: '2026-01-01T00:00:20.000Z' };
    expect(servedUntil('t', [early, late, worker('c', ['u'])])).toBe(Date.parse(late.expiresAt));
    expect(servedUntil('v', [early])).toBe(-Infinity);
  });
});
