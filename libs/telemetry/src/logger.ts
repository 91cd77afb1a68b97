import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { PINO_LEVEL, type LogLevel } from './log-level';

export type { Logger } from 'pino';

/** Where and how a service logs. */
export interface ServiceLoggerOptions {
  /** The `name` on every line: the service's `service.name`. */
  readonly name: string;
  readonly level: LogLevel;
  /** @default process.stderr */
  readonly stream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Human-readable lines (pino-pretty) instead of JSON. @default whether the stream is a terminal */
  readonly pretty?: boolean;
}

/**
 * The pino logger of a service (the coordinator through Nest, the worker
 * directly): one JSON object a line on stderr, or pino-pretty's coloured lines
 * when stderr is a terminal. Writes are synchronous, so lines keep their order
 * with the CLI's own and none is lost when the process exits.
 *
 * Create it after startTelemetry (bin/attune.js starts telemetry before it
 * loads anything else): the OpenTelemetry pino instrumentation patches pino
 * as it is loaded, and then puts `trace_id` and `span_id` on every line
 * written inside a span. Without tracing, lines have neither.
 */
export function createServiceLogger(options: ServiceLoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const human = options.pretty ?? stream.isTTY === true;
  return pino(
    {
      name: options.name,
      level: PINO_LEVEL[options.level],
      // Level names rather than numbers, and ISO times: lines read the same in a file and in a log store.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    human ? prettyStream(stream) : jsonStream(stream),
  );
}

function jsonStream(stream: NodeJS.WritableStream): DestinationStream {
  return stream === process.stderr ? pino.destination({ dest: 2, sync: true }) : stream;
}

function prettyStream(stream: NodeJS.WritableStream): DestinationStream {
  return pretty({ destination: stream === process.stderr ? 2 : stream, sync: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' });
}
