import { z } from 'zod';

/** The log levels an operator sets (LOG_LEVEL), named as Nest names them. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL, shared by the coordinator and the worker: the most verbose level printed. @default "log" */
export const logLevelSchema = z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('log');

/** Pino's name for each of them: Nest's `log` is pino's `info`, `verbose` its `trace`. */
export const PINO_LEVEL: Readonly<Record<LogLevel, 'error' | 'warn' | 'info' | 'debug' | 'trace'>> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};
