import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'attune-trial-';
// attune-trial-<pid of the worker that made it>-<random>
const NAME = /^attune-trial-(\d+)-/;

/** A new folder for one command run, named after this worker's pid so that a later worker can tell whose it was. */
export function makeTrialDir(tmp = os.tmpdir()): Promise<string> {
  return fs.mkdtemp(path.join(tmp, `${PREFIX}${process.pid}-`));
}

/**
 * Removes the trial folders whose worker is no longer running (it was
 * SIGKILLed together with its command's watchdog, or the machine lost power);
 * returns the paths removed. Folders of live workers on the same machine are
 * left alone.
 */
export async function removeOrphanTrialDirs(tmp = os.tmpdir()): Promise<string[]> {
  const names = await fs.readdir(tmp).catch(() => [] as string[]);
  const orphans = names.filter((name) => {
    const pid = NAME.exec(name)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
  const removed = orphans.map((name) => path.join(tmp, name));
  await Promise.all(removed.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
