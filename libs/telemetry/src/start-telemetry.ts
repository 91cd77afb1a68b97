import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import { metrics } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { attuneVersion } from './attune-version';
import { BookkeepingSpanFilter } from './bookkeeping-span-filter';
import { processInstrumentations } from './instrumentations';
import { parseTelemetryConfig, type ServiceName, type TelemetryConfig } from './telemetry-config';

/** `service.instance.id` (semantic conventions, not yet stable in the package's exports). */
const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';
/** How long an export may take before it is dropped: a collector that is down never holds a process up. */
const EXPORT_TIMEOUT_MS = 5_000;
/** How long shutdown waits for the last spans and metrics to leave. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** The running telemetry of this process. */
export interface Telemetry {
  readonly config: TelemetryConfig;
  /** Spans are recorded and exported (an OTLP endpoint is set). */
  readonly tracing: boolean;
  /** Serves the process's metrics in the Prometheus text format (mount it at /metrics). */
  metricsHandler(request: IncomingMessage, response: ServerResponse): void;
  /** Flushes what is buffered and stops; bounded, and never throws. */
  shutdown(): Promise<void>;
}

let active: Telemetry | undefined;

/**
 * Starts this process's telemetry, once, before anything it instruments is
 * loaded (bin/attune.js calls it first): with an OTLP endpoint, the
 * OpenTelemetry Node SDK with spans batched to OTLP/HTTP, the W3C
 * propagator and the instrumentations of HTTP, Express, Nest, pg and
 * pino; without one, no tracer at all (the API stays a no-op: no cost).
 * Metrics always go to a Prometheus reader served at /metrics, and to OTLP
 * too when an endpoint is set. Resource: `service.name`, `service.version`,
 * `service.instance.id` and OTEL_RESOURCE_ATTRIBUTES. A second call returns
 * the first's telemetry.
 */
export function startTelemetry(service: ServiceName, env: NodeJS.ProcessEnv = process.env): Telemetry {
  if (active) return active;
  const config = parseTelemetryConfig(service, env);
  const resource = resourceFromAttributes({
    ...config.resourceAttributes,
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_SERVICE_VERSION]: attuneVersion(),
    [ATTR_SERVICE_INSTANCE_ID]: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  });
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const readers: IMetricReader[] = [prometheus];
  if (config.metricsUrl) {
    const exporter = new OTLPMetricExporter({ url: config.metricsUrl, headers: { ...config.headers }, timeoutMillis: EXPORT_TIMEOUT_MS });
    // The reader refuses a timeout longer than its interval (OTEL_METRIC_EXPORT_INTERVAL may be as short as 1 s).
    const exportTimeoutMillis = Math.min(EXPORT_TIMEOUT_MS, config.metricExportIntervalMs);
    readers.push(new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: config.metricExportIntervalMs, exportTimeoutMillis }));
  }
  const meterProvider = new MeterProvider({ resource, readers });
  metrics.setGlobalMeterProvider(meterProvider);
  const sdk = config.tracesUrl ? tracingSdk(config, resource) : undefined;
  sdk?.start();
  let stopping: Promise<void> | undefined;
  active = {
    config,
    tracing: sdk !== undefined,
    metricsHandler: (request, response) => prometheus.getMetricsRequestHandler(request, response),
    shutdown: () =>
      (stopping ??= withTimeout(Promise.allSettled([sdk?.shutdown(), meterProvider.shutdown()]).then(() => undefined), SHUTDOWN_TIMEOUT_MS)),
  };
  return active;
}

/** The telemetry bin/attune.js started, if it did. */
export function activeTelemetry(): Telemetry | undefined {
  return active;
}

/** This process's telemetry: the one started, or (a process started without bin/attune.js, as in tests) metrics only, from the environment. */
export function telemetry(service: ServiceName): Telemetry {
  return active ?? startTelemetry(service, { OTEL_SDK_DISABLED: 'true' });
}

function tracingSdk(config: TelemetryConfig, resource: ReturnType<typeof resourceFromAttributes>): NodeSDK {
  const exporter = new OTLPTraceExporter({ url: config.tracesUrl, headers: { ...config.headers }, timeoutMillis: EXPORT_TIMEOUT_MS });
  return new NodeSDK({
    resource,
    autoDetectResources: false,
    // Batched, bounded and dropped when full: a slow or absent collector costs memory up to the queue, never a wait.
    spanProcessors: [new BookkeepingSpanFilter(new BatchSpanProcessor(exporter, { maxQueueSize: 4096, maxExportBatchSize: 512, scheduledDelayMillis: 1000, exportTimeoutMillis: EXPORT_TIMEOUT_MS }))],
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    instrumentations: processInstrumentations(),
    // Logs go to stderr (see logger.ts), not over OTLP: without this the SDK would export every pino line to /v1/logs as well.
    logRecordProcessors: [],
  });
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms).unref()))]);
  clearTimeout(timer);
}
