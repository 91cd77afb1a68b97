import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-context';
import { writeLine } from '../cli-io';
import { examples, intInRange } from './option-parsers';
import { runUntilSignal } from './service-lifecycle';

interface WorkerOptions {
  targets: string;
  concurrency?: number;
}

export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('start a worker that evaluates trials for the targets declared in its targets file')
    .requiredOption('--targets <file>', 'targets file (YAML or JSON) declaring what this worker may run')
    .addOption(new Option('--concurrency <n>', 'trials evaluated at once by this process (default: the worker\'s own, 1)').argParser(intInRange(1, 1000)))
    .addHelpText(
      'after',
      '\nConfiguration (environment): REDIS_URL (default redis://127.0.0.1:6379), ATTUNE_QUEUE_PREFIX (default attune),\n' +
        'ATTUNE_METRICS_PORT (GET /metrics for Prometheus; 0 picks a free port; default none), ATTUNE_METRICS_HOST (default 127.0.0.1).\n' +
        'Workers never touch PostgreSQL; start as many as you like.\n' +
        examples('attune worker --targets examples/targets.yaml', 'attune worker --targets examples/targets.yaml --concurrency 4'),
    )
    .action(async (opts: WorkerOptions) => {
      const { startWorker } = await import('../../../worker/src/main.js');
      const worker = await startWorker({ targetsFile: opts.targets, concurrency: opts.concurrency });
      const { workerId, concurrency, queuePrefix } = worker.config;
      writeLine(ctx.io.stderr, `attune worker ${workerId}: serving ${worker.targets.join(', ')} from ${opts.targets} (concurrency ${concurrency}, queue prefix ${queuePrefix})`);
      if (worker.metricsUrl) writeLine(ctx.io.stderr, `attune worker ${workerId}: metrics on ${worker.metricsUrl}`);
      // A forced exit leaves no evaluation behind: each runs under a watchdog that ends it with the worker.
      await runUntilSignal(ctx, 'attune worker', worker);
    });
}
