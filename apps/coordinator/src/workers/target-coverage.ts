import type { WorkerRecord } from '@attune/queue/worker-registry';

/**
 * Why no live worker serves `target`, for a warning or a failure reason; undefined
 * when one does. Names what the live workers serve instead, a differently
 * cased twin of the target first (the usual mistake), or says that no worker
 * at all is registered under this queue prefix (the other usual mistake).
 */
export function noWorkerReason(target: string, live: readonly WorkerRecord[], queuePrefix: string): string | undefined {
  if (live.some((w) => w.targets.includes(target))) return undefined;
  const head = `no live worker serves target "${target}"`;
  if (live.length === 0) return `${head}: no worker is registered under queue prefix "${queuePrefix}" (start one with \`attune worker --targets FILE\`, with the same ATTUNE_QUEUE_PREFIX)`;
  const served = [...new Set(live.flatMap((w) => w.targets))].sort();
  const twin = served.find((t) => t.toLowerCase() === target.toLowerCase());
  if (twin) return `${head}; did you mean "${twin}"? (target names are case-sensitive)`;
  return `${head}; live workers serve: ${served.map((t) => `"${t}"`).join(', ')}`;
}

/**
 * Until when some worker served `target`: the latest expiry among the records
 * that name it (live, expired or deregistered), or -Infinity when none does.
 * A QUEUED trial has waited without a worker since the later of this and its creation.
 */
export function servedUntil(target: string, records: readonly WorkerRecord[]): number {
  return Math.max(-Infinity, ...records.filter((w) => w.targets.includes(target)).map((w) => Date.parse(w.expiresAt)));
}
