import type { IncomingMessage, ServerResponse } from 'node:http';
import { lookupItems } from './backend';
import { Batcher } from './batcher';
import { createCache } from './cache/create-cache';
import { encodeBody } from './compress';
import type { ServiceConfig } from './service-config';

const ITEM_PATH = /^\/items\/(\d{1,9})$/;

/**
 * The request handler of one server process: `GET /items/<key>` answers the
 * item from the cache, or from the backend (through the batcher) on a miss;
 * `GET /health` answers ok.
 */
export function createItemHandler(config: ServiceConfig, seed: number): (req: IncomingMessage, res: ServerResponse) => void {
  const cache = createCache<string>(config.cachePolicy, config.cacheSize, seed);
  const batcher = new Batcher(lookupItems, config.batchWindowMs);
  const itemOf = (key: number): Promise<string> | string => {
    const cached = cache.get(String(key));
    if (cached !== undefined) return cached;
    return batcher.get(key).then((body) => {
      cache.set(String(key), body);
      return body;
    });
  };
  return (req, res) => {
    if (config.keepAliveMs === 0) res.shouldKeepAlive = false;
    const match = req.method === 'GET' ? ITEM_PATH.exec(req.url ?? '') : null;
    if (req.url === '/health') return void res.end('ok');
    if (!match) return void res.writeHead(404).end();
    void Promise.resolve(itemOf(Number(match[1]))).then((body) => {
      const { data, encoding } = encodeBody(body, config.compression, req.headers['accept-encoding']);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': data.length, ...(encoding && { 'content-encoding': encoding }) });
      res.end(data);
    });
  };
}
