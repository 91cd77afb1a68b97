import type { CliContext } from '../cli-context';
import { writeLine } from '../cli-io';

/** A started long-running process part (coordinator, worker). */
export interface RunningService {
  close(): Promise<void>;
}

/** How long `close()` may take before the process exits anyway. @default 15000 */
const CLOSE_GRACE_MS = 15_000;

/**
 * Runs a service until SIGINT or SIGTERM, then closes it once. A second signal,
 * or a close that hangs, exits at once so that a supervisor never waits forever.
 */
export async function runUntilSignal(ctx: CliContext, label: string, service: RunningService): Promise<void> {
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  writeLine(ctx.io.stderr, `${label}: ${signal} received, shutting down`);
  const force = (why: string) => {
    writeLine(ctx.io.stderr, `${label}: ${why}, exiting now`);
    process.exit(1);
  };
  const onSecond = () => force('second signal');
  process.once('SIGINT', onSecond);
  process.once('SIGTERM', onSecond);
  const timer = setTimeout(() => force(`did not close within ${CLOSE_GRACE_MS / 1000} s`), CLOSE_GRACE_MS);
  try {
    await service.close();
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSecond);
    process.removeListener('SIGTERM', onSecond);
  }
  writeLine(ctx.io.stderr, `${label}: stopped`);
  // A library that left a handle open must not keep a stopped service alive; unref'd, so it never delays a clean exit.
  setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
}
