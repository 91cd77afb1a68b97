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

/**
 * The local addresses with a TCP socket listening on `port` on this machine
 * (IPv4 as `127.0.0.1`, IPv6 as the kernel's 32 hex digits), from /proc. Linux only.
 */
export function listeningAddresses(port: number): string[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A' || !cols[1].endsWith(`:${portHex}`)) continue;
      const hex = cols[1].split(':')[0];
      // IPv4 addresses are little-endian hex: 0100007F is 127.0.0.1.
      found.push(hex.length === 8 ? [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.') : hex);
    }
  }
  return found;
}
