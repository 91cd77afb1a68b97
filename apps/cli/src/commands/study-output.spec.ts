import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectEventually } from '../../../../test/support/expect-eventually';
import { fakeCoordinatorPerTest, sseBody, studySummary, trialRow, type FakeResponse, type RecordedRequest } from '../../test/fake-coordinator';
import { cli } from '../../test/run-cli';
import type { StudySummary, TrialRow, WorkerRow } from '@attune/core/api/responses';

const exampleSpec = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'branin.study.yaml');
const id = studySummary().id;
const EVIL = 'x\u001b[2J\u001b[Hfake\u009b31m';
const fakes = fakeCoordinatorPerTest();
const serve = fakes.serve;

// The spec declares x2 before x1; the coordinator's jsonb returns params in its own order.
const parameters: StudySummary['parameters'] = [
  { name: 'x2', type: 'float', min: 0, max: 15 },
  { name: 'x1', type: 'float', min: -5, max: 10 },
];

const trial = trialRow;

/** Serves `trials` through GET /studies/:id/trials with the coordinator's limit/offset paging. */
function trialsServer(trials: readonly TrialRow[]): (req: RecordedRequest) => FakeResponse {
  return (req) => {
    const url = new URL(req.path, 'http://x');
    if (!url.pathname.endsWith('/trials')) return { status: 200, body: studySummary({ parameters }) };
    const state = url.searchParams.get('state');
    const matching = trials.filter((t) => !state || t.state === state);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    return { status: 200, body: { items: matching.slice(offset, offset + limit), total: matching.length } };
  };
}

describe('output holds no control characters from the server', () => {
  it('escapes them in study list, show and trials, and JSON keeps the value', async () => {
    const s = studySummary({ name: EVIL, stopReason: `ended\u001b]0;title\u0007`, state: 'COMPLETE', endedAt: '2026-11-22T12:01:00.000Z' });
    const url = await serve((req) => {
      if (req.path.includes('/trials')) return { status: 200, body: { items: [trial(0, { state: 'FAILED', error: `boom\u001b[31m\nsecond` })], total: 1 } };
      if (req.path.startsWith('/studies?')) return { status: 200, body: { items: [s], total: 1 } };
      return { status: 200, body: s };
    });
    for (const args of [['study', 'list'], ['study', 'show', id], ['study', 'trials', id], ['study', 'trials', id, '--state', 'FAILED']]) {
      const r = await cli([...args, '--url', url]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    expect((await cli(['study', 'show', id, '--url', url])).stdout).toContain('x\\x1b[2J\\x1b[Hfake\\x9b31m');
    const json = await cli(['study', 'show', id, '--json', '--url', url]);
    expect(json.stdout).not.toMatch(/[\u007f-\u009f]/);
    expect(JSON.parse(json.stdout).name).toBe(EVIL);
  });

  it('escapes them in error messages the coordinator sends', async () => {
    const url = await serve(() => ({ status: 404, body: { statusCode: 404, error: 'NOT_FOUND', message: `study ${EVIL} not found` } }));
    const r = await cli(['study', 'show', id, '--url', url]);
    expect(r.stderr).toBe('attune: study x\\x1b[2J\\x1b[Hfake\\x9b31m not found (HTTP 404 on GET /studies/6f1c2d3e-0000-4000-8000-000000000001)\n');
  });
});

describe('workers and warnings', () => {
  const workerRow = (): WorkerRow => ({
    id: 'host-a:123',
    host: 'host-a',
    pid: 123,
    targets: ['branin', 'service-latency'],
    concurrency: 2,
    version: '0.1.0',
    startedAt: new Date(Date.now() - 65_000).toISOString(),
    heartbeatAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 15_000).toISOString(),
  });

  it('`attune workers` lists the live workers as a table and as JSON, and says when there is none', async () => {
    const worker = workerRow();
    let items = [worker];
    const url = await serve(() => ({ status: 200, body: { items, total: items.length } }));
    const table = await cli(['workers', '--url', url]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+TARGETS\s+CONCURRENCY\s+HOST\s+PID\s+VERSION\s+UP\s+HEARTBEAT$/);
    expect(table.stdout).toMatch(/host-a:123\s+branin,service-latency\s+2\s+host-a\s+123\s+0\.1\.0\s+1m\d\ds\s+[\d.]+m?s ago$/m);
    expect(JSON.parse((await cli(['workers', '--json', '--url', url])).stdout)).toEqual({ items: [worker], total: 1 });
    expect(fakes.current.requests.at(-1)?.path).toBe('/workers');
    items = [];
    expect((await cli(['workers', '--url', url])).stdout).toBe('no live workers (start one with: attune worker --targets FILE)\n');
  });

  it('`study run` prints the coordinator\'s warnings on stderr, and `study show` shows them', async () => {
    const warnings = ['no live worker serves target "Branin"; did you mean "branin"? (target names are case-sensitive)'];
    const url = await serve(() => ({ status: 201, body: { ...studySummary(), warnings } }));
    const run = await cli(['study', 'run', exampleSpec, '--url', url]);
    expect(run.stdout).toBe(`${id}\n`);
    expect(run.stderr).toBe(`attune: warning: ${warnings[0]}\n`);
    expect(JSON.parse((await cli(['study', 'run', exampleSpec, '--json', '--url', url])).stdout).warnings).toEqual(warnings);
    expect((await cli(['study', 'show', id, '--url', url])).stdout).toContain(`warning:     ${warnings[0]}\n`);
  });
});

describe('study trials', () => {
  const many = Array.from({ length: 2345 }, (_, i) => trial(i));

  it('--all --json streams every page into one valid JSON document that is not partial', async () => {
    const url = await serve(trialsServer(many));
    const r = await cli(['study', 'trials', id, '--all', '--json', '--url', url]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ total: 2345, limit: null, offset: 0, partial: false });
    expect(out.items.map((t: TrialRow) => t.number)).toEqual(many.map((t) => t.number));
    expect(fakes.current.requests.filter((q) => q.path.includes('/trials')).map((q) => new URL(q.path, 'http://x').searchParams.get('offset'))).toEqual(['0', '1000', '2000']);
  });

  it('says in JSON, and on stderr, when a page is partial', async () => {
    const url = await serve(trialsServer(many));
    const r = await cli(['study', 'trials', id, '--json', '--limit', '10', '--offset', '5', '--url', url]);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ total: 2345, limit: 10, offset: 5, partial: true });
    expect(out.items).toHaveLength(10);
    expect(r.stderr).toBe('attune: 10 of 2345 trials printed; --all prints every one\n');
  });

  it('--csv prints one column per parameter in the spec\'s order, every trial with --all', async () => {
    const url = await serve(trialsServer([trial(0, { note: 'dropped: extra' }), trial(1, { state: 'FAILED', value: undefined, error: 'exit 1, "oops"' })]));
    const r = await cli(['study', 'trials', id, '--csv', '--all', '--url', url]);
    expect(r.stdout.split('\n')).toEqual([
      'number,state,value,x2,x1,worker,duration_ms,error,note,created_at,started_at,ended_at,origin,feasible,violation,pareto_front,improvement_score,improvement_value,trace_id,last_step',
      '0,COMPLETE,0,2,0,w1,2500,,dropped: extra,2026-11-22T12:00:00.000Z,2026-11-22T12:00:00.000Z,2026-11-22T12:00:02.500Z,,,,,,,,',
      '1,FAILED,,2,1,w1,2500,"exit 1, ""oops""",,2026-11-22T12:00:00.000Z,2026-11-22T12:00:00.000Z,2026-11-22T12:00:02.500Z,,,,,,,,',
      '',
    ]);
  });

  it('shows parameters in the spec\'s order, durations and the worker of a running trial', async () => {
    const running = trial(1, { state: 'RUNNING', value: undefined, endedAt: undefined, workerId: 'host-b:7', startedAt: new Date(Date.now() - 3000).toISOString() });
    const url = await serve(trialsServer([trial(0), running]));
    const lines = (await cli(['study', 'trials', id, '--url', url])).stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+STATE\s+VALUE\s+PARAMS\s+WORKER\s+DURATION\s+ERROR$/);
    expect(lines[1]).toMatch(/^0\s+COMPLETE\s+0\s+x2=2, x1=0\s+w1\s+2\.5s$/);
    expect(lines[2]).toMatch(/^1\s+RUNNING\s+-\s+x2=2, x1=1\s+host-b:7\s+3\.\ds$/);
  });

  it('shows each trial\'s trace id when tracing was on, and no TRACE column when it was off', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const url = await serve(trialsServer([trial(0, { traceId }), trial(1, { state: 'FAILED', value: undefined, error: 'boom', traceId })]));
    const lines = (await cli(['study', 'trials', id, '--url', url])).stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+STATE\s+VALUE\s+PARAMS\s+WORKER\s+DURATION\s+TRACE\s+ERROR$/);
    expect(lines[1]).toMatch(new RegExp(`2\\.5s\\s+${traceId}$`));
    expect((await cli(['study', 'trials', id, '--state', 'FAILED', '--url', url])).stdout).toContain(`  trace:  ${traceId}\n`);
    const untraced = await serve(trialsServer([trial(0)]));
    expect((await cli(['study', 'trials', id, '--url', untraced])).stdout).not.toContain('TRACE');
  });

  it('cuts errors to the terminal\'s width and says how to see them whole: --wide, or --state FAILED', async () => {
    const error = `command exited with code 1: ${'stderr tail '.repeat(20)}END\nlast line`;
    const url = await serve(trialsServer([trial(0, { state: 'FAILED', value: undefined, error })]));
    const narrow = await cli(['study', 'trials', id, '--url', url], {}, { stdoutColumns: 100 });
    const lines = narrow.stdout.trimEnd().split('\n');
    expect(lines[1].length).toBeLessThanOrEqual(100);
    expect(lines[1]).toMatch(/…$/);
    expect(lines.at(-1)).toBe("(errors cut to the terminal's width: --wide, or --state FAILED, shows them whole)");
    const wide = await cli(['study', 'trials', id, '--wide', '--url', url], {}, { stdoutColumns: 100 });
    expect(wide.stdout).toContain('END last line');
    const detail = await cli(['study', 'trials', id, '--state', 'failed', '--url', url], {}, { stdoutColumns: 100 });
    expect(detail.stdout.split('\n')).toEqual(['#0 FAILED  2.5s  worker w1', '  params: x2=2, x1=0', `  error:  command exited with code 1: ${'stderr tail '.repeat(20)}END`, '          last line', '', '']);
  });
});

describe('Ctrl-C while following a study', () => {
  it('restores the cursor, never turns line wrap off, exits 130, and `study watch` follows the study again', async () => {
    const running = studySummary({ createdAt: new Date(Date.now() - 5000).toISOString(), trials: { total: 4, queued: 0, running: 2, complete: 2, failed: 0, pruned: 0, timedOut: 0, cancelled: 0 } });
    let ended = false;
    const url = await serve((req) => {
      if (req.method === 'POST') return { status: 201, body: { ...studySummary(), warnings: [] } };
      if (req.path.endsWith('/events')) {
        if (!ended) return { status: 200, body: undefined, sse: sseBody(id, [{ kind: 'study-created', name: 'branin-demo', target: 'branin', maxTrials: 1 }]), hold: true };
        return { status: 200, body: undefined, sse: sseBody(id, [{ kind: 'study-created', name: 'branin-demo', target: 'branin', maxTrials: 1 }, { kind: 'study-ended', state: 'COMPLETE', reason: 'maxTrials reached (1)' }]) };
      }
      return { status: 200, body: ended ? studySummary({ state: 'COMPLETE', trials: { ...running.trials, running: 0, complete: 1, total: 1 } }) : running };
    });
    let interrupt: (() => void) | undefined;
    const following = cli(['study', 'run', exampleSpec, '--wait', '--interval', '50', '--url', url], {}, {
      stderrColumns: 120,
      onInterrupt: (listener) => {
        interrupt = listener;
        return () => (interrupt = undefined);
      },
    });
    await expectEventually(() => expect(fakes.current.requests.filter((q) => q.path === `/studies/${id}`).length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 200));
    interrupt!();
    const r = await following;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('\u001b[?25l');
    expect(r.stderr.lastIndexOf('\u001b[?25h')).toBeGreaterThan(r.stderr.lastIndexOf('\u001b[?25l'));
    expect(r.stderr).not.toContain('\u001b[?7l');
    expect(r.stderr).toMatch(/branin-demo \[█+░+\] 2\/30 \| 2 running \| 0 failed \| best - \| [56]\.\ds elapsed \| ETA 1m\d\ds/);
    expect(r.stderr).toContain(`follow it again with: attune study watch ${id}`);
    ended = true;
    const watch = await cli(['study', 'watch', id, '--url', url]);
    expect(watch.code).toBe(0);
    expect(watch.stdout).toContain('study-created branin-demo (target branin, 1 trial)');
    expect(watch.stdout).toContain('study-ended COMPLETE: maxTrials reached (1)');
  });
});
