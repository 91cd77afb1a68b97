import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../apps/cli/test/run-cli';
import { FakeEvaluationWorker } from '../support/fake-evaluation-worker';
import { studySpec, testCoordinator } from '../support/test-coordinator';

const tc = testCoordinator();
let worker: FakeEvaluationWorker;

beforeAll(async () => {
  await tc.start();
  worker = new FakeEvaluationWorker({
    redisUrl: tc.iso.redisUrl,
    queuePrefix: tc.iso.queuePrefix,
    target: 'cli-events',
    evaluate: async (job) => {
      await new Promise((r) => setTimeout(r, 10));
      return job.trialNumber === 1 ? { error: 'boom' } : { metrics: { value: (job.params.x as number) ** 2 } };
    },
  });
});
afterAll(async () => {
  await worker?.close();
  await tc.destroy();
});

describe('the CLI on a real coordinator', () => {
  it('`study watch` prints every event of a running study in order and exits 0 when it completes', async () => {
    const created = await tc.http.post('/studies', studySpec({ name: 'watched', target: 'cli-events', budget: { maxTrials: 6, parallelism: 2 } }));
    const r = await cli(['study', 'watch', created.body.id, '--json', '--url', tc.http.baseUrl]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ kind: 'study-created', name: 'watched' });
    expect(events.at(-1)).toMatchObject({ kind: 'study-ended', state: 'COMPLETE' });
    expect(events.filter((e) => e.kind === 'trial-finished')).toHaveLength(6);

    const people = await cli(['study', 'watch', created.body.id, '--since', String(events.length - 1), '--url', tc.http.baseUrl]);
    expect(people.stdout).toMatch(/^#\d+ \d\d:\d\d:\d\d study-ended COMPLETE: maxTrials reached \(6\)\n$/);
  });

  it('`study run --wait` follows the stream to the end and prints the outcome', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'attune-cli-events-')), 'study.json');
    writeFileSync(file, JSON.stringify(studySpec({ name: 'waited', target: 'cli-events', budget: { maxTrials: 5, parallelism: 2 } })));
    const r = await cli(['study', 'run', file, '--wait', '--json', '--url', tc.http.baseUrl]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'waited', state: 'COMPLETE', trials: { complete: 4, failed: 1 } });
  });
});
