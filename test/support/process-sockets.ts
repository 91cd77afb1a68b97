import fs from 'node:fs';

/**
 * How many established TCP connections this process holds to `port` (on any
 * address), from /proc: every socket counts, whether or not its owner named
 * it. Linux only.
 */
export function establishedSocketsTo(port: number): number {
  const ours = new Set<string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`));
      if (m) ours.add(m[1]);
    } catch {
      // The fd closed while we listed them.
    }
  }
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      if (cols.length > 9 && cols[2].endsWith(`:${portHex}`) && cols[3] === '01' && ours.has(cols[9])) count += 1;
    }
  }
  return count;
}
