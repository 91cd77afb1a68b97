import { sleep } from '../e2e/e2e-processes';
import { LockSampler } from '../e2e/lock-sampler';
import type { ChaosWorker, ChaosWorld } from './chaos-world';

export const FAULT_KINDS = ['kill-worker', 'stop-worker', 'kill-coordinator', 'kill-redis', 'restart-postgres', 'kill-evaluation'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault that has been injected: what it did, and how to tell the deployment has recovered from it. */
export interface Injected {
  readonly detail: string;
  /** How long the service or process was away (a restart's downtime, a pause), if it came back by itself. */
  readonly downMs?: number;
  /** True once the deployment has recovered (see each fault for what that means). */
  recovered(): Promise<boolean>;
  /** Runs once recovery was measured (a paused worker resumed, say). */
  readonly finish?: () => Promise<void>;
}

/** What recovery means for a fault, shown with its table. */
export const RECOVERY: Record<FaultKind, string> = {
  'kill-worker': 'until every trial the worker was evaluating has ended (re-run on another worker and recorded)',
  'stop-worker': 'until every trial the paused worker held has ended (re-run elsewhere, or finished once resumed)',
  'kill-coordinator': 'until a trial created after the kill has ended (the survivor proposes, enqueues and records)',
  'kill-redis': 'until a trial created after Redis is back has ended (counted from the kill)',
  'restart-postgres': 'until a trial created after PostgreSQL is back has ended (counted from the restart)',
  'kill-evaluation': 'until the trial whose evaluating process was killed has ended',
};

type Inject = (world: ChaosWorld) => Promise<Injected>;

/** Waits this long at most for a victim (a worker holding a trial, a running module evaluation). */
const FIND_VICTIM_MS = 20_000;

const INJECT: Record<FaultKind, Inject> = {
  'kill-worker': async (world) => {
    const worker = await busyWorker(world);
    await worker.proc.kill();
    // Read after the kill: what it held then can no longer change, and stays active until found stalled.
    const held = await world.heldBy(worker);
    return { detail: `SIGKILL ${worker.id} holding ${held.length} trial(s)`, recovered: () => world.ended(held) };
  },

  'stop-worker': async (world) => {
    const { worker, held } = await stoppedBusyWorker(world);
    const pauseMs = world.rng.int(3, 12) * 1000;
    const resumed = sleep(pauseMs).then(() => void worker.proc.child.kill('SIGCONT'));
    return { detail: `SIGSTOP ${worker.id} holding ${held.length} trial(s), SIGCONT after ${pauseMs / 1000} s`, downMs: pauseMs, recovered: () => world.ended(held), finish: () => resumed };
  },

  'kill-coordinator': async (world) => {
    // The coordinator that drives the studies: the one seen holding their advisory locks more.
    const holdings = await new LockSampler(world.stack, world.studyIds).observe(2000);
    const score = (pid: number) => (holdings.studies.get(pid)?.size ?? 0) * 1e6 + (holdings.samples.get(pid) ?? 0);
    const [victim] = [...world.stack.coordinators].sort((a, b) => score(b.proc.pid) - score(a.proc.pid));
    const since = Date.now();
    await victim.proc.kill();
    return { detail: `SIGKILL ${victim.proc.name} (held ${holdings.studies.get(victim.proc.pid)?.size ?? 0} study lock(s))`, recovered: () => world.trialCreatedSinceEnded(since) };
  },

  'kill-redis': async (world) => {
    const pauseMs = world.rng.int(5, 50) * 100;
    const killed = Date.now();
    await world.redis.kill();
    await sleep(pauseMs);
    await world.redis.start();
    const back = Date.now();
    return { detail: `SIGKILL redis-server, started again after ${pauseMs / 1000} s`, downMs: back - killed, recovered: () => world.trialCreatedSinceEnded(back) };
  },

  'restart-postgres': async (world) => {
    const pauseMs = world.rng.int(5, 50) * 100;
    const stopped = Date.now();
    await world.postgres.stop();
    await sleep(pauseMs);
    await world.postgres.start();
    const back = Date.now();
    return { detail: `pg_ctl stop -m fast, started again after ${pauseMs / 1000} s`, downMs: back - stopped, recovered: () => world.trialCreatedSinceEnded(back) };
  },

  'kill-evaluation': async (world) => {
    const { pid, trialId } = await runningModuleEvaluation(world);
    const worker = world.workers.find((w) => w.proc.pid === pid);
    // While module targets run in the worker's threads, the evaluating process is the worker: all it holds is lost.
    const victims = worker ? await world.heldBy(worker).catch(() => [trialId]) : [trialId];
    process.kill(pid, 'SIGKILL');
    const what = worker ? `the worker ${worker.id} itself` : `pid ${pid}`;
    return { detail: `SIGKILL the process evaluating a module trial: ${what}`, recovered: () => world.ended(victims.includes(trialId) ? victims : [...victims, trialId]) };
  },
};

/** Injects a fault of this kind. */
export function inject(kind: FaultKind, world: ChaosWorld): Promise<Injected> {
  return INJECT[kind](world);
}

/** A worker (chosen by the run's seed) that holds at least one trial now. */
async function busyWorker(world: ChaosWorld): Promise<ChaosWorker> {
  const deadline = Date.now() + FIND_VICTIM_MS;
  while (Date.now() < deadline) {
    const busy: ChaosWorker[] = [];
    for (const worker of world.workers.filter((w) => !w.proc.exited())) if ((await world.heldBy(worker)).length > 0) busy.push(worker);
    if (busy.length > 0) return world.rng.pick(busy);
    await sleep(100);
  }
  throw new Error(`no worker held a trial for ${FIND_VICTIM_MS / 1000} s`);
}

/** A busy worker, SIGSTOPped, and the trials it holds while stopped (resumed, and another chosen, if it had just finished them). */
async function stoppedBusyWorker(world: ChaosWorld): Promise<{ worker: ChaosWorker; held: string[] }> {
  const deadline = Date.now() + FIND_VICTIM_MS;
  while (Date.now() < deadline) {
    const worker = await busyWorker(world);
    worker.proc.child.kill('SIGSTOP');
    const held = await world.heldBy(worker);
    if (held.length > 0) return { worker, held };
    worker.proc.child.kill('SIGCONT');
  }
  throw new Error(`no worker still held a trial once stopped, for ${FIND_VICTIM_MS / 1000} s`);
}

/** A live process evaluating a trial of the module target now, and that trial. */
async function runningModuleEvaluation(world: ChaosWorld): Promise<{ pid: number; trialId: string }> {
  const deadline = Date.now() + FIND_VICTIM_MS;
  while (Date.now() < deadline) {
    for (const e of world.rng.shuffle(world.evaluations().filter((x) => x.kind === 'module'))) {
      const trialId = await world.trialWithParams(e.params);
      if (trialId) return { pid: e.pid, trialId };
    }
    await sleep(100);
  }
  throw new Error(`no module evaluation was running for ${FIND_VICTIM_MS / 1000} s`);
}
