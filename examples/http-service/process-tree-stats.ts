import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory and CPU time of a process and all its descendants, summed. */
export interface ProcessTreeStats {
  readonly rssBytes: number;
  readonly cpuSeconds: number;
  readonly processes: number;
}

// Linux's USER_HZ: /proc's CPU times are in these ticks (100 on every mainstream kernel build).
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/**
 * Reads /proc (Linux): the tree under `pid`, and for each process its
 * resident set (stat field 24, pages) and user + system time (fields 14
 * and 15). A process that exits while it is read is left out.
 */
export function processTreeStats(pid: number): ProcessTreeStats {
  const all = readAllStats();
  const tree = descendantsOf(pid, all);
  let rssPages = 0;
  let ticks = 0;
  for (const p of tree) {
    const stat = all.get(p)!;
    rssPages += stat.rssPages;
    ticks += stat.cpuTicks;
  }
  return { rssBytes: rssPages * PAGE_BYTES, cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND, processes: tree.length };
}

interface ProcStat {
  readonly ppid: number;
  readonly cpuTicks: number;
  readonly rssPages: number;
}

/** One /proc/<pid>/stat line, parsed; its second field (the command name, in parentheses) may hold spaces. */
export function parseProcStat(line: string): ProcStat {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // fields[0] is stat's field 3 (state): field n is fields[n - 3].
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
}

function readAllStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      stats.set(Number(name), parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // exited meanwhile
    }
  }
  return stats;
}

function descendantsOf(root: number, all: ReadonlyMap<number, ProcStat>): number[] {
  if (!all.has(root)) return [];
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, stat] of all) if (stat.ppid === tree[i]) tree.push(pid);
  }
  return tree;
}
