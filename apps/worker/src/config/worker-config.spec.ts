import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseWorkerConfig } from './worker-config';

describe('parseWorkerConfig', () => {
  it('applies the defaults', () => {
    const config = parseWorkerConfig({ targetsFile: 't.yaml' }, { PATH: '/bin' });
    expect(config).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'attune',
      workerId: `${os.hostname()}:${process.pid}`,
      targetsFile: 't.yaml',
      concurrency: 1,
      shutdownGraceMs: 10_000,
      killGraceMs: 2_000,
      logLevel: 'log',
      hostEnv: { PATH: '/bin' },
    });
  });

  it('reads the environment', () => {
    const env = { REDIS_URL: 'redis://cache:6380/2', ATTUNE_QUEUE_PREFIX: 'prod', ATTUNE_WORKER_ID: 'w-1', LOG_LEVEL: 'debug' };
    expect(parseWorkerConfig({ targetsFile: 't.yaml', concurrency: 4 }, env)).toMatchObject({
      redisUrl: 'redis://cache:6380/2',
      queuePrefix: 'prod',
      workerId: 'w-1',
      concurrency: 4,
      logLevel: 'debug',
    });
  });

  it('lists every problem at once', () => {
    expect(() => parseWorkerConfig({ targetsFile: '', concurrency: 0 }, { REDIS_URL: 'nope', ATTUNE_QUEUE_PREFIX: 'a:b', LOG_LEVEL: 'info' })).toThrow(
      'invalid worker configuration: REDIS_URL: must be a redis:// or rediss:// URL; ATTUNE_QUEUE_PREFIX: must be letters, digits, ".", "_" or "-", optionally wrapped in braces as a Redis Cluster hash tag ({attune}); LOG_LEVEL: must be one of error, warn, log, debug, verbose; targetsFile: must name a targets file; concurrency: must be 1 or more',
    );
  });
});
