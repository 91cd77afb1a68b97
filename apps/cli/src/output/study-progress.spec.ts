import { describe, expect, it } from 'vitest';
import { BufferStream } from '../../test/run-cli';
import { studySummary } from '../../test/fake-coordinator';
import type { TrialCounts } from '@attune/core/api/responses';
import { createStudyProgress } from './study-progress';

const counts = (complete: number, failed = 0, running = 0): TrialCounts => ({
  total: complete + failed + running,
  queued: 0,
  running,
  complete,
  failed,
  pruned: 0,
  timedOut: 0,
  cancelled: 0,
});

describe('study progress off a TTY', () => {
  it('prints a plain line when progress changed and the interval passed, and always the final state', () => {
    const stream = new BufferStream(false);
    let now = 0;
    const progress = createStudyProgress({ stream, json: false, intervalMs: 2000, now: () => now });
    progress.update(studySummary({ trials: counts(0, 0, 4) }));
    now = 500;
    progress.update(studySummary({ trials: counts(2, 0, 4), best: { number: 1, params: {}, value: 12.5 } })); // too soon
    now = 2500;
    progress.update(studySummary({ trials: counts(2, 0, 4), best: { number: 1, params: {}, value: 12.5 } }));
    now = 9000;
    progress.update(studySummary({ trials: counts(2, 0, 4), best: { number: 1, params: {}, value: 12.5 } })); // unchanged
    progress.finish(studySummary({ state: 'COMPLETE', trials: counts(29, 1), best: { number: 17, params: {}, value: 0.3981234 } }));
    expect(stream.text.split('\n')).toEqual([
      'branin-demo: 0/30 trials finished, 0 failed, 4 running, best -',
      'branin-demo: 2/30 trials finished, 0 failed, 4 running, best 12.5',
      'branin-demo: 30/30 trials finished, 1 failed, 0 running, best 0.398123',
      '',
    ]);
  });

  it('says how many trials were pruned, once some were', () => {
    const stream = new BufferStream(false);
    const progress = createStudyProgress({ stream, json: false, intervalMs: 0, now: () => 0 });
    progress.finish(studySummary({ state: 'COMPLETE', trials: { ...counts(20, 1), pruned: 9, total: 30 }, best: { number: 3, params: {}, value: 0.5 } }));
    expect(stream.text).toBe('branin-demo: 30/30 trials finished, 1 failed, 9 pruned, 0 running, best 0.5\n');
  });

  it('is silent with --json', () => {
    const stream = new BufferStream(false);
    const progress = createStudyProgress({ stream, json: true });
    progress.update(studySummary({ trials: counts(3) }));
    progress.finish(studySummary({ trials: counts(30) }));
    expect(stream.text).toBe('');
  });
});
