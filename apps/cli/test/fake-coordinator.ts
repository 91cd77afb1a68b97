import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach } from 'vitest';
import type { StudySummary, TrialRow } from '@attune/core/api/responses';

/** One answer of the fake coordinator. */
export interface FakeResponse {
  status: number;
  body: unknown;
  /** Sent as a text/event-stream body instead of `body` (see `sseBody`). */
  sse?: string;
  /** Keep the event stream open after `sse` (a study still running). */
  hold?: boolean;
  /** Sent as a text/plain body as it is, instead of `body` as JSON (GET /studies/:id/best?format=env). */
  text?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  lastEventId?: string;
  /** The Authorization header, when one was sent. */
  authorization?: string;
}

/**
 * A tiny HTTP server speaking the coordinator's contract from a script of
 * answers, for CLI tests that must not need PostgreSQL and Redis. The real
 * coordinator is exercised by the end-to-end tests.
 */
export class FakeCoordinator {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;

  constructor(private readonly handler: (req: RecordedRequest) => FakeResponse) {}

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const lastEventId = req.headers['last-event-id'] as string | undefined;
      const { authorization } = req.headers;
      const recorded = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: await readBody(req),
        ...(lastEventId !== undefined && { lastEventId }),
        ...(authorization !== undefined && { authorization }),
      };
      this.requests.push(recorded);
      const answer = this.handler(recorded);
      if (answer.sse !== undefined) {
        res.writeHead(answer.status, { 'content-type': 'text/event-stream' });
        return void (answer.hold ? res.write(answer.sse) : res.end(answer.sse));
      }
      if (answer.text !== undefined) {
        res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end(answer.text);
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The fake coordinators of one spec file: `serve` starts one per test; each is stopped after its test. */
export interface FakeCoordinatorPerTest {
  /** Starts a fake answering with `handler`; resolves to its URL. */
  serve(handler: (req: RecordedRequest) => FakeResponse): Promise<string>;
  /** The one `serve` started in the running test. */
  readonly current: FakeCoordinator;
}

/** Call at the top of a spec file: registers the afterEach that stops the test's fake. */
export function fakeCoordinatorPerTest(): FakeCoordinatorPerTest {
  let fake: FakeCoordinator | undefined;
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
  });
  return {
    serve(handler) {
      fake = new FakeCoordinator(handler);
      return fake.start();
    },
    get current() {
      if (!fake) throw new Error('no fake coordinator is serving in this test');
      return fake;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

/** A study summary as the coordinator returns it, with overrides. */
export function studySummary(overrides: Partial<StudySummary> = {}): StudySummary {
  return {
    id: '6f1c2d3e-0000-4000-8000-000000000001',
    name: 'branin-demo',
    project: 'default',
    target: 'branin',
    state: 'RUNNING',
    direction: 'minimize',
    metric: 'value',
    objective: 'minimize value',
    objectives: { kind: 'single', objectives: [{ metric: 'value', direction: 'minimize' }], measurement: { repeats: 1, warmup: 0, aggregate: 'median' } },
    strategy: { name: 'random', seed: 7, options: {} },
    budget: { maxTrials: 30, parallelism: 4, trialTimeoutSec: 60 },
    parameters: [],
    createdAt: '2026-11-22T12:00:00.000Z',
    updatedAt: '2026-11-22T12:00:00.000Z',
    trials: { total: 0, queued: 0, running: 0, complete: 0, failed: 0, pruned: 0, timedOut: 0, cancelled: 0 },
    ...overrides,
  };
}

/** A COMPLETE trial of the study `studySummary()` returns, as GET /studies/:id/trials lists it, with overrides. */
export function trialRow(number: number, overrides: Partial<TrialRow> = {}): TrialRow {
  return {
    id: `6f1c2d3e-0000-4000-8000-${String(number).padStart(12, '0')}`,
    studyId: studySummary().id,
    number,
    state: 'COMPLETE',
    params: { x1: number, x2: 2 },
    value: number / 10,
    workerId: 'w1',
    createdAt: '2026-11-22T12:00:00.000Z',
    startedAt: '2026-11-22T12:00:00.000Z',
    endedAt: '2026-11-22T12:00:02.500Z',
    ...overrides,
  };
}

/** An SSE body carrying these events (each `{kind, ...}`) as the coordinator frames them, numbered from `firstSeq`. */
export function sseBody(studyId: string, events: readonly Record<string, unknown>[], firstSeq = 1): string {
  return events
    .map((e, i) => {
      const seq = firstSeq + i;
      return `id: ${seq}\nevent: ${String(e.kind)}\ndata: ${JSON.stringify({ studyId, seq, at: '2026-11-22T12:00:0' + (i % 10) + '.000Z', ...e })}\n\n`;
    })
    .join('');
}
