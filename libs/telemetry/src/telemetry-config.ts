import { ValidationError } from '@attune/core/errors/attune-error';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { z } from 'zod';

/** The process kinds that report telemetry, as their `service.name`. */
export type ServiceName = 'attune-coordinator' | 'attune-worker' | 'attune-cli';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/**
 * The standard OpenTelemetry variables Attune reads
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/),
 * parsed once, before anything else starts. Only OTLP over HTTP is shipped:
 * another protocol is refused by name rather than silently ignored.
 */
const telemetryEnvSchema = z.object({
  /** "true" turns the SDK off altogether (nothing traced or exported; /metrics still answers). */
  OTEL_SDK_DISABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  /** Base URL of an OTLP/HTTP receiver (a Collector at http://collector:4318, say): traces go to /v1/traces, metrics to /v1/metrics. */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  /** Full URL for traces alone (overrides the base endpoint for them). */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  /** Full URL for metrics alone. */
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: httpUrl.optional(),
  /** `key=value,key2=value2` headers sent with every export (an API key, say). */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'must be key=value pairs separated by commas')
    .optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/json', 'http/protobuf'], { error: 'must be http/json (Attune exports OTLP over HTTP as JSON; grpc is not shipped)' }).optional(),
  /** Overrides the process's own `service.name`. */
  OTEL_SERVICE_NAME: z.string().min(1, 'must not be empty').optional(),
  /** `key=value,…` resource attributes added to every span and metric (deployment.environment=prod, say). */
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  /** Milliseconds between OTLP metric exports. @default 60000 */
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be an integer').min(1000, 'must be at least 1000').default(60_000),
  /** Fraction of trials traced (a parent-based ratio sampler). @default 1 */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number({ error: 'must be a number between 0 and 1' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(1),
});

/** What telemetry does in this process. */
export interface TelemetryConfig {
  readonly serviceName: string;
  /** Where spans go; none: no tracing at all (no SDK, no instrumentation, no cost). */
  readonly tracesUrl?: string;
  /** Where metrics go over OTLP; none: only the Prometheus endpoint has them. */
  readonly metricsUrl?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly resourceAttributes: Readonly<Record<string, string>>;
  readonly metricExportIntervalMs: number;
  readonly sampleRatio: number;
}

/** Parses the OTEL_* variables for `service`, listing every problem with the variable's name. */
export function parseTelemetryConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): TelemetryConfig {
  const parsed = telemetryEnvSchema.safeParse(env, { reportInput: true });
  if (!parsed.success) {
    const error = new ValidationError(formatZodIssues(parsed.error.issues));
    error.message = `invalid telemetry configuration: ${error.message}`;
    throw error;
  }
  const e = parsed.data;
  const disabled = e.OTEL_SDK_DISABLED === 'true';
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  const tracesUrl = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base && `${base}/v1/traces`);
  const metricsUrl = e.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? (base && `${base}/v1/metrics`);
  return {
    serviceName: e.OTEL_SERVICE_NAME ?? service,
    ...(!disabled && tracesUrl && { tracesUrl }),
    ...(!disabled && metricsUrl && { metricsUrl }),
    headers: keyValues(e.OTEL_EXPORTER_OTLP_HEADERS),
    resourceAttributes: keyValues(e.OTEL_RESOURCE_ATTRIBUTES),
    metricExportIntervalMs: e.OTEL_METRIC_EXPORT_INTERVAL,
    sampleRatio: e.OTEL_TRACES_SAMPLER_ARG,
  };
}

/** `a=1, b=two` as {a: '1', b: 'two'} (values percent-decoded, as the specification says). */
function keyValues(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    out[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return out;
}
