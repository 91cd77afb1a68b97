import fs from 'node:fs';

/**
 * True when no live process is left in process group `pgid`: kill(-pgid, 0)
 * fails with ESRCH, or what it still finds are zombies only (dead processes
 * whose parent died with them, waiting for init to reap them; this machine's
 * init takes up to a second to).
 */
export function isGroupGone(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  return membersOf(pgid).every((state) => state === 'Z');
}

/** The states (R, S, Z…) of the processes in group `pgid`, from /proc/<pid>/stat. */
function membersOf(pgid: number): string[] {
  const states: string[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // After the command's name in parentheses: state, ppid, pgrp.
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) === pgid) states.push(state);
    } catch {
      // gone meanwhile
    }
  }
  return states;
}
