import { parseArgs } from 'node:util';
import { startWorker, type StartWorkerOptions, type WorkerHandle } from './worker-app';

// The worker's entry point: the CLI starts a worker through these exports only (see .dependency-cruiser.js).
export { startWorker };
export type { StartWorkerOptions, WorkerHandle };

/**
 * `node main.js --targets FILE [--concurrency N]`: serves the targets until
 * SIGTERM or SIGINT. The first signal shuts down gracefully (see
 * WorkerHandle.close); a second one exits at once (running commands die with
 * the worker: see runProcess).
 */
async function runFromCommandLine(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { targets: { type: 'string' }, concurrency: { type: 'string' } } });
  const handle = await startWorker({
    targetsFile: values.targets ?? '',
    concurrency: values.concurrency === undefined ? undefined : Number(values.concurrency),
  });
  process.stderr.write(
    `attune-worker ${handle.config.workerId}: serving ${handle.targets.join(', ')} (concurrency ${handle.config.concurrency}, prefix ${handle.config.queuePrefix})\n`,
  );
  if (handle.metricsUrl) process.stderr.write(`attune-worker ${handle.config.workerId}: metrics on ${handle.metricsUrl}\n`);
  installSignalHandlers(handle);
}

function installSignalHandlers(handle: WorkerHandle): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`attune-worker: ${signal}: finishing running evaluations, then exiting\n`);
    handle.close().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`attune-worker: shutdown failed: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

if (require.main === module) {
  runFromCommandLine(process.argv.slice(2)).catch((e: Error) => {
    process.stderr.write(`attune-worker: ${e.message}\n`);
    process.exit(1);
  });
}
