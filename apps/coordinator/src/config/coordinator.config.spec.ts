import os from 'node:os';
import { ValidationError } from '@attune/core/errors/attune-error';
import { describe, expect, it } from 'vitest';
import { loadCoordinatorConfig } from './coordinator.config';
import { redisConnection } from '@attune/queue/redis-connection';

describe('loadCoordinatorConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadCoordinatorConfig({})).toEqual({
      database: { url: 'postgres://postgres@127.0.0.1:5432/attune', schema: 'public' },
      databasePoolSize: 10,
      databaseReadPoolSize: 3,
      migrate: true,
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'attune',
      port: 3000,
      host: '127.0.0.1',
      auth: { mode: 'auto', failuresPerMinute: 10 },
      http: { allowedOrigins: [], maxBodyBytes: 1024 * 1024 },
      sweepMs: 1000,
      timeoutGraceSec: 30,
      queuedTimeoutSec: 300,
      proposalThreads: Math.max(1, os.availableParallelism() - 1),
      proposalTimeoutSec: 120,
      logLevel: 'log',
      webhooks: { hosts: [], timeoutMs: 5000, maxAttempts: 6 },
      dashboard: {},
    });
  });

  it('lists every problem at once, naming each variable', () => {
    try {
      loadCoordinatorConfig({ PORT: 'eighty', REDIS_URL: 'http://x', ATTUNE_MIGRATE: 'maybe', DATABASE_SCHEMA: 'Bad-Name' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const paths = (e as ValidationError).issues.map((i) => i.path);
      expect(paths.sort()).toEqual(['ATTUNE_MIGRATE', 'DATABASE_SCHEMA', 'PORT', 'REDIS_URL']);
      expect((e as Error).message).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
    }
  });

  it('reads booleans and numbers from strings', () => {
    const c = loadCoordinatorConfig({ ATTUNE_MIGRATE: 'false', PORT: '0', ATTUNE_QUEUE_PREFIX: 't_1', ATTUNE_WEBHOOK_HOSTS: 'hooks.example.com,127.0.0.1:9000' });
    expect(c).toMatchObject({ migrate: false, port: 0, queuePrefix: 't_1' });
    expect(c.webhooks.hosts).toEqual([{ hostname: 'hooks.example.com' }, { hostname: '127.0.0.1', port: 9000 }]);
    expect(() => loadCoordinatorConfig({ ATTUNE_WEBHOOK_HOSTS: 'https://hooks.example.com/' })).toThrow(/ATTUNE_WEBHOOK_HOSTS: must list host or host:port entries/);
  });
});

describe('the HTTP settings', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadCoordinatorConfig({}).host).toBe('127.0.0.1');
    expect(loadCoordinatorConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads ATTUNE_ALLOWED_ORIGINS as browser origins, and refuses entries that are not origins', () => {
    const c = loadCoordinatorConfig({ ATTUNE_ALLOWED_ORIGINS: 'https://Dash.example.com, http://localhost:5173/,https://a.example:443' });
    expect(c.http.allowedOrigins).toEqual(['https://dash.example.com', 'http://localhost:5173', 'https://a.example']);
    for (const bad of ['dash.example.com', 'https://dash.example.com/app', 'ftp://x.example', 'https://u:p@x.example', 'https://x.example?q', '*']) {
      expect(() => loadCoordinatorConfig({ ATTUNE_ALLOWED_ORIGINS: `http://ok.example,${bad}` }), bad).toThrow(
        `ATTUNE_ALLOWED_ORIGINS: must list http(s) origins (scheme://host[:port], no path) separated by commas, got "${bad}"`,
      );
    }
  });

  it('reads ATTUNE_MAX_BODY_BYTES as a whole number of bytes', () => {
    expect(loadCoordinatorConfig({ ATTUNE_MAX_BODY_BYTES: '2048' }).http.maxBodyBytes).toBe(2048);
    expect(() => loadCoordinatorConfig({ ATTUNE_MAX_BODY_BYTES: '1mb' })).toThrow('ATTUNE_MAX_BODY_BYTES: must be a number');
    expect(() => loadCoordinatorConfig({ ATTUNE_MAX_BODY_BYTES: '10' })).toThrow('ATTUNE_MAX_BODY_BYTES: must be at least 1024');
  });
});

describe('redisConnection', () => {
  it('takes host, port, credentials, db and TLS from the URL', () => {
    expect(redisConnection('rediss://u:p%40ss@cache:6380/2')).toEqual({ host: 'cache', port: 6380, username: 'u', password: 'p@ss', db: 2, tls: {} });
    expect(redisConnection('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379 });
  });
});

describe('the dashboard settings', () => {
  it('reads ATTUNE_TRACE_URL as a template with {traceId}, and refuses others', () => {
    expect(loadCoordinatorConfig({}).dashboard).toEqual({});
    expect(loadCoordinatorConfig({ ATTUNE_TRACE_URL: 'http://localhost:16686/trace/{traceId}' }).dashboard).toEqual({ traceUrl: 'http://localhost:16686/trace/{traceId}' });
    expect(() => loadCoordinatorConfig({ ATTUNE_TRACE_URL: 'http://localhost:16686/trace/' })).toThrow(/ATTUNE_TRACE_URL: must contain \{traceId\}/);
    expect(() => loadCoordinatorConfig({ ATTUNE_TRACE_URL: 'javascript:alert(1)//{traceId}' })).toThrow(/ATTUNE_TRACE_URL: must be an http\(s\) URL/);
  });
});
