import type { Command } from 'commander';
import { queueEnvSchema } from '@attune/queue/queue-env.schema';
import { workerAclSetUser } from '@attune/queue/redis-acl';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine } from '../cli-io';
import { examples } from './option-parsers';

/** `attune redis-acl --user NAME`: the ACL SETUSER line of a worker pool's Redis user, for the queue prefix of this environment. */
export function registerRedisAclCommand(program: Command, ctx: CliContext): void {
  program
    .command('redis-acl')
    .description("print the Redis ACL SETUSER line for a worker pool's user: only the keys and channels of the queue prefix, no administration")
    .requiredOption('--user <name>', 'the Redis user of the pool')
    .addHelpText(
      'after',
      '\nThe prefix is ATTUNE_QUEUE_PREFIX (default attune), as the workers read it. The line sets no password:\n' +
        'add one (">secret", or "#<sha256 of it>") before running it, and give the workers REDIS_URL=redis://NAME:secret@host:6379.\n' +
        examples('attune redis-acl --user pool-a', 'ATTUNE_QUEUE_PREFIX={attune} attune redis-acl --user pool-a'),
    )
    .action((opts: { user: string }) => {
      const env = queueEnvSchema.safeParse({ ATTUNE_QUEUE_PREFIX: ctx.env.ATTUNE_QUEUE_PREFIX || undefined });
      if (!env.success) throw new CliError(`ATTUNE_QUEUE_PREFIX: ${env.error.issues[0].message}`);
      try {
        writeLine(ctx.io.stdout, workerAclSetUser(opts.user, env.data.ATTUNE_QUEUE_PREFIX));
      } catch (e) {
        throw new CliError((e as Error).message);
      }
    });
}
