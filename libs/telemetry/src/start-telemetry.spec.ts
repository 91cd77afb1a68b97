import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { activeTelemetry, startTelemetry } from './start-telemetry';

// Module state: this file's process starts telemetry once, without an endpoint.
describe('startTelemetry without an OTLP endpoint', () => {
  it('starts no tracing: the OpenTelemetry API stays a no-op; shutdown resolves', async () => {
    const telemetry = startTelemetry('attune-worker', { OTEL_METRIC_EXPORT_INTERVAL: '1000', OTEL_SERVICE_NAME: 'attune-untraced' });
    expect(telemetry.tracing).toBe(false);
    expect(telemetry.config).not.toHaveProperty('tracesUrl');
    expect(telemetry.config).not.toHaveProperty('metricsUrl');
    expect(activeTelemetry()).toBe(telemetry);
    expect(activeTelemetry()?.tracing).toBe(false);
    const span = trace.getTracer('test').startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toBe('00000000000000000000000000000000');
    span.end();
    // A second start (an embedder calling it again) returns the first.
    expect(startTelemetry('attune-coordinator', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' })).toBe(telemetry);
    await telemetry.shutdown();
  });
});
