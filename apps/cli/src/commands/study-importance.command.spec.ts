import { describe, expect, it } from 'vitest';
import { fakeCoordinatorPerTest } from '../../test/fake-coordinator';
import { cli } from '../../test/run-cli';

const fakes = fakeCoordinatorPerTest();
const id = '6f1c2d3e-0000-4000-8000-000000000001';
const importance = {
  method: 'sobol-gp',
  objective: 'latency',
  note: 'Variance-based sensitivity of a GP.',
  trials: 30,
  modelPoints: 30,
  evaluations: 5120,
  parameters: [
    { name: 'x1', importance: 0.8, firstOrder: 0.78, total: 0.82 },
    { name: 'batch', importance: 0.2, firstOrder: 0.19, total: 0.205 },
  ],
};

describe('attune study importance', () => {
  it('prints each parameter with its share and indices, most important first, and the note', async () => {
    const url = await fakes.serve(() => ({ status: 200, body: importance }));
    const r = await cli(['study', 'importance', id, '--objective', 'latency', '--url', url]);
    expect(r.code).toBe(0);
    expect(fakes.current.requests.map((q) => q.path)).toEqual([`/studies/${id}/importance?objective=latency`]);
    expect(r.stdout.split('\n')).toEqual([
      'parameter importance for latency (sobol-gp, 30 trials):',
      `  x1      80.0%  ${'#'.repeat(24).padEnd(30)}  first-order 0.780, total 0.820`,
      `  batch   20.0%  ${'#'.repeat(6).padEnd(30)}  first-order 0.190, total 0.205`,
      'Variance-based sensitivity of a GP.',
      '',
    ]);
  });

  it('says why there is none yet, and prints JSON as the coordinator answered', async () => {
    const problem = { objective: 'latency', problem: 'needs at least 10 completed feasible trials, has 4', trials: 4 };
    const url = await fakes.serve(() => ({ status: 200, body: problem }));
    expect((await cli(['study', 'importance', id, '--url', url])).stdout).toBe('no parameter importance for latency yet: needs at least 10 completed feasible trials, has 4\n');
    expect(JSON.parse((await cli(['study', 'importance', id, '--json', '--url', url])).stdout)).toEqual(problem);
  });
});
