import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Logger as NestPinoLogger, type PinoLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { createServiceLogger, type Logger } from '@attune/telemetry/logger';
import type { LogLevel } from '@attune/telemetry/log-level';

/** Requests never logged, even at debug: probes and scrapes, every few seconds. */
const UNLOGGED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** The coordinator's pino logger, and the same as Nest's LoggerService. */
export interface CoordinatorLogger {
  readonly pino: Logger;
  readonly nest: LoggerService;
}

/**
 * The coordinator's logger (see createServiceLogger): every `new Logger(Context)`
 * of Nest writes through it, with its context as `context`. nestjs-pino's
 * Logger speaks Nest's LoggerService contract (the exception handlers' stack
 * traces included) over anything with pino's methods; it wraps this process's
 * pino logger directly rather than through nestjs-pino's PinoLogger, whose
 * root is fixed once per process by whichever coordinator starts first.
 */
export function createCoordinatorLogger(level: LogLevel, name: string): CoordinatorLogger {
  const pino = createServiceLogger({ name, level });
  return { pino, nest: new NestPinoLogger(pino as unknown as PinoLogger, {}) };
}

/**
 * One line per HTTP request, at debug (so only with LOG_LEVEL=debug or
 * verbose: at the default level, SSE streams and busy clients would drown
 * everything else); never /health or /metrics. Method, URL, status and time
 * only: no headers or bodies.
 */
export function logRequests(app: INestApplication, logger: Logger): void {
  if (!logger.isLevelEnabled('debug')) return;
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (request: IncomingMessage) => UNLOGGED_PATHS.test(request.url ?? '') },
      customLogLevel: () => 'debug',
      quietReqLogger: true,
      serializers: {
        req: (request: IncomingMessage) => ({ method: request.method, url: request.url }),
        res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      },
    }),
  );
}
