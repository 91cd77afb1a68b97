import { WORKER_METRICS as M } from '@attune/telemetry/metric-names';
import { metricCollector } from '@attune/telemetry/testing/metric-collector';
import { afterEach, describe, expect, it } from 'vitest';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { WorkerMetrics } from './worker-metrics';

describe('WorkerMetrics', () => {
  it('counts evaluations by target and outcome, times them, and tracks those in flight', async () => {
    const collector = metricCollector();
    const metrics = new WorkerMetrics(collector.meter);
    const a = metrics.started('branin');
    const b = metrics.started('branin');
    const c = metrics.started('flaky');
    expect((await collector.collect()).get(M.evaluationsInFlight.name)?.map((p) => [p.attributes.target, p.value])).toEqual([['branin', 2], ['flaky', 1]]);
    a('COMPLETE');
    a('FAILED'); // a second end changes nothing
    b();
    c('TIMED_OUT');
    const collected = await collector.collect();
    expect(collected.get(M.evaluationsInFlight.name)?.map((p) => p.value)).toEqual([0, 0]);
    expect(collected.get(M.evaluations.name)?.map((p) => [p.attributes.target, p.attributes.outcome, p.value])).toEqual([['branin', 'COMPLETE', 1], ['flaky', 'TIMED_OUT', 1]]);
    expect(collected.get(M.evaluationDuration.name)?.map((p) => [p.attributes.target, p.count])).toEqual([['branin', 1], ['flaky', 1]]);
  });
});

describe('startMetricsServer', () => {
  let server: MetricsServer | undefined;
  afterEach(() => server?.close());

  it('serves GET /metrics with the handler on a free port, and 404 elsewhere', async () => {
    server = await startMetricsServer(0, '127.0.0.1', (_req, res) => res.end('attune_up 1\n'));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const ok = await fetch(server.url);
    expect([ok.status, await ok.text()]).toEqual([200, 'attune_up 1\n']);
    expect((await fetch(`${server.url}?x=1`)).status).toBe(200);
    expect((await fetch(server.url.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
  });

  it('fails to start on a port already taken', async () => {
    server = await startMetricsServer(0, '127.0.0.1', (_req, res) => res.end());
    const port = Number(new URL(server.url).port);
    await expect(startMetricsServer(port, '127.0.0.1', (_req, res) => res.end())).rejects.toThrow(/EADDRINUSE/);
  });
});
