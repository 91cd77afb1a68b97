import type { Telemetry } from './start-telemetry';

/** What a service logs once at start about its telemetry. */
export interface TelemetrySummary {
  readonly message: string;
  readonly fields: { readonly tracing: boolean; readonly traces_url?: string; readonly metrics_url?: string };
}

/** One line saying where this process's spans and metrics go, or that nothing is exported. */
export function telemetrySummary(telemetry: Telemetry): TelemetrySummary {
  const { tracesUrl, metricsUrl } = telemetry.config;
  const fields = { tracing: telemetry.tracing, ...(tracesUrl && { traces_url: tracesUrl }), ...(metricsUrl && { metrics_url: metricsUrl }) };
  if (!tracesUrl && !metricsUrl) return { message: 'telemetry: no OTLP endpoint set, nothing is exported', fields };
  const where = [tracesUrl && `spans to ${tracesUrl}`, metricsUrl && `metrics to ${metricsUrl}`].filter(Boolean).join(', ');
  return { message: `telemetry: exporting over OTLP/HTTP: ${where}`, fields };
}
