import { studyEventMessageSchema } from '@attune/core/events/study-event';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually';
import { FakeEvaluationWorker } from '../../../test/support/fake-evaluation-worker';
import { studySpec, testCoordinator, type TestCoordinator } from '../../../test/support/test-coordinator';
import { startCoordinator, type RunningCoordinator } from '../src/main';

interface Received {
  readonly key: string;
  readonly attempt: string;
  readonly event: string;
  readonly body: unknown;
}

/** A webhook receiver that answers 500 to the first two deliveries of each event, then 200. */
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let tc: TestCoordinator;
let second: RunningCoordinator;
let worker: FakeEvaluationWorker;

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const key = String(req.headers['idempotency-key']);
    received.push({ key, attempt: String(req.headers['x-attune-delivery-attempt']), event: String(req.headers['x-attune-event']), body: JSON.parse(text) });
    res.writeHead(received.filter((r) => r.key === key).length <= 2 ? 500 : 200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as { port: number }).port;
  receiverUrl = `http://127.0.0.1:${port}/hooks/attune`;
  const env = { ATTUNE_WEBHOOK_HOSTS: `hooks.example.com,127.0.0.1:${port}` };
  tc = testCoordinator(env);
  await tc.start();
  // A second coordinator on the same database: it must not deliver the first one's events again.
  second = await startCoordinator({ env: { ...tc.iso.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env } });
  worker = new FakeEvaluationWorker({
    redisUrl: tc.iso.redisUrl,
    queuePrefix: tc.iso.queuePrefix,
    target: 'hooked',
    evaluate: (job) => ({ metrics: { value: job.trialNumber } }),
  });
});
afterAll(async () => {
  await worker?.close();
  await second?.close();
  await tc?.destroy();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('study webhooks', () => {
  it('POSTs the listed kinds as JSON, retried with backoff until a 2xx, with the same idempotency key, by one coordinator only', async () => {
    const res = await tc.http.post('/studies', studySpec({ name: 'hooked', target: 'hooked', budget: { maxTrials: 3, parallelism: 1 }, notify: { url: receiverUrl, events: ['study-ended'] } }));
    expect(res.status).toBe(201);
    expect(res.body.notify).toEqual({ url: receiverUrl, events: ['study-ended'] });
    const id = res.body.id as string;
    await expectEventually(() => expect(received.map((r) => r.attempt)).toEqual(['1', '2', '3']), { timeoutMs: 15_000 });
    const keys = new Set(received.map((r) => r.key));
    expect([...keys]).toHaveLength(1);
    const message = studyEventMessageSchema.parse(received[0].body);
    expect(message).toMatchObject({ studyId: id, kind: 'study-ended', state: 'COMPLETE' });
    expect([...keys][0]).toBe(`${id}:${message.seq}`);
    expect(received.every((r) => r.event === 'study-ended')).toBe(true);
    expect(received.map((r) => r.body)).toEqual([message, message, message]);
  });

  it('refuses at submit a webhook whose host the operator did not allow, naming notify.url', async () => {
    const res = await tc.http.post('/studies', studySpec({ notify: { url: 'http://169.254.169.254/latest/meta-data' } }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'INVALID_SPEC',
      issues: [{ path: 'notify.url', message: `host "169.254.169.254" is not in the coordinator's webhook allow-list (ATTUNE_WEBHOOK_HOSTS)` }],
    });
    const port = await tc.http.post('/studies', studySpec({ notify: { url: 'https://hooks.example.com:8443/x' } }));
    expect(port.body.issues).toEqual([{ path: 'notify.url', message: expect.stringContaining('hooks.example.com:8443') }]);
  });
});
