// Command target: starts a grandchild, then both hang. If PID_FILE is set, the grandchild's
// pid is written there, so a test can check that a timeout killed the whole process group.
// If ESCAPED_PID_FILE is set, a second grandchild that calls setsid (leaving the group and
// the session, as daemons do) is started first and its pid written there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const forever = ['-e', 'setInterval(() => {}, 1000)'];
if (process.env.ESCAPED_PID_FILE) {
  const escaped = spawn(process.execPath, forever, { stdio: 'ignore', detached: true });
  fs.writeFileSync(process.env.ESCAPED_PID_FILE, String(escaped.pid));
}
const grandchild = spawn(process.execPath, forever, { stdio: 'ignore' });
if (process.env.PID_FILE) fs.writeFileSync(process.env.PID_FILE, String(grandchild.pid));
if (process.env.IGNORE_SIGTERM) process.on('SIGTERM', () => {});
console.log('hanging');
setInterval(() => {}, 1000);
