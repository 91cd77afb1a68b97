import { throttled } from '@attune/queue/throttled';
import type { Logger } from '@nestjs/common';

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Logs a queue's connection errors as warnings, at most one per source every 10 s. */
export function logConnectionErrors(emitter: ErrorEmitter, source: string, logger: Logger): void {
  emitter.on('error', throttled((error: Error) => logger.warn(`${source}: ${error.message}`)));
}
