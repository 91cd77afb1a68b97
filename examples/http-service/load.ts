import autocannon from 'autocannon';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ZipfSampler } from './zipf';

/** The shape of the load: how long, how many connections, which keys. */
export interface LoadOptions {
  readonly seconds: number;
  readonly connections: number;
  /** Distinct items clients ask for. */
  readonly keys: number;
  /** Zipf exponent of their popularity. */
  readonly skew: number;
  readonly seed: number;
}

/**
 * Loads `url` with autocannon, in this process: each request asks for
 * `/items/<key>`, the key drawn from a seeded Zipf stream, accepting gzip
 * and brotli as a browser would.
 */
export async function runLoad(url: string, options: LoadOptions): Promise<autocannon.Result> {
  const sampler = new ZipfSampler(options.keys, options.skew);
  const rng = xoroshiro128plus(options.seed);
  // autocannon's answer is a thenable, not a Promise: awaiting it makes one.
  return await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: { 'accept-encoding': 'gzip, br' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: `/items/${sampler.keyAt(uniformFloat64(rng))}` }),
      },
    ],
  });
}
