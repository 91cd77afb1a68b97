import fs from 'node:fs';

/** Signals a process group; a group already gone is not an error. */
export function killGroup(pgid: number | undefined, signal: NodeJS.Signals): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/**
 * Signals every process whose environment holds `assignment` (`NAME=value`),
 * wherever it went: a descendant that called setsid has left the process
 * group and the session, and may have been re-parented, but still carries the
 * environment it was started with. Linux only (reads /proc/<pid>/environ of
 * this user's processes); elsewhere it finds nothing. A descendant that both
 * leaves the session and starts with a scrubbed environment escapes it: only
 * a cgroup (a container, `systemd-run --scope`) holds such a process.
 */
export function killMarked(assignment: string, signal: NodeJS.Signals): number[] {
  const needle = Buffer.from(`\0${assignment}\0`);
  const hit: number[] = [];
  for (const pid of listPids()) {
    if (pid === process.pid || !environHas(pid, needle)) continue;
    try {
      process.kill(pid, signal);
      hit.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return hit;
}

function listPids(): number[] {
  try {
    return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

function environHas(pid: number, needle: Buffer): boolean {
  try {
    // A leading NUL lets the first variable match like the others.
    return Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${pid}/environ`)]).includes(needle);
  } catch {
    return false; // gone, or another user's process
  }
}
