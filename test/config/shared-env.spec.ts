import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import { describe, expect, it } from 'vitest';
import { parseDemoConfig } from '../../apps/cli/src/demo/demo-config';
import { loadCoordinatorConfig } from '../../apps/coordinator/src/config/coordinator.config';
import { parseWorkerConfig } from '../../apps/worker/src/config/worker-config';

const SHARED = ['REDIS_URL', 'ATTUNE_QUEUE_PREFIX'];

/** The issues each process reports about the shared variables, or what it parsed. */
function parseEverywhere(env: Record<string, string>) {
  const issues = (fn: () => unknown): ValidationIssue[] | { redisUrl: string; queuePrefix: string } => {
    try {
      const c = fn() as { redisUrl: string; queuePrefix: string };
      return { redisUrl: c.redisUrl, queuePrefix: c.queuePrefix };
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues.filter((i) => SHARED.includes(i.path));
    }
  };
  return {
    coordinator: issues(() => loadCoordinatorConfig(env)),
    worker: issues(() => parseWorkerConfig({ targetsFile: 't.yaml' }, env)),
  };
}

describe('the environment every process shares', () => {
  const accepted = [
    { REDIS_URL: 'redis://127.0.0.1:6379', ATTUNE_QUEUE_PREFIX: 'attune' },
    { REDIS_URL: 'rediss://u:p@cache:6380/2', ATTUNE_QUEUE_PREFIX: 't_1.a-b' },
    { REDIS_URL: 'redis://cache', ATTUNE_QUEUE_PREFIX: '{attune}' },
    { REDIS_URL: 'redis://cache', ATTUNE_QUEUE_PREFIX: '{t_1}' },
  ];
  it.each(accepted)('coordinator and worker both accept %o', (env) => {
    const { coordinator, worker } = parseEverywhere(env);
    expect(coordinator).toEqual({ redisUrl: env.REDIS_URL, queuePrefix: env.ATTUNE_QUEUE_PREFIX });
    expect(worker).toEqual(coordinator);
    expect(parseDemoConfig(env)).toMatchObject({ redisUrl: env.REDIS_URL, queuePrefix: env.ATTUNE_QUEUE_PREFIX });
  });

  const rejected: Record<string, string>[] = [
    { REDIS_URL: 'http://cache:6379' },
    { REDIS_URL: 'nope' },
    { ATTUNE_QUEUE_PREFIX: 'a:b' },
    { ATTUNE_QUEUE_PREFIX: 'a b' },
    { ATTUNE_QUEUE_PREFIX: '{attune' },
    { ATTUNE_QUEUE_PREFIX: 'attune}' },
    { ATTUNE_QUEUE_PREFIX: '{}' },
    { ATTUNE_QUEUE_PREFIX: '{a}b' },
    { ATTUNE_QUEUE_PREFIX: '{a:b}' },
    { ATTUNE_QUEUE_PREFIX: '' },
  ];
  it.each(rejected)('coordinator and worker both reject %o with the same message', (env) => {
    const { coordinator, worker } = parseEverywhere(env);
    const [name] = Object.keys(env);
    expect(Array.isArray(coordinator) && coordinator.map((i) => i.path)).toEqual([name]);
    expect(worker).toEqual(coordinator);
  });

  it('says what a prefix may be, naming the hash tag', () => {
    const { coordinator } = parseEverywhere({ ATTUNE_QUEUE_PREFIX: 'a:b' });
    expect(coordinator).toEqual([
      { path: 'ATTUNE_QUEUE_PREFIX', message: 'must be letters, digits, ".", "_" or "-", optionally wrapped in braces as a Redis Cluster hash tag ({attune})' },
    ]);
    expect(() => parseDemoConfig({ ATTUNE_QUEUE_PREFIX: 'a:b' })).toThrow('ATTUNE_QUEUE_PREFIX: must be letters, digits');
  });
});
