/**
 * The Redis ACL of a worker pool: what a worker may touch is the boundary of
 * what a compromised worker (it runs commands of the system under test) can
 * do. Every key and channel Attune and BullMQ use lives under the queue
 * prefix (`<prefix>:<queue>:…`, `<prefix>:workers`, `<prefix>:cancel-trial`),
 * so the user gets those and nothing else: no other deployment's queues, no
 * other application's keys, no administration.
 *
 * Commands: the data types and Lua scripts BullMQ runs (EVALSHA, with the keys
 * each script touches checked against the key pattern), blocking pops,
 * transactions and pub/sub; then `-@dangerous` (KEYS, FLUSHALL, CONFIG,
 * DEBUG, MONITOR, CLIENT KILL, MIGRATE, SCRIPT FLUSH, …), and back INFO alone,
 * which BullMQ reads to learn the server's version, and TIME, the clock of
 * the worker registry.
 */
export const WORKER_ACL_COMMAND_RULES = ['-@all', '+@read', '+@write', '+@keyspace', '+@scripting', '+@connection', '+@transaction', '+@pubsub', '+@blocking', '-@dangerous', '+info', '+time'] as const;

/** The ACL rules (ACL SETUSER arguments, after the user's name) of a worker pool's user for a queue prefix. */
export function workerAclRules(queuePrefix: string): string[] {
  return ['reset', 'on', `~${queuePrefix}:*`, `&${queuePrefix}:*`, ...WORKER_ACL_COMMAND_RULES];
}

/**
 * The `ACL SETUSER` line for a pool's user, without a password: `reset` leaves
 * the user with none, so it cannot sign in until one is added (`>secret`, or
 * `#<sha256>`): the secret never passes through Attune.
 */
export function workerAclSetUser(user: string, queuePrefix: string): string {
  if (!/^[A-Za-z0-9_.:-]+$/.test(user)) throw new Error(`user: must be letters, digits, ".", "_", ":" or "-", got "${user}"`);
  return `ACL SETUSER ${user} ${workerAclRules(queuePrefix).join(' ')}`;
}
