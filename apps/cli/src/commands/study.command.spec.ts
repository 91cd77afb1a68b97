import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeCoordinatorPerTest, sseBody, studySummary } from '../../test/fake-coordinator';
import { cli } from '../../test/run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'attune-cli-'));
const exampleSpec = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'branin.study.yaml');
const fakes = fakeCoordinatorPerTest();
const serve = fakes.serve;

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('attune study', () => {
  it('says which URL is unreachable and how to start the coordinator', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await cli(['study', 'list', '--url', url]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`attune: cannot reach the coordinator at ${url} (connection refused): start it with \`attune coordinator\`, or pass --url / set ATTUNE_URL`);
  });

  it('takes the default URL from ATTUNE_URL', async () => {
    const url = await serve(() => ({ status: 200, body: { items: [], total: 0 } }));
    const r = await cli(['study', 'list'], { ATTUNE_URL: url });
    expect(r.stdout.trim()).toBe('no studies');
  });

  it("shows the server's message on an HTTP error", async () => {
    const url = await serve(() => ({ status: 404, body: { statusCode: 404, error: 'NOT_FOUND', message: 'study 42 not found' } }));
    const r = await cli(['study', 'show', '42', '--url', url]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('attune: study 42 not found (HTTP 404 on GET /studies/42)');
  });

  it('lists studies as a table and as JSON', async () => {
    const s = studySummary({ state: 'COMPLETE', best: { number: 3, params: { x1: 1, x2: 2 }, value: 0.5 } });
    const url = await serve(() => ({ status: 200, body: { items: [s], total: 1 } }));
    const table = await cli(['study', 'list', '--url', url]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+PROJECT\s+STATE/);
    expect(table.stdout).toContain('branin-demo');
    const json = await cli(['study', 'list', '--json', '--state', 'complete', '--url', url]);
    expect(JSON.parse(json.stdout)).toEqual({ items: [s], total: 1 });
    expect(fakes.current.requests.at(-1)?.path).toBe('/studies?state=COMPLETE&limit=50&offset=0');
  });

  it('validates the spec locally and shows file:line:col, without calling the coordinator', async () => {
    const url = await serve(() => ({ status: 500, body: {} }));
    const file = path.join(dir, 'bad.study.yaml');
    writeFileSync(
      file,
      ['name: bad', 'target: branin', 'parameters:', '  - {name: x1, type: float, min: 5, max: 1}', 'objective: {direction: minimize}', 'strategy: {name: random}', 'budget: {maxTrials: 10}', ''].join('\n'),
    );
    const r = await cli(['study', 'run', file, '--url', url]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`attune: invalid study spec ${file} (1 problem):`);
    expect(lines[1]).toMatch(new RegExp(`^  ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: parameters\\[0\\]\\.max: `));
    expect(fakes.current.requests).toHaveLength(0);
  });

  it('reports a missing spec file in one line', async () => {
    const r = await cli(['study', 'run', path.join(dir, 'none.yaml')]);
    expect(r.stderr.trim()).toBe(`attune: cannot read study spec ${path.join(dir, 'none.yaml')}: no such file`);
  });

  it('lists every issue the server returns for a rejected spec', async () => {
    const issues = [{ path: 'target', message: 'no worker serves this target' }, { path: 'budget.maxTrials', message: 'too large' }];
    const url = await serve(() => ({ status: 400, body: { statusCode: 400, error: 'INVALID_SPEC', message: 'x', issues } }));
    const r = await cli(['study', 'run', exampleSpec, '--url', url]);
    expect(r.stderr.trim().split('\n')).toEqual(['attune: the coordinator rejected the request (HTTP 400):', '  target: no worker serves this target', '  budget.maxTrials: too large']);
  });

  it('shows a single server issue on one line', async () => {
    const url = await serve(() => ({ status: 400, body: { statusCode: 400, error: 'INVALID_ARGUMENT', message: 'id: must be a UUID', issues: [{ path: 'id', message: 'must be a UUID' }] } }));
    const r = await cli(['study', 'best', 'nope', '--url', url]);
    expect(r.stderr).toBe('attune: id: must be a UUID (HTTP 400 on GET /studies/nope/best)\n');
  });

  it('prints the id without --wait', async () => {
    const url = await serve(() => ({ status: 201, body: studySummary() }));
    const r = await cli(['study', 'run', exampleSpec, '--url', url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${studySummary().id}\n`);
    expect(fakes.current.requests[0]).toMatchObject({ method: 'POST', path: '/studies', body: { name: 'branin-demo', target: 'branin' } });
  });

  it('follows the study with --wait --json and prints one JSON object, with no progress off a TTY', async () => {
    const best = { number: 11, params: { x1: 3.1, x2: 2.2 }, value: 0.41 };
    const counts = { total: 30, queued: 0, running: 0, complete: 29, failed: 1, pruned: 0, timedOut: 0, cancelled: 0 };
    const final = studySummary({ state: 'COMPLETE', stopReason: 'maxTrials reached (30)', trials: counts, best });
    const id = studySummary().id;
    const trialId = '6f1c2d3e-0000-4000-8000-0000000000aa';
    const events = sseBody(id, [{ kind: 'trial-finished', trialId, number: 11, state: 'COMPLETE', value: 0.41 }, { kind: 'study-ended', state: 'COMPLETE', reason: 'maxTrials reached (30)' }]);
    const url = await serve((req) => {
      if (req.method === 'POST') return { status: 201, body: studySummary() };
      if (req.path.endsWith('/events')) return { status: 200, body: undefined, sse: events };
      if (req.path.endsWith('/verification')) return { status: 404, body: { statusCode: 404, message: `study ${id} has no verification` } };
      return { status: 200, body: final };
    });
    const r = await cli(['study', 'run', exampleSpec, '--wait', '--json', '--interval', '50', '--url', url]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ id, name: 'branin-demo', state: 'COMPLETE', stopReason: 'maxTrials reached (30)', trials: counts, best, warnings: [] });
    expect(fakes.current.requests.filter((q) => q.path.endsWith('/events'))).toHaveLength(1);
  });

  it('waits for the verification that follows a COMPLETE study, and prints its verdict', async () => {
    const final = studySummary({ state: 'COMPLETE', stopReason: 'maxTrials reached (30)' });
    const id = final.id;
    const events = sseBody(id, [{ kind: 'study-ended', state: 'COMPLETE', reason: 'maxTrials reached (30)' }]);
    const comparison = { improvement: { estimate: 0.07, low: 0.021, high: 0.119 }, p: 0.003, test: 'welch', significant: true, count: { candidate: 5, baseline: 5 } };
    const running = { id: 'v1', state: 'RUNNING', options: { repeats: 5, top: 2, seed: 0 }, progress: { taken: 4, total: 15 }, candidates: [0, 7, 9] };
    const done = {
      ...running,
      state: 'COMPLETE',
      progress: { taken: 15, total: 15 },
      report: { winner: 7, significant: true, baselineTrial: 0, winnerParams: { x1: 3.1 }, measured: 15, failed: 0, candidates: [{ trial: 7, comparison, perMetric: { value: comparison }, significant: true }] },
    };
    let asked = 0;
    const url = await serve((req) => {
      if (req.method === 'POST') return { status: 201, body: studySummary() };
      if (req.path.endsWith('/events')) return { status: 200, body: undefined, sse: events };
      if (req.path.endsWith('/verification')) return { status: 200, body: asked++ < 2 ? running : done };
      return { status: 200, body: final };
    });
    const r = await cli(['study', 'run', exampleSpec, '--wait', '--url', url]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('verifying the winner: 4/15 re-measurements of trials #0, #7, #9');
    expect(r.stdout).toContain('verification: winner #7, significantly better than the baseline; 15 re-measurements, baseline #0');
    expect(r.stdout).toContain("score:   +7.0% [+2.1%, +11.9%] p=0.003 (Welch's t)");
  });

  it('exits 2 when the followed study FAILED, and prints the outcome for people', async () => {
    const failed = studySummary({ state: 'FAILED', stopReason: '5 trials failed (maxFailedTrials 4)', trials: { total: 5, queued: 0, running: 0, complete: 0, failed: 5, pruned: 0, timedOut: 0, cancelled: 0 } });
    const events = sseBody(failed.id, [{ kind: 'study-ended', state: 'FAILED', reason: '5 trials failed (maxFailedTrials 4)' }]);
    const url = await serve((req) => {
      if (req.path.endsWith('/events')) return { status: 200, body: undefined, sse: events };
      return { status: req.method === 'POST' ? 201 : 200, body: req.method === 'POST' ? studySummary() : failed };
    });
    const r = await cli(['study', 'run', exampleSpec, '--wait', '--interval', '50', '--url', url]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('study branin-demo FAILED: 5 trials failed (maxFailedTrials 4)');
    expect(r.stdout).toContain('no trial completed');
    expect(r.stderr).toContain('branin-demo: 5/30 trials finished, 5 failed, 0 running, best -');
  });

  it('watches a study: one line per event, resuming after a dropped stream, exit 2 when it FAILED', async () => {
    const id = studySummary().id;
    const trialId = '6f1c2d3e-0000-4000-8000-0000000000aa';
    const first = sseBody(id, [{ kind: 'study-created', name: 'branin-demo', target: 'branin', maxTrials: 30 }, { kind: 'trial-started', trialId, number: 0 }]);
    const second = sseBody(id, [{ kind: 'trial-finished', trialId, number: 0, state: 'FAILED', error: 'boom' }, { kind: 'study-ended', state: 'FAILED', reason: '1 trials failed (maxFailedTrials 0)' }], 3);
    const url = await serve((req) => {
      const after = req.path.endsWith('/events') ? (fakes.current.requests.filter((q) => q.path.endsWith('/events')).length === 1 ? first : second) : undefined;
      if (after !== undefined) return { status: 200, body: undefined, sse: after };
      return { status: 200, body: studySummary() };
    });
    const r = await cli(['study', 'watch', id, '--url', url]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      '#1 12:00:00 study-created branin-demo (target branin, 30 trials)',
      '#2 12:00:01 trial-started #0',
      '#3 12:00:00 trial-finished #0 FAILED: boom',
      '#4 12:00:01 study-ended FAILED: 1 trials failed (maxFailedTrials 0)',
    ]);
    // The first stream ended without study-ended: the study was still RUNNING, so it reconnected after event 2.
    expect(fakes.current.requests.filter((q) => q.path.endsWith('/events')).map((q) => q.lastEventId)).toEqual(['0', '2']);
    const json = await cli(['study', 'watch', id, '--json', '--since', '2', '--url', url]);
    expect(json.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).seq)).toEqual([3, 4]);
  });
});
