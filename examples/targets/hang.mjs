// Command target: starts a grandchild, then both hang. If PID_FILE is set, the grandchild's
// pid is written there, so a test can check that a timeout killed the whole process group.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
if (process.env.PID_FILE) fs.writeFileSync(process.env.PID_FILE, String(grandchild.pid));
if (process.env.IGNORE_SIGTERM) process.on('SIGTERM', () => {});
console.log('hanging');
setInterval(() => {}, 1000);
