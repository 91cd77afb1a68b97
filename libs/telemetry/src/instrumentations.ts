import type { IncomingMessage } from 'node:http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';

/** Requests no one wants a trace of: probes and scrapes, every few seconds. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * What is instrumented automatically, and what is left out so that traces
 * hold work rather than idling: no span for health checks and metric scrapes,
 * nor for Express's middleware layers (the request and its handler are
 * enough); pg only inside a span already (the pool's keep-alives and a
 * sweep's idle reads start none); pino gets `trace_id` and `span_id` on
 * every line logged inside a span. ioredis is not instrumented: every Redis
 * command inside a trial is one of BullMQ's, which bullmq-otel already
 * traces as the job's add and process spans, and a span per `evalsha` under
 * them said nothing while costing 5 of a trial's 12 spans (bench:tracing);
 * Attune's other Redis use (heartbeats, cancellations) is background work.
 */
export function processInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? '') }),
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    new NestInstrumentation(),
    new PgInstrumentation({ requireParentSpan: true }),
    // trace_id and span_id on each line; the lines stay on stderr (no copy to the OpenTelemetry Logs API).
    new PinoInstrumentation({ disableLogSending: true }),
  ];
}
