import { describe, expect, it } from 'vitest';
import { fakeCoordinatorPerTest, studySummary, trialRow, type FakeResponse, type RecordedRequest } from '../../test/fake-coordinator';
import { cli } from '../../test/run-cli';

const fakes = fakeCoordinatorPerTest();
const study = studySummary({ metric: 'acc', objectives: { kind: 'single', objectives: [{ metric: 'acc', direction: 'maximize' }], measurement: { repeats: 1, warmup: 0, aggregate: 'median' } } });
const steps = [
  { step: 0, metrics: { loss: 2, acc: 0.1 }, at: '2026-12-04T22:00:00.000Z' },
  { step: 5, metrics: { acc: 0.2 }, at: '2026-12-04T22:00:01.000Z' },
];

function server(lastStep: number): (req: RecordedRequest) => FakeResponse {
  return (req) => {
    const url = new URL(req.path, 'http://x');
    if (url.pathname.endsWith('/steps')) return { status: 200, body: { items: steps, total: steps.length } };
    if (url.pathname.endsWith('/trials')) {
      const trials = [trialRow(0, { lastStep: 9 }), trialRow(1, { state: 'PRUNED', lastStep, error: 'pruned at step 5 by median: worse' }), trialRow(2)];
      return { status: 200, body: { items: trials.slice(Number(url.searchParams.get('offset') ?? 0)), total: trials.length } };
    }
    return { status: 200, body: { ...study, warnings: [] } };
  };
}

describe('attune study steps', () => {
  it("prints a trial's steps, the objective first, marking the step a PRUNED trial was stopped at", async () => {
    const url = await fakes.serve(server(5));
    const r = await cli(['study', 'steps', study.id, '1', '--url', url]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STEP\s+acc\s+loss\s+AT$/);
    expect(lines[1]).toMatch(/^0\s+0\.1\s+2\s+2026-12-04T22:00:00.000Z$/);
    expect(lines[2]).toMatch(/^5 \*\s+0\.2\s+2026-12-04T22:00:01.000Z$/);
    expect(lines[3]).toBe('(* = the step the trial was pruned at)');
    expect(fakes.current.requests.map((q) => q.path)).toContain(`/studies/${study.id}/trials/1/steps`);
  });

  it('prints the page as JSON, and refuses a trial number that is not one', async () => {
    const url = await fakes.serve(server(5));
    expect(JSON.parse((await cli(['study', 'steps', study.id, '1', '--json', '--url', url])).stdout)).toEqual({ items: steps, total: 2 });
    const bad = await cli(['study', 'steps', study.id, 'x', '--url', url]);
    expect(bad.code).not.toBe(0);
  });

  it('shows each trial\'s last step in a STEP column of study trials', async () => {
    const url = await fakes.serve(server(5));
    const r = await cli(['study', 'trials', study.id, '--url', url]);
    const [header, first, second, third] = r.stdout.split('\n');
    expect(header).toMatch(/\bSTEP\b/);
    const at = header.indexOf('STEP');
    expect(first.slice(at).trimStart().startsWith('9')).toBe(true);
    expect(second.slice(at).trimStart().startsWith('5')).toBe(true);
    expect(third.slice(at, at + 4).trim()).toBe('');
  });

  it('study show names the pruner with its options, and counts the pruned trials', async () => {
    const pruned = { ...study, pruner: { name: 'median' as const, options: { startupTrials: 5, warmupSteps: 2, intervalSteps: 1, minTrials: 1 } }, trials: { ...study.trials, total: 3, complete: 2, pruned: 1 } };
    const url = await fakes.serve(() => ({ status: 200, body: { ...pruned, warnings: [] } }));
    const lines = (await cli(['study', 'show', study.id, '--url', url])).stdout.split('\n');
    expect(lines).toContain('pruner:      median (startupTrials 5, warmupSteps 2, intervalSteps 1, minTrials 1)');
    expect(lines.find((l) => l.startsWith('trials:'))).toBe('trials:      3 total: 2 complete, 0 failed, 1 pruned, 0 running, 0 queued, 0 timed out, 0 cancelled');
  });
});
