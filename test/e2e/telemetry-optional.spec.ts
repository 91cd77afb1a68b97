import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/attune-processes';
import { jsonLines } from '../support/json-lines';
import { startOtlpSink, type OtlpSink } from '../support/otlp-sink';
import { SmallStack } from '../support/small-stack';

// Telemetry is optional: without an endpoint nothing is exported, and a collector that is down
// changes nothing for a study. Every OTEL_* variable of the test runner's own is left out.
const NO_OTEL = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('OTEL_')).map((k) => [k, undefined]));
/** The OTLP/HTTP port an exporter falls back to when it is given no URL. */
const DEFAULT_OTLP_PORT = 4318;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
}, 60_000);

async function stackWith(env: NodeJS.ProcessEnv): Promise<SmallStack> {
  const stack = new SmallStack({ ...NO_OTEL, ...env }, { ...NO_OTEL, ...env });
  cleanups.push(() => stack.cleanup());
  await stack.start();
  return stack;
}

describe('with no OTLP endpoint', () => {
  it('a study completes, the processes say tracing is off, trace nothing, and send nothing, even to the default OTLP port', async () => {
    // A receiver where an SDK left without a URL would send (localhost:4318), and every other OTEL_* variable set.
    let sink: OtlpSink;
    try {
      sink = await startOtlpSink({ keepBodies: true, port: DEFAULT_OTLP_PORT });
    } catch (e) {
      throw new Error(`this test listens on 127.0.0.1:${DEFAULT_OTLP_PORT}, the OTLP/HTTP default; free it (${(e as Error).message})`);
    }
    cleanups.push(() => sink.close());
    const stack = await stackWith({
      OTEL_SERVICE_NAME: 'attune-untraced',
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_TRACES_SAMPLER_ARG: '1',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
      LOG_LEVEL: 'debug',
    });
    const study = await stack.runStudy('e2e-untraced', 6);
    expect(study.state, stack.logs()).toBe('COMPLETE');
    // A clean stop flushes whatever exporter there is: had one existed, the receiver would have its export by now.
    expect(await stack.stop()).toEqual({ coordinator: { code: 0, signal: null }, worker: { code: 0, signal: null } });

    expect(sink.exports).toEqual([]);
    for (const proc of [stack.coordinator, stack.worker]) {
      const lines = jsonLines(proc.log());
      expect(lines.find((l) => String(l.msg).startsWith('telemetry:')), proc.log()).toMatchObject({ name: 'attune-untraced', tracing: false, msg: 'telemetry: no OTLP endpoint set, nothing is exported' });
      expect(lines.filter((l) => 'trace_id' in l)).toEqual([]);
    }
    // The worker did log each evaluation (at debug), only without a trace.
    expect(jsonLines(stack.worker.log()).filter((l) => l.outcome === 'COMPLETE')).toHaveLength(6);
  }, 180_000);
});

describe('with an OTLP endpoint where nothing listens', () => {
  it('a study completes and both processes stop by themselves, exiting 0', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const stack = await stackWith({ OTEL_EXPORTER_OTLP_ENDPOINT: closed, OTEL_METRIC_EXPORT_INTERVAL: '1000' });
    const study = await stack.runStudy('e2e-collector-down', 8);
    expect(study.state, stack.logs()).toBe('COMPLETE');
    expect(jsonLines(stack.worker.log()).find((l) => String(l.msg).startsWith('telemetry:'))).toMatchObject({ tracing: true, traces_url: `${closed}/v1/traces` });
    // Each gets 15 s after SIGTERM before SIGKILL; shutdown waits at most 5 s for the collector.
    expect(await stack.stop(15_000)).toEqual({ coordinator: { code: 0, signal: null }, worker: { code: 0, signal: null } });
  }, 180_000);
});
