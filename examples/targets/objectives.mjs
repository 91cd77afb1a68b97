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
// Objectives that report steps through their second argument, the evaluation context.
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Reports {loss} every 20 ms until its signal aborts, then returns (a cooperative objective).
export const reportsUntilAborted = async (p, { report, signal }) => {
  for (let step = 0; !signal.aborted; step++) {
    report(step, { loss: 1 / (step + 1) });
    await pause(20);
  }
  return { value: -1 };
};
// Reports a bare number every 20 ms forever, paying no heed to its signal; writes its pid to p.pidFile.
export const reportsForever = async (p, { report }) => {
  const fs = await import('node:fs');
  fs.writeFileSync(p.pidFile, String(process.pid));
  for (let step = 0; ; step++) {
    report(step, step * 2);
    await pause(20);
  }
};
// Reports p.steps steps, and the mistakes of a careless objective in between; returns x.
export const reportsSomeWrongly = (p, { report }) => {
  report(0, { value: 1 });
  report(0, { value: 2 }); // not rising
  report(1, 'fast'); // not a number
  report(2, { value: Number.NaN });
  report(3, 0.5);
  return p.x;
};
