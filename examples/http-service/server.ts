import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createItemHandler } from './item-service';
import { parseServiceConfig, type ServiceConfig } from './service-config';

/**
 * The example service: `node server.js '<config JSON>' [port]` (port 0 or
 * absent: a free one). With `workers` > 1 the main process forks that many
 * server processes sharing the port (node:cluster) and only supervises them.
 * Once every server listens it prints `listening <port>` on stdout; SIGTERM
 * stops it.
 */
function main(): void {
  const config = parseServiceConfig(JSON.parse(process.argv[2] ?? '{}'));
  const port = Number(process.argv[3] ?? 0);
  if (config.workers > 1 && cluster.isPrimary) superviseWorkers(config.workers);
  else serve(config, port, cluster.isWorker ? cluster.worker!.id : 0);
}

function serve(config: ServiceConfig, port: number, seed: number): void {
  const server = createServer(createItemHandler(config, seed));
  if (config.keepAliveMs > 0) server.keepAliveTimeout = config.keepAliveMs;
  server.listen(port, '127.0.0.1', () => {
    if (cluster.isPrimary) console.log(`listening ${(server.address() as AddressInfo).port}`);
  });
  process.once('SIGTERM', () => stop(server));
  // A cluster worker stops when the main process disconnects it.
  if (cluster.isWorker) process.once('disconnect', () => stop(server));
}

function superviseWorkers(count: number): void {
  // Workers run this file with the same arguments; a listen on port 0 gets every worker the same port.
  let listening = 0;
  let stopping = false;
  cluster.on('listening', (_worker, address) => {
    if (++listening === count) console.log(`listening ${address.port}`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      console.error(`server process ${worker.process.pid} exited (${signal ?? `code ${code}`})`);
      process.exit(1);
    }
  });
  process.once('SIGTERM', () => {
    stopping = true;
    cluster.disconnect(() => process.exit(0));
  });
  for (let i = 0; i < count; i++) cluster.fork();
}

function stop(server: Server): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}

main();
