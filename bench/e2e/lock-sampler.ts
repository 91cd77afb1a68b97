import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { sleep } from './e2e-processes';
import type { BenchStack } from './e2e-stack';

/** Per coordinator (OS pid): the studies whose advisory lock it was seen holding, and how many lock observations. */
export interface Holdings {
  readonly studies: Map<number, Set<string>>;
  readonly samples: Map<number, number>;
}

const SAMPLE_MS = 10;

/**
 * Watches PostgreSQL's granted advisory locks and attributes each to the
 * coordinator process whose TCP connection the locking session uses
 * (pg_stat_activity.client_port, matched against the ports of the process's
 * own sockets in /proc). A lock whose second key is hashtext(study id) (the
 * driver's study lock) names its study; any other advisory lock still counts
 * as an observation, so this keeps working if the lock's key changes.
 */
export class LockSampler {
  constructor(
    private readonly stack: BenchStack,
    private readonly studyIds: readonly string[],
  ) {}

  async observe(ms: number): Promise<Holdings> {
    const holdings: Holdings = { studies: new Map(), samples: new Map() };
    const pids = this.stack.coordinators.map((c) => c.proc.pid);
    let ports = localPorts(pids);
    let refreshed = Date.now();
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const rows = await this.stack.sql<{ port: number; study: string | null }>(
        `SELECT a.client_port AS port, s.id AS study
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           LEFT JOIN unnest($1::text[]) AS s(id) ON l.objid::bigint = (hashtext(s.id)::bigint + 4294967296) % 4294967296
          WHERE l.locktype = 'advisory' AND l.granted AND a.client_port IS NOT NULL`,
        [this.studyIds],
      );
      if (rows.some((r) => !ports.has(r.port)) && Date.now() - refreshed > 200) {
        ports = localPorts(pids);
        refreshed = Date.now();
      }
      for (const r of rows) {
        const pid = ports.get(r.port);
        if (pid === undefined) continue;
        holdings.samples.set(pid, (holdings.samples.get(pid) ?? 0) + 1);
        if (r.study) {
          const set = holdings.studies.get(pid) ?? new Set<string>();
          set.add(r.study);
          holdings.studies.set(pid, set);
        }
      }
      await sleep(SAMPLE_MS);
    }
    return holdings;
  }
}

/** Local TCP port → pid, for the sockets the given processes hold open (Linux /proc). */
function localPorts(pids: readonly number[]): Map<number, number> {
  const inodeToPid = new Map<string, number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodeToPid.set(m[1], pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  const ports = new Map<number, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[] = [];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const pid = inodeToPid.get(cols[9]);
      if (pid !== undefined) ports.set(parseInt(cols[1].split(':')[1], 16), pid);
    }
  }
  return ports;
}
