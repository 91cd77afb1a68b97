// Module target objectives for the worker's tests: well-behaved and misbehaving ones.
export const sum = (p) => p.x + p.y;
export const metrics = (p) => ({ value: p.x * 2, cost: 1 });
export const slow = async (p) => new Promise((resolve) => setTimeout(() => resolve(p.x), 200));
export const hang = () => {
  for (;;) {} // a busy loop: only terminating the thread ends it
};
export const throws = () => {
  throw new Error('objective exploded');
};
export const nan = () => Number.NaN;
export const text = () => 'fast';
export const crash = () => {
  setTimeout(() => {
    throw new Error('uncaught in a timer');
  }, 0);
  return new Promise(() => {});
};
// Hangs the first time it sees `marker` (creating the file), answers x afterwards:
// lets a test kill a worker mid-evaluation and see another worker finish the trial.
export const hangOnce = async (p) => {
  const fs = await import('node:fs');
  if (fs.existsSync(p.marker)) return p.x;
  fs.writeFileSync(p.marker, '');
  return new Promise(() => {});
};
// Objectives that end their own process: an evaluator process must die alone, never the worker.
export const exits = () => process.exit(3);
export const aborts = () => process.abort();
export const killsItself = () => process.kill(process.pid, 'SIGKILL');
// Writes its process's pid to params.pidFile, then spins: only killing the process ends it.
export const spinsWithPid = async (p) => {
  const fs = await import('node:fs');
  fs.writeFileSync(p.pidFile, String(process.pid));
  for (;;) {}
};
