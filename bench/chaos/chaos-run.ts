import { sleep } from '../e2e/e2e-processes';
import { inject, type FaultKind } from './chaos-faults';
import { recoveryTargetSec, type FaultResult } from './chaos-report';
import type { ChaosWorld } from './chaos-world';

/** A fault not recovered from within this long counts as not recovered (a failed check). */
export const GIVE_UP_MS = 60_000;
// The deployment runs undisturbed this long between faults, so that each recovery is its own.
const SETTLE_MS = 2000;
const POLL_MS = 100;

/**
 * Injects the faults one after another while the studies run, each once the
 * previous one was recovered from and every exited process was started again
 * (as a supervisor would); stops early when `deadline` (epoch ms) has passed
 * or the studies have ended.
 */
export async function runFaults(world: ChaosWorld, kinds: readonly FaultKind[], deadline: number, log: (m: string) => void): Promise<FaultResult[]> {
  const started = Date.now();
  const results: FaultResult[] = [];
  for (const kind of kinds) {
    await sleep(SETTLE_MS);
    if (Date.now() > deadline || !(await world.running().catch(() => true))) {
      log(`stopping after ${results.length} of ${kinds.length} faults: ${Date.now() > deadline ? 'out of time' : 'the studies ended'}`);
      break;
    }
    const result = await runFault(world, kind, (Date.now() - started) / 1000);
    log(`${kind}: ${result.detail}; recovered in ${result.recoveryMs === undefined ? 'NONE' : `${(result.recoveryMs / 1000).toFixed(1)} s`}`);
    results.push(result);
  }
  return results;
}

async function runFault(world: ChaosWorld, kind: FaultKind, atSec: number): Promise<FaultResult> {
  const t0 = Date.now();
  try {
    const injected = await inject(kind, world);
    const recoveryMs = await timeUntil(injected.recovered, t0);
    await injected.finish?.();
    const restarted = await world.restartExited();
    return { kind, atSec, detail: injected.detail, downMs: injected.downMs, recoveryMs, targetSec: recoveryTargetSec(kind, injected.downMs), restarted };
  } catch (e) {
    const restarted = await world.restartExited();
    return { kind, atSec, detail: 'not injected', targetSec: recoveryTargetSec(kind), restarted, error: (e as Error).message };
  }
}

/** Milliseconds from `t0` until `done()` is true (a failing check counts as false), or undefined after GIVE_UP_MS. */
async function timeUntil(done: () => Promise<boolean>, t0: number): Promise<number | undefined> {
  while (Date.now() - t0 < GIVE_UP_MS) {
    if (await done().catch(() => false)) return Date.now() - t0;
    await sleep(POLL_MS);
  }
  return undefined;
}
