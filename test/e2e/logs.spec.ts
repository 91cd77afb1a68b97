import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines } from '../support/json-lines';
import { sinkSpans, startOtlpSink, type OtlpSink } from '../support/otlp-sink';
import { SmallStack } from '../support/small-stack';

// A real coordinator and worker exporting to an OTLP receiver inside the test: the worker's
// log line about an evaluation names the trace (and span) the receiver got for that trial.
let sink: OtlpSink;
let stack: SmallStack;

beforeAll(async () => {
  sink = await startOtlpSink({ keepBodies: true });
  const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url };
  stack = new SmallStack(otel, { ...otel, LOG_LEVEL: 'debug' });
  await stack.start();
}, 120_000);

afterAll(async () => {
  await stack?.cleanup();
  await sink?.close();
}, 60_000);

describe('logs of a traced study', () => {
  it("carry, on the worker's line about each evaluation, that trial's trace_id and its evaluate span's span_id", async () => {
    const study = await stack.runStudy('e2e-logs', 6);
    expect(study.state, stack.logs()).toBe('COMPLETE');
    const trialIds = await stack.trialIds(study.id);
    expect(trialIds).toHaveLength(6);
    // Stopping flushes the last spans to the receiver.
    await stack.stop();

    const evaluateSpans = new Map(sinkSpans(sink).filter((s) => s.name === 'evaluate branin').map((s) => [s.attributes['attune.trial_id'], s]));
    const lines = jsonLines(stack.worker.log());
    for (const trialId of trialIds) {
      const span = evaluateSpans.get(trialId);
      expect(span, `no evaluate span for trial ${trialId}`).toBeDefined();
      const line = lines.find((l) => l.trial_id === trialId && String(l.msg).includes('evaluated on branin'));
      expect(line, `no log line about trial ${trialId}:\n${stack.worker.log()}`).toBeDefined();
      expect(line).toMatchObject({ level: 'debug', name: 'attune-worker', study_id: study.id, outcome: 'COMPLETE' });
      expect(line!.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(line!.trace_id).toBe(span!.traceId);
      expect(line!.span_id).toBe(span!.spanId);
    }
  }, 180_000);

  it('are JSON lines, one of which says where telemetry goes', () => {
    for (const proc of [stack.coordinator, stack.worker]) {
      const summary = jsonLines(proc.log()).find((l) => String(l.msg).startsWith('telemetry:'));
      expect(summary, proc.log()).toMatchObject({ level: 'info', tracing: true, traces_url: `${sink.url}/v1/traces`, metrics_url: `${sink.url}/v1/metrics` });
    }
    // The coordinator's lines written by Nest (through its Logger) are JSON, with their context.
    expect(jsonLines(stack.coordinator.log())).toContainEqual(expect.objectContaining({ context: 'NestApplication', msg: 'Nest application successfully started' }));
  });
});
