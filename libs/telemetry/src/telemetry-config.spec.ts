import { describe, expect, it } from 'vitest';
import { parseTelemetryConfig } from './telemetry-config';

describe('parseTelemetryConfig', () => {
  it('without an endpoint: nothing to export, the defaults, the service its own name', () => {
    expect(parseTelemetryConfig('attune-worker', {})).toEqual({
      serviceName: 'attune-worker',
      headers: {},
      resourceAttributes: {},
      metricExportIntervalMs: 60_000,
      sampleRatio: 1,
    });
  });

  it('derives /v1/traces and /v1/metrics from the base endpoint, a trailing slash or not', () => {
    for (const endpoint of ['http://collector:4318', 'http://collector:4318/']) {
      expect(parseTelemetryConfig('attune-coordinator', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toMatchObject({
        tracesUrl: 'http://collector:4318/v1/traces',
        metricsUrl: 'http://collector:4318/v1/metrics',
      });
    }
  });

  it('takes a per-signal endpoint as it is, over the base one', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://tempo.example/otlp/traces' };
    expect(parseTelemetryConfig('attune-worker', env)).toMatchObject({ tracesUrl: 'https://tempo.example/otlp/traces', metricsUrl: 'http://collector:4318/v1/metrics' });
    expect(parseTelemetryConfig('attune-worker', { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://prom:9090/api/v1/otlp/v1/metrics' })).toEqual(
      expect.objectContaining({ metricsUrl: 'http://prom:9090/api/v1/otlp/v1/metrics' }),
    );
    expect(parseTelemetryConfig('attune-worker', { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://prom:9090/m' })).not.toHaveProperty('tracesUrl');
  });

  it('with OTEL_SDK_DISABLED=true exports nothing, whatever the endpoints say', () => {
    const config = parseTelemetryConfig('attune-worker', { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(config).not.toHaveProperty('tracesUrl');
    expect(config).not.toHaveProperty('metricsUrl');
  });

  it('reads the service name, headers, resource attributes (percent-decoded), interval and sampling ratio', () => {
    const config = parseTelemetryConfig('attune-worker', {
      OTEL_SERVICE_NAME: 'tuner-eu',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc, x-tenant=t%201',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,team=perf',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(config).toEqual({
      serviceName: 'tuner-eu',
      headers: { 'x-api-key': 'abc', 'x-tenant': 't 1' },
      resourceAttributes: { 'deployment.environment': 'prod', team: 'perf' },
      metricExportIntervalMs: 15_000,
      sampleRatio: 0.25,
    });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:// or https:// URL'],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector:4317' }, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an http:// or https:// URL'],
    [{ OTEL_METRIC_EXPORT_INTERVAL: 'often' }, 'OTEL_METRIC_EXPORT_INTERVAL: must be a number of milliseconds'],
    [{ OTEL_METRIC_EXPORT_INTERVAL: '10' }, 'OTEL_METRIC_EXPORT_INTERVAL: must be at least 1000'],
    [{ OTEL_TRACES_SAMPLER_ARG: '2' }, 'OTEL_TRACES_SAMPLER_ARG: must be between 0 and 1'],
    [{ OTEL_TRACES_SAMPLER_ARG: 'half' }, 'OTEL_TRACES_SAMPLER_ARG: must be a number between 0 and 1'],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL: must be http/json (Attune exports OTLP over HTTP as JSON; grpc is not shipped)'],
    [{ OTEL_SDK_DISABLED: 'yes' }, 'OTEL_SDK_DISABLED: must be true or false'],
    [{ OTEL_EXPORTER_OTLP_HEADERS: 'just-a-token' }, 'OTEL_EXPORTER_OTLP_HEADERS: must be key=value pairs separated by commas'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => parseTelemetryConfig('attune-worker', env)).toThrow(message);
  });

  it('lists every bad variable at once, under one heading', () => {
    expect(() => parseTelemetryConfig('attune-cli', { OTEL_EXPORTER_OTLP_ENDPOINT: 'nope', OTEL_TRACES_SAMPLER_ARG: '-1' })).toThrow(
      /^invalid telemetry configuration: OTEL_EXPORTER_OTLP_ENDPOINT: .*; OTEL_TRACES_SAMPLER_ARG: /,
    );
  });
});
