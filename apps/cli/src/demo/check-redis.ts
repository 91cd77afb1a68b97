import { connect } from 'node:net';
import { CliError } from '../cli-error';

/** Fails with a clear message when nothing answers PING at the Redis URL. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const u = new URL(url);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 6379);
  const reply = await new Promise<string>((resolve) => {
    const socket = connect({ host, port });
    let data = '';
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.on('error', (e) => done((e as NodeJS.ErrnoException).code ?? e.message));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\r\n')) done(data.trim());
    });
  });
  // A password-protected Redis answers NOAUTH: it is up, and the apps will authenticate with the URL.
  if (reply === '+PONG' || reply.startsWith('-NOAUTH')) return;
  throw new CliError(`Redis is not answering at ${host}:${port} (${reply})`, [
    'start it (e.g. `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`) or set REDIS_URL',
  ]);
}
