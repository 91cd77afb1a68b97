import { afterAll, afterEach, beforeAll } from 'vitest';
import type { FakeEvaluationWorker } from './fake-evaluation-worker';
import { testCoordinator } from './test-coordinator';

/**
 * A test file's coordinator (started before its tests, destroyed after) and
 * the fake workers its tests start: push them to `workers` and they are
 * closed after each test.
 */
export function coordinatorWithFakeWorkers(): { tc: ReturnType<typeof testCoordinator>; workers: FakeEvaluationWorker[] } {
  const tc = testCoordinator();
  const workers: FakeEvaluationWorker[] = [];
  beforeAll(() => tc.start());
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
  });
  afterAll(() => tc.destroy());
  return { tc, workers };
}
