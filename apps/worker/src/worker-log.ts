import { createServiceLogger } from '@attune/telemetry/logger';
import type { LogLevel } from '@attune/telemetry/log-level';

/** How bad a worker's log line is. */
export type WorkerLogSeverity = 'debug' | 'info' | 'warn' | 'error';

/**
 * How the worker's parts log: a message, its severity (info when left out)
 * and fields of its own. A pino logger by default (workerLog); tests pass a
 * function that collects the messages.
 */
export type WorkerLog = (message: string, severity?: WorkerLogSeverity, fields?: Readonly<Record<string, unknown>>) => void;

/** The worker's default log: JSON lines on stderr (pretty on a terminal), `trace_id` and `span_id` inside a span. */
export function workerLog(level: LogLevel, name: string): WorkerLog {
  const logger = createServiceLogger({ name, level });
  return (message, severity = 'info', fields = {}) => logger[severity](fields, message);
}
