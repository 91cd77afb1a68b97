import { Option, type Command } from 'commander';
import { queueEnvSchema } from '@attune/queue/queue-env.schema';
import { workerAclUser } from '@attune/queue/worker-acl';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine } from '../cli-io';
import { examples } from './option-parsers';

interface RedisAclOptions {
  user: string;
  passwordSha256: string;
  format: 'redis-cli' | 'aclfile';
}

/** `attune redis-acl`: a worker pool's Redis user, for the queue prefix of this environment. */
export function registerRedisAclCommand(program: Command, ctx: CliContext): void {
  program
    .command('redis-acl')
    .description("print a worker pool's Redis ACL user: only the keys and channels of the queue prefix, only the commands workers use")
    .requiredOption('--user <name>', 'the Redis user of the pool')
    .requiredOption('--password-sha256 <hex>', 'SHA-256 of its password (`printf %s "$PASSWORD" | sha256sum`): the password itself never passes through Attune')
    .addOption(new Option('--format <format>', 'a redis-cli command, or a line of an ACL file (aclfile in redis.conf)').choices(['redis-cli', 'aclfile']).default('redis-cli'))
    .addHelpText(
      'after',
      '\nThe prefix is ATTUNE_QUEUE_PREFIX (default attune), as the workers read it. The workers then connect with\n' +
        'REDIS_URL=redis://NAME:PASSWORD@host:6379 (or rediss://).\n' +
        examples('attune redis-acl --user pool-a --password-sha256 $(printf %s "$PASSWORD" | sha256sum | cut -d" " -f1) | sh'),
    )
    .action((opts: RedisAclOptions) => {
      const env = queueEnvSchema.safeParse({ ATTUNE_QUEUE_PREFIX: ctx.env.ATTUNE_QUEUE_PREFIX || undefined });
      if (!env.success) throw new CliError(`ATTUNE_QUEUE_PREFIX: ${env.error.issues[0].message}`);
      let user;
      try {
        user = workerAclUser(opts.user, env.data.ATTUNE_QUEUE_PREFIX, { passwordSha256: opts.passwordSha256 });
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      writeLine(ctx.io.stdout, opts.format === 'aclfile' ? user.aclFileLine : user.redisCli);
    });
}
