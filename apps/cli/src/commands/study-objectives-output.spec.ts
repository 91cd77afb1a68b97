import { describe, expect, it } from 'vitest';
import { fakeCoordinatorPerTest, studySummary, trialRow, type FakeResponse, type RecordedRequest } from '../../test/fake-coordinator';
import { cli } from '../../test/run-cli';
import type { BestTrial, StudySummary, TrialRow } from '@attune/core/api/responses';

const fakes = fakeCoordinatorPerTest();
const id = studySummary().id;
const parameters: StudySummary['parameters'] = [
  { name: 'workers', type: 'int', min: 1, max: 32 },
  { name: 'flags', type: 'categorical', values: ['-O2', '-O2 -g'] },
];

const constrained = studySummary({
  parameters,
  metric: 'p99',
  objective: 'minimize p99',
  objectives: {
    kind: 'single',
    objectives: [{ metric: 'p99', direction: 'minimize' }],
    constraints: [{ metric: 'mem', max: 100 }],
    measurement: { repeats: 3, warmup: 1, aggregate: 'median' },
    baseline: true,
  },
  baseline: { number: 0, state: 'COMPLETE', params: { workers: 4, flags: '-O2' }, metrics: { p99: 10, mem: 50 } },
  best: { number: 3, params: { flags: '-O2 -g', workers: 8 }, value: 8, metrics: { p99: 8, mem: 80 }, feasible: true, improvement: { perMetric: { p99: 0.2 }, score: 0.2 } },
});

const front: BestTrial[] = [
  { number: 1, params: { workers: 1, flags: '-O2' }, metrics: { p99: 10, rps: 100 } },
  { number: 4, params: { workers: 4, flags: '-O2' }, metrics: { p99: 4, rps: 40 } },
];
const pareto = studySummary({
  parameters,
  direction: undefined,
  metric: undefined,
  objective: 'pareto front of minimize p99, maximize rps',
  objectives: {
    kind: 'pareto',
    objectives: [
      { metric: 'p99', direction: 'minimize' },
      { metric: 'rps', direction: 'maximize' },
    ],
    measurement: { repeats: 1, warmup: 0, aggregate: 'median' },
  },
});

const trial = (number: number, overrides: Partial<TrialRow> = {}) => trialRow(number, { params: { workers: number, flags: '-O2' }, value: number, ...overrides });

/** The coordinator's answers for one study: its summary, its best (JSON or text by `format`), its trials. */
function studyServer(summary: StudySummary, best: FakeResponse, trials: TrialRow[] = []): (req: RecordedRequest) => FakeResponse {
  return (req) => {
    const url = new URL(req.path, 'http://x');
    if (url.pathname.endsWith('/best')) return best;
    if (url.pathname.endsWith('/trials')) return { status: 200, body: { items: trials, total: trials.length } };
    return { status: 200, body: summary };
  };
}

describe('study best --format', () => {
  it('json prints the coordinator answer; yaml and env print its text as it is, asking for that format and trial', async () => {
    const env = '# attune study x, trial #3\nWORKERS=8\nFLAGS=\'-O2 -g\'\n';
    const url = await fakes.serve((req) => {
      const format = new URL(req.path, 'http://x').searchParams.get('format');
      if (format === 'env') return { status: 200, body: undefined, text: env };
      if (format === 'yaml') return { status: 200, body: undefined, text: 'number: 3\nparams:\n  mode: "\\e[2J"\n' };
      return { status: 200, body: constrained.best };
    });
    const json = await cli(['study', 'best', id, '--format', 'json', '--url', url]);
    expect(JSON.parse(json.stdout)).toEqual(constrained.best);
    expect((await cli(['study', 'best', id, '--json', '--url', url])).stdout).toBe(json.stdout);
    expect((await cli(['study', 'best', id, '--format', 'env', '--trial', '3', '--url', url])).stdout).toBe(env);
    const paths = fakes.current.requests.map((r) => r.path);
    expect(paths).toContain(`/studies/${id}/best?format=env&trial=3`);
    expect((await cli(['study', 'best', id, '--format', 'YAML', '--url', url])).stdout).toBe('number: 3\nparams:\n  mode: "\\e[2J"\n');
    expect(fakes.current.requests.at(-1)?.path).toBe(`/studies/${id}/best?format=yaml`);
  });

  it('refuses an unknown format before asking the coordinator', async () => {
    const url = await fakes.serve(() => ({ status: 500, body: {} }));
    const r = await cli(['study', 'best', id, '--format', 'toml', '--url', url]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('must be one of json, yaml, env, got "toml"');
    expect(fakes.current.requests).toHaveLength(0);
  });

  it("says the coordinator's reason for refusing env of a Pareto front", async () => {
    const message = 'trial: is required for format env on a study with several objectives: its best is a Pareto front of 2 trials (#1, #4), not one configuration; pick one with ?trial=N';
    const url = await fakes.serve(() => ({ status: 400, body: { statusCode: 400, error: 'INVALID_ARGUMENT', message, issues: [{ path: 'trial', message: message.slice(7) }] } }));
    const r = await cli(['study', 'best', id, '--format', 'env', '--url', url]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('trial: is required for format env on a study with several objectives');
  });

  it('for people: the configuration, its metrics and its improvement; a Pareto front trial by trial', async () => {
    let url = await fakes.serve(studyServer(constrained, { status: 200, body: constrained.best }));
    expect((await cli(['study', 'best', id, '--url', url])).stdout).toBe(
      'best trial #3: value 8\n  workers = 8\n  flags = "-O2 -g"\nmetrics: p99=8, mem=80\nimprovement over the baseline: p99 +20.0%, score +20.0%\n',
    );
    await fakes.current.stop();
    url = await fakes.serve(studyServer(pareto, { status: 200, body: { front } }));
    const lines = (await cli(['study', 'best', id, '--url', url])).stdout.split('\n');
    expect(lines[0]).toMatch(/^Pareto front: 2 non-dominated feasible trials/);
    expect(lines).toEqual(expect.arrayContaining(['trial #1', 'trial #4', 'metrics: p99=4, rps=40']));
  });
});

describe('study show with a measurement model', () => {
  it('prints the objective, constraints, measurement, baseline and the best with its improvement', async () => {
    const url = await fakes.serve(studyServer(constrained, { status: 200, body: constrained.best }));
    const out = (await cli(['study', 'show', id, '--url', url])).stdout;
    expect(out).toContain('objective:   minimize p99\n');
    expect(out).toContain('constraints: mem <= 100\n');
    expect(out).toContain('measured:    3 repeats (median) after 1 warm-up\n');
    expect(out).toContain("baseline:    #0 p99=10, mem=50  (the parameters' defaults)\n");
    expect(out).toContain('best:        #3 8  workers=8, flags="-O2 -g"\n');
    expect(out).toContain('improvement: p99 +20.0%, score +20.0%\n');
  });

  it('for several objectives, the front instead of a best; "-" while no trial is feasible', async () => {
    let url = await fakes.serve(studyServer(pareto, { status: 200, body: { front } }));
    let out = (await cli(['study', 'show', id, '--url', url])).stdout;
    expect(out).toContain('objective:   pareto front of minimize p99, maximize rps\n');
    expect(out).toContain('front:       2 trials: #1, #4');
    await fakes.current.stop();
    url = await fakes.serve(studyServer(pareto, { status: 404, body: { statusCode: 404, error: 'NOT_FOUND', message: 'no feasible trial' } }));
    out = (await cli(['study', 'show', id, '--url', url])).stdout;
    expect(out).toContain('front:       -\n');
  });

  it('a composite lists its weighted terms', async () => {
    const composite = studySummary({
      metric: 'score',
      objectives: {
        kind: 'composite',
        objectives: [
          { metric: 'p99', direction: 'minimize', weight: 2 },
          { metric: 'rps', direction: 'maximize', weight: 1 },
        ],
        measurement: { repeats: 1, warmup: 0, aggregate: 'median' },
        baseline: { params: { workers: 4 } },
      },
    });
    const url = await fakes.serve(studyServer(composite, { status: 404, body: {} }));
    const out = (await cli(['study', 'show', id, '--url', url])).stdout;
    expect(out).toContain('objective:   composite score (lower is better) of\n               minimize p99, weight 2\n               maximize rps, weight 1\n');
    expect(out).toContain('baseline:    workers=4 (not measured yet)\n');
  });
});

describe('study trials with a measurement model', () => {
  const trials = [
    trial(0, { origin: 'baseline', feasible: true, violation: 0, score: { improvement: { perMetric: { p99: 0 }, score: 0 } } }),
    trial(1, { feasible: false, violation: 0.125, score: { improvement: { perMetric: { p99: 0.5 }, score: 0.5 } } }),
    trial(2, { origin: 'enqueued', feasible: true, violation: 0, score: { improvement: { perMetric: { p99: -0.1 }, score: -0.1 } } }),
  ];

  it('shows origin and feasibility, and the improvement with --wide', async () => {
    const url = await fakes.serve(studyServer(constrained, { status: 200, body: constrained.best }, trials));
    const narrow = (await cli(['study', 'trials', id, '--url', url])).stdout.split('\n');
    expect(narrow[0]).toMatch(/^#\s+STATE\s+ORIGIN\s+FEASIBLE\s+VALUE\s+PARAMS/);
    expect(narrow[0]).not.toContain('IMPROVEMENT');
    expect(narrow[1]).toMatch(/^0\s+COMPLETE\s+baseline\s+yes\s+0\s/);
    expect(narrow[2]).toMatch(/^1\s+COMPLETE\s+no \(\+12\.5%\)\s+1\s/);
    const wide = (await cli(['study', 'trials', id, '--wide', '--url', url])).stdout.split('\n');
    expect(wide[0]).toContain('IMPROVEMENT');
    expect(wide[3]).toContain('p99 -10.0%, score -10.0%');
  });

  it('--csv has origin, feasibility and improvement columns', async () => {
    const url = await fakes.serve(studyServer(constrained, { status: 200, body: constrained.best }, trials));
    const lines = (await cli(['study', 'trials', id, '--csv', '--url', url])).stdout.split('\n');
    expect(lines[0]).toMatch(/,origin,feasible,violation,pareto_front,improvement_score,improvement_p99,trace_id,last_step$/);
    expect(lines[2]).toMatch(/,,false,0\.125,,0\.5,0\.5,,$/);
    expect(lines[1]).toMatch(/,baseline,true,0,,0,0,,$/);
  });

  it('marks the members of a Pareto front', async () => {
    const rows = [trial(1, { value: undefined }), trial(2, { value: undefined }), trial(4, { value: undefined })];
    const url = await fakes.serve(studyServer(pareto, { status: 200, body: { front } }, rows));
    const lines = (await cli(['study', 'trials', id, '--url', url])).stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+STATE\s+FRONT\s+VALUE/);
    expect(lines[1]).toMatch(/^1\s+COMPLETE\s+\*\s/);
    expect(lines[2]).not.toContain('*');
    expect(lines).toContain('(* = on the Pareto front: not dominated by any feasible trial)');
    const csv = (await cli(['study', 'trials', id, '--csv', '--url', url])).stdout.split('\n');
    expect(csv[1]).toMatch(/,true,,,,,$/);
    expect(csv[2]).toMatch(/,false,,,,,$/);
  });
});
