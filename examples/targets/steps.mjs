// Command target that reports steps: one JSON line with a `step` field per step, as it goes.
// STEPS (default 3) steps of {"step": s, "loss": 1/(s+1)}, SLEEP_MS (default 0) apart; then,
// unless NO_FINAL is set, the final metrics as a JSON line without `step`. FOREVER=1 never
// ends (a step every SLEEP_MS); PID_FILE gets its pid, the leader of its process group, and a
// grandchild in the group is started first; IGNORE_SIGTERM=1 makes SIGKILL necessary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const steps = Number(process.env.STEPS ?? 3);
const sleepMs = Number(process.env.SLEEP_MS ?? 0);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
if (process.env.PID_FILE) {
  spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  fs.writeFileSync(process.env.PID_FILE, String(process.pid));
}
if (process.env.IGNORE_SIGTERM) process.on('SIGTERM', () => {});
console.log('starting');
for (let s = 0; process.env.FOREVER || s < steps; s++) {
  console.log(JSON.stringify({ step: s, loss: 1 / (s + 1) }));
  await sleep(sleepMs);
}
if (!process.env.NO_FINAL) console.log(JSON.stringify({ loss: 0.01, value: 42 }));
