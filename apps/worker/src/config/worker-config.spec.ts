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
      cancelGraceMs: 500,
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

describe('the metrics endpoint of parseWorkerConfig', () => {
  it('is off unless ATTUNE_METRICS_PORT is set, and on loopback unless ATTUNE_METRICS_HOST says otherwise', () => {
    expect(parseWorkerConfig({ targetsFile: 't.yaml' }, {}).metrics).toBeUndefined();
    expect(parseWorkerConfig({ targetsFile: 't.yaml' }, { ATTUNE_METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(parseWorkerConfig({ targetsFile: 't.yaml' }, { ATTUNE_METRICS_PORT: '0', ATTUNE_METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ port: 0, host: '0.0.0.0' });
  });

  it('refuses a port that is not one, by name', () => {
    for (const port of ['', 'http', '-1', '65536', '80.5']) {
      expect(() => parseWorkerConfig({ targetsFile: 't.yaml' }, { ATTUNE_METRICS_PORT: port }), port).toThrow('ATTUNE_METRICS_PORT: must be a port number between 0 and 65535');
    }
  });
});
