import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cancelTrialChannel } from './cancel-trial.message';
import { evaluationQueueName, RESULTS_QUEUE, STEPS_QUEUE } from './queue-names';
import { WORKER_ACL_COMMANDS, workerAclRules, workerAclUser } from './worker-acl';
import { workerRegistryKey } from './worker-registry';

/** Redis's glob for the patterns we write: `*` any run, everything else literal (no ? [ ] \ in a prefix). */
function matches(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}

describe('workerAclRules', () => {
  it('grants the keys and channels of its prefix, then -@all and a list of commands', () => {
    const rules = workerAclRules('attune');
    expect(rules.slice(0, 3)).toEqual(['~attune:*', '&attune:*', '-@all']);
    expect(rules.slice(3)).toEqual(WORKER_ACL_COMMANDS.map((c) => `+${c}`));
  });

  it.each(['attune', '{attune}', 't_1.a-b'])('covers every key and channel a worker of prefix %s uses, and no other prefix', (prefix) => {
    const [keys, channels] = workerAclRules(prefix).map((r) => r.slice(1));
    // BullMQ's keys are <prefix>:<queue>:<suffix> (and <prefix>:<queue>:<job id>).
    for (const key of [`${prefix}:${evaluationQueueName('branin')}:wait`, `${prefix}:${RESULTS_QUEUE}:42`, `${prefix}:${STEPS_QUEUE}:wait`, `${prefix}:${STEPS_QUEUE}:0c6e-steps-0-41`, `${prefix}:${evaluationQueueName('x')}:marker`, workerRegistryKey(prefix)]) {
      expect(matches(keys, key), key).toBe(true);
    }
    expect(matches(channels, cancelTrialChannel(prefix))).toBe(true);
    for (const other of [`${prefix}x:eval.branin:wait`, `other:${prefix}:wait`, 'bull:eval.branin:wait', prefix]) expect(matches(keys, other), other).toBe(false);
  });

  it('grants what BullMQ and the worker need and none of the keyless commands that see or change the whole server', () => {
    for (const needed of ['evalsha', 'eval', 'info', 'client|setname', 'bzpopmin', 'ping', 'subscribe', 'hset', 'time', 'xadd']) expect(WORKER_ACL_COMMANDS).toContain(needed);
    for (const refused of ['keys', 'scan', 'randomkey', 'flushdb', 'flushall', 'config', 'monitor', 'client', 'client|kill', 'client|list', 'acl', 'script', 'function', 'publish', 'psubscribe', 'dbsize', 'debug', 'shutdown', 'swapdb', 'move', 'migrate']) {
      expect(WORKER_ACL_COMMANDS).not.toContain(refused);
    }
    expect([...WORKER_ACL_COMMANDS].sort()).toEqual(WORKER_ACL_COMMANDS);
    expect(new Set(WORKER_ACL_COMMANDS).size).toBe(WORKER_ACL_COMMANDS.length);
  });

  it('refuses what is not a queue prefix (a pattern character would widen the rule)', () => {
    for (const bad of ['a*', 'a:b', '', 'a?', '[a]', 'a b']) expect(() => workerAclRules(bad)).toThrow('not a queue prefix');
  });
});

describe('workerAclUser', () => {
  const hash = createHash('sha256').update('s3cret').digest('hex');

  it('writes ACL SETUSER arguments with reset, on and the password hash, never the password', () => {
    const user = workerAclUser('pool-gpu', '{attune}', { password: 's3cret' });
    expect(user.args).toEqual(['pool-gpu', 'reset', 'on', `#${hash}`, ...workerAclRules('{attune}')]);
    expect(JSON.stringify(user)).not.toContain('s3cret');
    expect(workerAclUser('pool-gpu', '{attune}', { passwordSha256: hash.toUpperCase() }).args).toEqual(user.args);
  });

  it('quotes for the shell what it would otherwise expand or cut (#, ~ and *, &, |)', () => {
    const { redisCli } = workerAclUser('pool-gpu', '{attune}', { password: 's3cret' });
    expect(redisCli).toMatch(new RegExp(`^redis-cli ACL SETUSER pool-gpu reset on '#${hash}' '~\\{attune\\}:\\*' '&\\{attune\\}:\\*' -@all `));
    expect(redisCli).toContain(" '+client|setname' ");
    expect(redisCli).toContain(' +evalsha ');
  });

  it('writes the line of an ACL file', () => {
    expect(workerAclUser('w', 'attune', { passwordSha256: hash }).aclFileLine).toBe(`user w on #${hash} ${workerAclRules('attune').join(' ')}`);
  });

  it('refuses an unusable name, an empty password or a malformed hash', () => {
    expect(() => workerAclUser('a b', 'attune', { password: 'x' })).toThrow('not a usable ACL user name');
    expect(() => workerAclUser('w', 'attune', { password: '' })).toThrow('must not be empty');
    expect(() => workerAclUser('w', 'attune', { passwordSha256: 'abc' })).toThrow('64 hexadecimal digits');
  });
});
