import type { Telemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';

/**
 * The BullMQ telemetry port for one service, backed by the global OpenTelemetry
 * API. Pass it as `telemetry` to every Queue, Worker and QueueEvents of the
 * service: producers store the W3C trace context in the job, and a worker's
 * `process` span continues that trace. Without a registered tracer provider the
 * OpenTelemetry API is a no-op, so this is safe to use everywhere.
 */
export function createBullMqTelemetry(serviceName: string): Telemetry {
  return new BullMQOtel({ tracerName: serviceName, meterName: serviceName });
}
