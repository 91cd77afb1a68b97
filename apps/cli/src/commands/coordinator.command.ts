import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { writeLine } from '../cli-io';
import { examples } from './option-parsers';
import { runUntilSignal } from './service-lifecycle';

export function registerCoordinatorCommand(program: Command, ctx: CliContext): void {
  program
    .command('coordinator')
    .description('start the coordinator: REST API, study driver and result ingestion (applies pending migrations)')
    .addHelpText(
      'after',
      '\nConfiguration (environment):\n' +
        '  DATABASE_URL          postgres://… (default postgres://postgres@127.0.0.1:5432/attune)\n' +
        '  DATABASE_SCHEMA       schema for Attune\'s tables (default public)\n' +
        '  DATABASE_POOL_SIZE    most PostgreSQL connections of the driver, ingestion and writes (default 10)\n' +
        '  DATABASE_READ_POOL_SIZE  connections kept apart for API reads and /health (default 3)\n' +
        '  REDIS_URL             redis://… (default redis://127.0.0.1:6379)\n' +
        '  PORT                  HTTP port (default 3000)\n' +
        '  HOST                  address to listen on (default 127.0.0.1; 0.0.0.0 in a container, with a warning)\n' +
        '  ATTUNE_QUEUE_PREFIX   BullMQ key prefix, shared with the workers; {attune} on Redis Cluster (default attune)\n' +
        '  ATTUNE_PROPOSAL_THREADS      threads that run proposals (default: cores - 1, at least 1)\n' +
        '  ATTUNE_PROPOSAL_TIMEOUT_SEC  a longer proposal is stopped and its study FAILS (default 120)\n' +
        '  ATTUNE_WEBHOOK_HOSTS         hosts study webhooks may call, comma-separated (default: none)\n' +
        '  ATTUNE_ALLOWED_ORIGINS       browser origins besides its own that may POST, comma-separated (default: none)\n' +
        '  ATTUNE_MAX_BODY_BYTES        largest request body in bytes; larger is refused with 413 (default 1048576)\n' +
        '  (every variable: README.md, Configuration)\n' +
        examples('attune coordinator', 'PORT=3100 DATABASE_URL=postgres://postgres@127.0.0.1/attune attune coordinator'),
    )
    .action(async () => {
      const { startCoordinator } = await import('../../../coordinator/src/main.js');
      const coordinator = await startCoordinator();
      for (const line of coordinator.startupLines) writeLine(ctx.io.stderr, `attune coordinator: ${line}`);
      await runUntilSignal(ctx, 'attune coordinator', coordinator);
    });
}
