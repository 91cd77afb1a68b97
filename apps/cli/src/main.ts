import { attuneVersion } from '@attune/telemetry/attune-version';
import { activeTelemetry } from '@attune/telemetry/start-telemetry';
import { Command, CommanderError } from 'commander';
import type { CliContext } from './cli-context';
import { errorLines } from './cli-error';
import { writeLine, type CliIo } from './cli-io';
import type { FetchLike } from './client/coordinator-client';
import { registerCoordinatorCommand } from './commands/coordinator.command';
import { registerAdminCommands } from './commands/admin.command';
import { registerAuditCommand } from './commands/audit.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { examples } from './commands/option-parsers';
import { registerOptimizeCommand } from './commands/optimize.command';
import { registerProjectCommands } from './commands/project.command';
import { registerRedisAclCommand } from './commands/redis-acl.command';
import { registerStudyCommands } from './commands/study.command';
import { registerTokenCommands } from './commands/token.command';
import { registerWorkerCommand } from './commands/worker.command';
import { registerWorkersCommand } from './commands/workers.command';

/** What `buildProgram` needs from its surroundings; tests pass buffers and their own env. */
export interface ProgramOptions {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  readonly fetch?: FetchLike;
  /** Replaces SIGINT as the source of Ctrl-C (tests). */
  readonly onInterrupt?: CliContext['onInterrupt'];
}

/**
 * The `attune` command tree. It never exits the process: commander errors are
 * thrown (exitOverride), so `runCli` and tests decide what happens.
 */
export function buildProgram(options: ProgramOptions): { program: Command; ctx: CliContext } {
  const ctx: CliContext = { io: options.io, env: options.env, fetch: options.fetch, onInterrupt: options.onInterrupt, exitCode: 0 };
  const program = new Command('attune')
    .description('Attune: distributed auto-tuning of system configurations')
    .version(attuneVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void options.io.stdout.write(s),
      writeErr: (s) => void options.io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'attune: ')),
    })
    .addHelpText(
      'after',
      examples(
        'npm run demo                                            # coordinator + a worker tuning a real HTTP service, all local (-- --branin: the fast study)',
        'attune coordinator                                      # then, in other terminals:',
        'attune worker --targets examples/targets.yaml --concurrency 2',
        'attune study run examples/branin.study.yaml --wait',
        'attune optimize --objective examples/objectives/branin.mjs --strategy random --trials 30',
      ),
    );
  registerStudyCommands(program, ctx);
  registerOptimizeCommand(program, ctx);
  registerCoordinatorCommand(program, ctx);
  registerWorkerCommand(program, ctx);
  registerWorkersCommand(program, ctx);
  registerMigrateCommand(program, ctx);
  registerTokenCommands(program, ctx);
  registerProjectCommands(program, ctx);
  registerAuditCommand(program, ctx);
  registerAdminCommands(program, ctx);
  registerRedisAclCommand(program, ctx);
  return { program, ctx };
}

/** Runs the CLI on `argv` (without node and script) and resolves with the exit code. */
export async function runCli(argv: readonly string[], options: ProgramOptions): Promise<number> {
  const { program, ctx } = buildProgram(options);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    // Commander has already printed its own message (usage errors) or the help/version text.
    if (e instanceof CommanderError) return e.exitCode;
    for (const line of errorLines(e)) writeLine(options.io.stderr, line);
    return 1;
  }
}

/** Runs the CLI on this process's argv and streams, and sets the exit code. The `attune` bin calls this. */
export function runFromProcess(): Promise<void> {
  // `attune … | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return runCli(process.argv.slice(2), { io: { stdout: process.stdout, stderr: process.stderr }, env: process.env }).then(
    async (code) => {
      process.exitCode = code;
      // The last spans and metrics leave before the process does (bounded: a collector that is down costs at most a few seconds).
      await activeTelemetry()?.shutdown();
      // A service that failed half-way through starting may leave sockets open; do not hang on them.
      if (code !== 0) setTimeout(() => process.exit(code), 2000).unref();
    },
    async (e: unknown) => {
      for (const line of errorLines(e)) writeLine(process.stderr, line);
      process.exitCode = 1;
      await activeTelemetry()?.shutdown();
    },
  );
}

if (require.main === module) void runFromProcess();
