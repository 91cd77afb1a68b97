// Node's socket errors when PostgreSQL is not there (stopped, restarting, a dropped route).
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// SQLSTATEs of a server going away or not yet back: admin_shutdown, crash_shutdown, cannot_connect_now.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);
// What pg and TypeORM say when the connection under a query is gone.
const LOST_CONNECTION = /Connection terminated|connection timeout|Query runner already released|Client has encountered a connection error/i;

/**
 * Whether an error says PostgreSQL could not be reached (or went away
 * mid-query), as opposed to a query it refused: the same call will work once
 * the server is back. Looks through TypeORM's wrapping (`driverError`) and
 * `cause`.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Object && depth < 5; depth++) {
    const { code, message, driverError, cause } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}
