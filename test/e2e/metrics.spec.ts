import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR_METRICS as C, WORKER_METRICS as W } from '../../libs/telemetry/src/metric-names';
import { runAttune } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { parsePrometheusText, sampleSum, type PrometheusSample } from '../support/prometheus-text';
import { E2eStack } from './e2e-stack';

// Grid over 3 modes × 2 values of x: 2 trials complete (x * 2), 2 exit 1 and 2 print no metric: 4 fail.
const spec = {
  name: 'e2e-metrics',
  target: 'flaky',
  parameters: [
    { name: 'mode', type: 'categorical', values: ['ok', 'fail', 'garbage'] },
    { name: 'x', type: 'int', min: 3, max: 4 },
  ],
  objective: { direction: 'minimize' },
  strategy: { name: 'grid', seed: 1 },
  budget: { maxTrials: 6, parallelism: 3, trialTimeoutSec: 30, maxFailedTrials: 6 },
};

async function scrape(url: string): Promise<PrometheusSample[]> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusText(await res.text());
}

describe('/metrics of a real coordinator and two real workers, with no OTLP endpoint set', () => {
  // Port 0: each worker listens on a free port and logs it.
  const stack = new E2eStack({ ATTUNE_METRICS_PORT: '0' });
  let workerUrls: string[] = [];

  beforeAll(async () => {
    await stack.start();
    workerUrls = await Promise.all(
      stack.workers.map(async (w) => {
        let url = '';
        await expectEventually(() => {
          url = /metrics on (http:\/\/\S+\/metrics)/.exec(w.log())?.[1] ?? '';
          expect(url).not.toBe('');
        }, { timeoutMs: 30_000 });
        return url;
      }),
    );
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('answers before any study, and the workers answer nothing but /metrics', async () => {
    await scrape(`${stack.url}/metrics`);
    for (const url of workerUrls) {
      await scrape(url);
      expect((await fetch(url.replace(/\/metrics$/, '/health'))).status).toBe(404);
    }
  });

  it('counts the trials of a study by outcome on the coordinator, and its evaluations by outcome over the workers', async () => {
    const run = await runAttune(['study', 'run', stack.writeSpec('metrics', spec), '--wait', '--json', '--url', stack.url], stack.env);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const study = JSON.parse(run.stdout);
    expect(study.trials).toMatchObject({ total: 6, complete: 2, failed: 4 });
    const [{ started }] = await stack.sql<{ started: number }>("SELECT count(*)::int AS started FROM study_events WHERE study_id = $1 AND kind = 'trial-started'", [study.id]);
    const [{ timed }] = await stack.sql<{ timed: number }>('SELECT count(*)::int AS timed FROM trials WHERE study_id = $1 AND started_at IS NOT NULL AND ended_at IS NOT NULL', [study.id]);
    const mine = { study_id: study.id, target: 'flaky' };

    await expectEventually(async () => {
      const samples = await scrape(`${stack.url}/metrics`);
      expect(sampleSum(samples, `${C.trialsFinished.name}_total`, { ...mine, outcome: 'COMPLETE' })).toBe(2);
      expect(sampleSum(samples, `${C.trialsFinished.name}_total`, { ...mine, outcome: 'FAILED' })).toBe(4);
      expect(sampleSum(samples, `${C.trialsFinished.name}_total`, mine)).toBe(6);
      expect(sampleSum(samples, `${C.trialsStarted.name}_total`, mine)).toBe(started);
      expect(sampleSum(samples, `${C.evaluationDuration.name}_count`, { target: 'flaky' })).toBe(timed);
      expect(sampleSum(samples, `${C.queueWait.name}_count`, { target: 'flaky' })).toBe(timed);
      expect(sampleSum(samples, C.bestValue.name, { study_id: study.id })).toBe(6);
      expect(sampleSum(samples, `${C.proposalDuration.name}_count`, { strategy: 'grid' })).toBeGreaterThanOrEqual(1);
    }, { timeoutMs: 15_000 });

    require("fs").writeFileSync("/tmp/metrics-coord.txt", await (await fetch(`${stack.url}/metrics`)).text()); require("fs").writeFileSync("/tmp/metrics-worker.txt", await (await fetch(workerUrls[0])).text());
    const workers = await Promise.all(workerUrls.map(scrape));
    const total = (outcome: string) => workers.reduce((sum, s) => sum + sampleSum(s, `${W.evaluations.name}_total`, { target: 'flaky', outcome }), 0);
    expect([total('COMPLETE'), total('FAILED'), total('TIMED_OUT')]).toEqual([2, 4, 0]);
    expect(workers.reduce((sum, s) => sum + sampleSum(s, `${W.evaluationDuration.name}_count`, { target: 'flaky' }), 0)).toBe(6);
    for (const s of workers) expect(sampleSum(s, W.evaluationsInFlight.name, { target: 'flaky' })).toBe(0);
  }, 240_000);
});
