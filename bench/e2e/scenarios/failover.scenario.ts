import { median } from '../../bench-stats';
import { sleep, waitFor } from '../e2e-processes';
import { atMost, figure, type Figure } from '../e2e-figures';
import { progress, type Scenario, type ScenarioResult } from '../e2e-scenario';
import { studySpec } from '../e2e-spec';
import { BenchStack, type CoordinatorProcess, type StackContext } from '../e2e-stack';
import { LockSampler, type Holdings } from '../lock-sampler';

const NAME = 'failover';

const SIZES = {
  full: { studies: 10, observeMs: 6000 },
  quick: { studies: 4, observeMs: 4000 },
};
const PARALLELISM = 2;
const MAX_TRIALS = 500;
const RECOVERY_TARGET_SEC = 10;
const GIVE_UP_MS = 60_000;

interface Progress {
  readonly study_id: string;
  readonly last: number;
  readonly done: number;
}

/**
 * Two coordinators on one schema and queue prefix drive `studies` studies of
 * 2 s evaluations (parallelism 2). The bench watches PostgreSQL's advisory
 * locks for a few seconds, attributing each to a coordinator by the client
 * port of the locking session, SIGKILLs the coordinator that held the locks
 * of more studies, and measures per study the time from the kill until it
 * moves again (a new trial, or one more trial ended).
 */
export const failoverScenario: Scenario = {
  name: NAME,
  title: 'failover: the coordinator holding the studies is SIGKILLed',
  async run(ctx: StackContext, quick: boolean): Promise<ScenarioResult> {
    const size = quick ? SIZES.quick : SIZES.full;
    const stack = new BenchStack(NAME, ctx);
    try {
      await stack.startCoordinator();
      await stack.startCoordinator();
      await stack.startWorkers(1, size.studies * PARALLELISM);
      const ids: string[] = [];
      for (let i = 0; i < size.studies; i++) {
        const url = stack.coordinators[i % 2].url;
        ids.push(await stack.submit(studySpec({ name: `failover-${i}`, target: 'bench-sleep2000', strategy: 'random', seed: i, dimensions: 3, maxTrials: MAX_TRIALS, parallelism: PARALLELISM }), url));
      }
      progress(NAME, `${size.studies} studies on 2 coordinators; waiting until each has 2 trials ended`);
      await waitFor('every study has 2 trials ended', async () => (await studyProgress(stack, ids)).every((p) => p.done >= 2), undefined, 60_000, 250);

      const sampler = new LockSampler(stack, ids);
      const holdings = await sampler.observe(size.observeMs);
      const { victim, rule } = chooseVictim(stack.coordinators, holdings);
      const held = holdings.studies.get(victim.proc.pid) ?? new Set<string>();
      progress(NAME, `killing ${victim.proc.name} (${rule}); it held ${held.size} of ${size.studies} studies in the last ${size.observeMs / 1000}s`);

      const before = new Map((await studyProgress(stack, ids)).map((p) => [p.study_id, p]));
      const killedAt = Date.now();
      await victim.proc.kill();
      const movedAfter = new Map<string, number>();
      while (movedAfter.size < ids.length && Date.now() - killedAt < GIVE_UP_MS) {
        for (const p of await studyProgress(stack, ids)) {
          const b = before.get(p.study_id)!;
          if (!movedAfter.has(p.study_id) && (p.last > b.last || p.done > b.done)) movedAfter.set(p.study_id, (Date.now() - killedAt) / 1000);
        }
        await sleep(100);
      }
      const all = ids.map((id) => movedAfter.get(id));
      const ofHeld = [...held].map((id) => movedAfter.get(id));
      const worst = (xs: (number | undefined)[]) => (xs.length === 0 || xs.some((x) => x === undefined) ? undefined : Math.max(...(xs as number[])));
      const stuck = all.filter((x) => x === undefined).length;
      const figures: Figure[] = [
        figure(NAME, 'every study moved again after the kill', worst(all), 's', atMost(RECOVERY_TARGET_SEC), stuck ? `${stuck} studies did not move within ${GIVE_UP_MS / 1000}s` : `${ids.length} studies`),
        figure(NAME, "studies the victim held: slowest to move", worst(ofHeld), 's', undefined, `${held.size} held (${rule})`),
        figure(NAME, 'median study moved again after', all.every((x) => x !== undefined) ? median(all as number[]) : undefined, 's'),
      ];
      return {
        figures,
        details: { size, parallelism: PARALLELISM, victim: victim.proc.name, rule, locksSeen: Object.fromEntries([...holdings.samples].map(([pid, n]) => [pid, n])), held: [...held], movedAfterSec: Object.fromEntries(movedAfter) },
      };
    } finally {
      await stack.close();
    }
  },
};

/** The coordinator whose sessions held the locks of more studies (then: more lock observations; then: the first). */
function chooseVictim(coordinators: readonly CoordinatorProcess[], h: Holdings): { victim: CoordinatorProcess; rule: string } {
  const score = (c: CoordinatorProcess) => [h.studies.get(c.proc.pid)?.size ?? 0, h.samples.get(c.proc.pid) ?? 0];
  const [a, b] = coordinators.map(score);
  if (a[0] !== b[0]) return { victim: coordinators[a[0] > b[0] ? 0 : 1], rule: 'held the locks of more studies' };
  if (a[1] !== b[1]) return { victim: coordinators[a[1] > b[1] ? 0 : 1], rule: 'held advisory locks more often' };
  return { victim: coordinators[0], rule: 'no difference in locks seen: the first coordinator' };
}

function studyProgress(stack: BenchStack, ids: readonly string[]): Promise<Progress[]> {
  return stack.sql<Progress>(
    `SELECT study_id, max(number)::int AS last, count(*) FILTER (WHERE state NOT IN ('QUEUED', 'RUNNING'))::int AS done
       FROM trials WHERE study_id = ANY($1) GROUP BY study_id`,
    [ids],
  );
}
