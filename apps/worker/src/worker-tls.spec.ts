import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationQueueName, RESULTS_QUEUE } from '@attune/queue/queue-names';
import { redisConnection } from '@attune/queue/redis-connection';
import { redisProblem } from '@attune/queue/redis-probe';
import { redisTlsOf, type RedisTls } from '@attune/queue/redis-tls';
import { freePort } from '../../../test/support/attune-processes';
import { expectEventually } from '../../../test/support/expect-eventually';
import { startWorker, type WorkerHandle } from './main';

// A Redis of this test's own that speaks only TLS and asks every client for a certificate signed by the test's CA.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-tls-'));
const file = (name: string) => path.join(dir, name);
const objectives = path.resolve(__dirname, '..', '..', '..', 'examples', 'targets', 'objectives.mjs');
let server: ChildProcess;
let url = '';
let tls: RedisTls;
let admin: Redis;
let worker: WorkerHandle | undefined;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A key and a certificate signed by the test CA, for `subject` (with `san` as its subjectAltName). */
function signed(name: string, subject: string, san?: string): void {
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
  if (san) fs.writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\n`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', ...(san ? ['-extfile', `${name}.ext`] : []));
}

beforeAll(async () => {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=attune-test-ca');
  signed('server', '/CN=127.0.0.1', 'IP:127.0.0.1');
  signed('client', '/CN=attune-worker');
  const port = await freePort();
  url = `rediss://127.0.0.1:${port}`;
  server = spawn('redis-server', ['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--tls-cert-file', file('server.pem'), '--tls-key-file', file('server.key'), '--tls-ca-cert-file', file('ca.pem'), '--tls-auth-clients', 'yes', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  tls = redisTlsOf({ REDIS_URL: url, REDIS_TLS_CA_FILE: file('ca.pem'), REDIS_TLS_CERT_FILE: file('client.pem'), REDIS_TLS_KEY_FILE: file('client.key') })!;
  await expectEventually(async () => expect(await redisProblem(url, 500, tls)).toBeUndefined());
  admin = new Redis({ ...redisConnection(url, 'tls-test', tls), maxRetriesPerRequest: null });
});

afterAll(async () => {
  await worker?.close();
  admin?.disconnect();
  server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Redis over TLS (rediss://)', () => {
  it("is refused without the server's CA, and without a client certificate where Redis asks for one", async () => {
    expect(await redisProblem(url, 2000)).toMatch(/certificate/);
    const caOnly = redisTlsOf({ REDIS_URL: url, REDIS_TLS_CA_FILE: file('ca.pem') });
    expect(await redisProblem(url, 2000, caOnly)).toBeDefined();
  });

  it('serves a real worker given REDIS_TLS_CA_FILE, REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE', async () => {
    const targets = file('targets.yaml');
    fs.writeFileSync(targets, `targets:\n  - {name: sum, type: module, module: ${objectives}, export: sum}\n`);
    const env = { PATH: process.env.PATH, REDIS_URL: url, REDIS_TLS_CA_FILE: file('ca.pem'), REDIS_TLS_CERT_FILE: file('client.pem'), REDIS_TLS_KEY_FILE: file('client.key'), ATTUNE_QUEUE_PREFIX: 'tls', ATTUNE_WORKER_ID: 'tls-worker' };
    worker = await startWorker({ targetsFile: targets, concurrency: 1, env, log: () => undefined });
    const queue = new Queue(evaluationQueueName('sum'), { connection: admin, prefix: 'tls' });
    const results = new Queue(RESULTS_QUEUE, { connection: admin, prefix: 'tls' });
    const trialId = randomUUID();
    await queue.add('evaluate-trial', { studyId: randomUUID(), trialId, trialNumber: 0, target: 'sum', params: { x: 2, y: 3 }, metric: 'value', timeoutSec: 10 }, { jobId: trialId });
    const result = await expectEventually(async () => (await results.getJob(trialId))!.data);
    expect(result).toMatchObject({ trialId, outcome: 'COMPLETE', metrics: { value: 5 }, workerId: 'tls-worker' });
    await Promise.all([queue.close(), results.close()]);
  });

  it('names the variable of a TLS setting that cannot work', () => {
    expect(() => redisTlsOf({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_TLS_CA_FILE: file('ca.pem') })).toThrow('REDIS_TLS_CA_FILE: needs a rediss:// REDIS_URL (TLS); with redis:// it would be ignored');
    expect(() => redisTlsOf({ REDIS_URL: url, REDIS_TLS_CERT_FILE: file('client.pem') })).toThrow('REDIS_TLS_KEY_FILE: a client certificate needs both REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE');
    expect(() => redisTlsOf({ REDIS_URL: url, REDIS_TLS_CA_FILE: file('missing.pem') })).toThrow(`REDIS_TLS_CA_FILE: cannot read ${file('missing.pem')}: ENOENT`);
    expect(redisTlsOf({ REDIS_URL: url })).toBeUndefined();
  });
});
