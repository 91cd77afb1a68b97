import type { AddressInfo } from 'node:net';

/** The URL a client on this machine uses for a server listening on `address`. */
export function clientUrlOf(address: AddressInfo): string {
  const host = isUnspecified(address.address) ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * What the coordinator prints once it listens: the address really listened
 * on, and where the dashboard (when its bundle is built) and the API docs
 * are. (Who may call it, AuthMode says on the next line.)
 */
export function listeningLines(address: AddressInfo, dashboard = true): string[] {
  const url = clientUrlOf(address);
  const docs = `${dashboard ? `dashboard at ${url}/, ` : ''}API docs at ${url}/docs`;
  if (isLoopback(address.address)) return [`listening on ${url} (${docs})`];
  const where = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return [`listening on ${where}${isUnspecified(address.address) ? ', every interface' : ''} (${docs})`];
}

/** Whether an address (or the name `localhost`) is reachable from this machine only. */
export function isLoopback(address: string): boolean {
  return address === 'localhost' || /^127\.|^::1$|^::ffff:127\./i.test(address);
}

function isUnspecified(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}
