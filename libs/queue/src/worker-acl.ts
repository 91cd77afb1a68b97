import { createHash } from 'node:crypto';
import { QUEUE_PREFIX_PATTERN } from './queue-env.schema';

/**
 * The Redis ACL of a worker pool: what a worker needs of Redis, and nothing
 * more. Workers never see PostgreSQL; Redis is their whole boundary, so a pool
 * that runs untrusted targets gets a user of its own that may touch the keys
 * of its deployment's prefix only.
 *
 * - Keys: `~<prefix>:*`. Every key a worker touches is under the prefix:
 *   BullMQ's `<prefix>:<queue>:…` (the target queues `eval.<target>`, the
 *   `results` queue it posts to and the `steps` queue of running trials'
 *   intermediate values) and the worker registry `<prefix>:workers`.
 * - Channels: `&<prefix>:*`. BullMQ itself uses no pub/sub (its events are a
 *   stream key); the worker subscribes to `<prefix>:cancel-trial`.
 * - Commands: `-@all` then exactly these. Keyless commands that would see or
 *   change the whole server (KEYS, SCAN, RANDOMKEY, FLUSHDB, CONFIG, MONITOR,
 *   CLIENT KILL, FUNCTION, SCRIPT FLUSH, PUBLISH…) are not granted, which a
 *   category rule such as `+@all -@dangerous` would let through (SCAN and
 *   RANDOMKEY list every key name, FUNCTION FLUSH is server-wide).
 *
 * Redis checks the commands a Lua script calls and the keys they name against
 * the caller's ACL, so EVAL/EVALSHA give no more than the data commands
 * listed. Needs Redis 6.2 or later (channel patterns); tested on 7.0.
 */

/** Commands a worker sends itself, outside BullMQ's scripts. */
const CONNECTION_COMMANDS = [
  // The start-up probe (assertRedisReachable) and ioredis's keep-alive.
  'ping',
  // BullMQ reads redis_version and maxmemory_policy; ioredis's ready check too.
  'info',
  // BullMQ names each connection (`bull:<queue>`); refused, it only logs the denial.
  'client|setname',
  // A database in REDIS_URL (redis://host/2): ioredis selects it. Key patterns apply in every database.
  'select',
  'quit',
  // ioredis sends EVALSHA and falls back to EVAL (which caches the script) on NOSCRIPT; no SCRIPT LOAD.
  'evalsha',
  'eval',
  // A worker waits for jobs on the queue's marker key.
  'bzpopmin',
  // The cancel-trial channel.
  'subscribe',
  'unsubscribe',
] as const;

/**
 * Commands that BullMQ's Lua scripts call (every `rcall("…")` of bullmq 6.7's
 * scripts, all paths: add, move to active/completed/failed/delayed, retries,
 * stalled recovery, rate limits, job schedulers, logs, cleaning) and that the
 * worker registry uses (HSET, HGETALL, HDEL, TIME). Re-derive after a BullMQ
 * upgrade: `cat node_modules/bullmq/dist/cjs/commands/{,includes/}*.lua | grep -oE 'rcall\("[A-Z]+"'`,
 * plus the command names held in variables (LPUSH/RPUSH, HLEN/SCARD).
 */
const DATA_COMMANDS = [
  'del', 'exists', 'get', 'hdel', 'hexists', 'hget', 'hgetall', 'hincrby', 'hlen', 'hmget', 'hmset', 'hset',
  'incr', 'incrby', 'lindex', 'llen', 'lpop', 'lpos', 'lpush', 'lrange', 'lrem', 'lset', 'ltrim',
  'persist', 'pexpire', 'pexpireat', 'pttl', 'rename', 'rpop', 'rpoplpush', 'rpush',
  'sadd', 'scard', 'set', 'sismember', 'smembers', 'srem', 'time', 'type', 'unlink',
  'xadd', 'xdel', 'xlen', 'xrange', 'xread', 'xtrim',
  'zadd', 'zcard', 'zcount', 'zlexcount', 'zpopmin', 'zrange', 'zrangebylex', 'zrangebyscore', 'zrem',
  'zremrangebyrank', 'zremrangebyscore', 'zrevrange', 'zrevrangebyscore', 'zscore',
] as const;

/** Every command a worker pool's user is granted, lower case, sorted. */
export const WORKER_ACL_COMMANDS: readonly string[] = [...new Set([...CONNECTION_COMMANDS, ...DATA_COMMANDS])].sort();

/** Names Redis accepts as ACL users and that need no quoting anywhere: letters, digits, ".", "_", "-", "@". */
export const ACL_USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * The ACL rules of a worker pool's user for queue prefix `prefix` (after
 * `reset`, which `ACL SETUSER` needs to drop what the user had):
 * `~<prefix>:* &<prefix>:* -@all +<command>…`. A hash-tag prefix (`{attune}`)
 * is written as is: braces are not special in Redis patterns.
 */
export function workerAclRules(prefix: string): string[] {
  if (!QUEUE_PREFIX_PATTERN.test(prefix)) throw new Error(`not a queue prefix: "${prefix}" (see ATTUNE_QUEUE_PREFIX)`);
  return [`~${prefix}:*`, `&${prefix}:*`, '-@all', ...WORKER_ACL_COMMANDS.map((c) => `+${c}`)];
}

/** The secret of a worker user: its password, or the SHA-256 (hex) of it, which is all Redis stores. */
export type WorkerAclSecret = { readonly password: string } | { readonly passwordSha256: string };

/** A worker pool's user written the three ways an operator needs it. */
export interface WorkerAclUser {
  /** Arguments after `ACL SETUSER` (for a client: `redis.acl('SETUSER', ...args)`), the name first. */
  readonly args: readonly string[];
  /** A `redis-cli ACL SETUSER …` line to paste into a shell, each rule quoted as the shell needs. */
  readonly redisCli: string;
  /** The user's line in an ACL file (`aclfile` in redis.conf): `user <name> on #<sha256> ~… &… -@all +…`. */
  readonly aclFileLine: string;
}

/**
 * The ACL user of a worker pool: `name` may use queue prefix `prefix` and
 * nothing else. The password never appears: its SHA-256 does (`#<hex>`), which
 * is what Redis keeps and all `ACL SETUSER` needs. Workers then connect with
 * `REDIS_URL=redis://<name>:<password>@host:6379` (or rediss://).
 */
export function workerAclUser(name: string, prefix: string, secret: WorkerAclSecret): WorkerAclUser {
  if (!ACL_USERNAME_PATTERN.test(name)) throw new Error(`not a usable ACL user name: "${name}" (letters, digits, ".", "_", "-", "@", at most 64)`);
  const rules = workerAclRules(prefix);
  const hash = 'password' in secret ? sha256(secret.password) : secret.passwordSha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('passwordSha256 must be 64 hexadecimal digits');
  if ('password' in secret && secret.password.length === 0) throw new Error('the password must not be empty');
  const user = ['on', `#${hash}`, ...rules];
  // `reset` first: a user that exists loses its old passwords, keys, channels and commands.
  const args = [name, 'reset', ...user];
  return {
    args,
    redisCli: ['redis-cli', 'ACL', 'SETUSER', ...args].map(shellWord).join(' '),
    aclFileLine: ['user', name, ...user].join(' '),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The word as a POSIX shell reads it: single-quoted unless it is plainly safe. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_.@+=:/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
