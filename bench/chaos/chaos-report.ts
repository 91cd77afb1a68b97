import { row } from '../bench-table';
import type { Check } from './chaos-checks';
import { RECOVERY, type FaultKind } from './chaos-faults';

/** One fault of the run and how long the deployment took to recover from it. */
export interface FaultResult {
  readonly kind: FaultKind;
  /** Seconds from the start of the fault phase. */
  readonly atSec: number;
  readonly detail: string;
  readonly downMs?: number;
  /** Undefined when it did not recover within the give-up time (or could not be injected: see `error`). */
  readonly recoveryMs?: number;
  readonly targetSec: number;
  readonly restarted: readonly string[];
  readonly error?: string;
}

// Worker faults: the 15 s of issue 7; a coordinator: the failover bench's 10 s; services: a few seconds once back.
const WORKER_TARGET_SEC = 15;
const COORDINATOR_TARGET_SEC = 10;
const AFTER_SERVICE_BACK_SEC = 5;

/** What recovery from a fault should take, in seconds from the fault (a service's downtime included). */
export function recoveryTargetSec(kind: FaultKind, downMs = 0): number {
  if (kind === 'kill-coordinator') return COORDINATOR_TARGET_SEC;
  if (kind === 'kill-redis' || kind === 'restart-postgres') return downMs / 1000 + AFTER_SERVICE_BACK_SEC;
  return WORKER_TARGET_SEC;
}

const sec = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1));

/** The faults as a table: when, what, downtime, recovery against its target. */
export function faultTable(faults: readonly FaultResult[]): string {
  const widths = [3, 17, 6, 6, 9, 7, 5];
  const lines = ['\n## Faults (seconds)', row(['#', 'fault', 'at', 'down', 'recovered', 'target', ''], widths).trimEnd() + '  detail'];
  faults.forEach((f, i) => {
    const verdict = f.recoveryMs === undefined ? 'NONE' : f.recoveryMs / 1000 <= f.targetSec ? 'PASS' : 'MISS';
    const note = [f.detail, f.error, f.restarted.length > 0 ? `restarted ${f.restarted.join(', ')}` : undefined].filter(Boolean).join('; ');
    lines.push(row([String(i + 1), f.kind, f.atSec.toFixed(0), sec(f.downMs), sec(f.recoveryMs), f.targetSec.toFixed(1), verdict], widths) + `  ${note}`);
  });
  lines.push('', 'recovered: from the fault');
  for (const [kind, meaning] of Object.entries(RECOVERY)) lines.push(`  ${kind}: ${meaning}`);
  return lines.join('\n');
}

/** The checks as a table; failed ones with what they found. */
export function checkTable(checks: readonly Check[]): string {
  const lines = ['\n## Checks'];
  for (const c of checks) lines.push(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}${c.ok ? '' : `: ${c.detail}`}`);
  return lines.join('\n');
}
