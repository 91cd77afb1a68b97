import { describe, expect, it } from 'vitest';
import { loadMetrics, type LoadResult } from './load-metrics';
import { parseProcStat } from './process-tree-stats';
import { parseTargetEnv } from './target-env';

const result: LoadResult = { duration: 2.5, errors: 3, timeouts: 1, non2xx: 6, '2xx': 4990, latency: { p50: 4, p99: 31 } };

describe('loadMetrics', () => {
  it('reports latency, successful responses per second, peak RSS in MiB, CPU as percent of a core and the error rate', () => {
    expect(loadMetrics(result, { peakRssBytes: 150 * 2 ** 20, cpuSeconds: 3 })).toEqual({
      p50Ms: 4,
      p99Ms: 31,
      reqPerS: 1996, // 4990 / 2.5
      rssMb: 150,
      cpuPct: 120, // 3 CPU-seconds in 2.5 s
      errorRate: 0.002, // 10 of 5000
    });
  });

  it('fails a load that got no successful response, saying what it got', () => {
    expect(() => loadMetrics({ ...result, '2xx': 0 }, { peakRssBytes: 1, cpuSeconds: 0 })).toThrow('the load got no successful response (3 errors, 1 timeouts, 6 non-2xx)');
  });
});

describe('parseProcStat', () => {
  it('reads the parent, user + system ticks and resident pages, past a command name with spaces and parentheses', () => {
    // A real /proc/<pid>/stat line of `node`, its name changed to "node (x) y".
    const line =
      '4242 (node (x) y) S 4200 4242 4200 0 -1 4194560 9071 0 0 0 311 42 0 0 20 0 11 0 12345 1219043328 33961 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0';
    expect(parseProcStat(line)).toEqual({ ppid: 4200, cpuTicks: 353, rssPages: 33961 });
  });
});

describe('parseTargetEnv', () => {
  it('takes the knobs from ATTUNE_PARAM_<KNOB>, the rest from their defaults, and the load from ATTUNE_DEMO_*', () => {
    const env = parseTargetEnv({ ATTUNE_PARAM_WORKERS: '2', ATTUNE_PARAM_CACHEPOLICY: 'lfu', ATTUNE_PARAM_BATCHWINDOWMS: '2.5', ATTUNE_DEMO_LOAD_SEC: '1', OTHER: 'x' });
    expect(env).toEqual({
      config: { workers: 2, cacheSize: 256, cachePolicy: 'lfu', batchWindowMs: 2.5, keepAliveMs: 5000, compression: 'gzip' },
      loadSec: 1,
      warmupSec: 1,
      connections: 16,
      seed: 1,
    });
  });

  it('lists every bad value, named as the variable that carried it', () => {
    expect(() => parseTargetEnv({ ATTUNE_PARAM_WORKERS: '0', ATTUNE_PARAM_COMPRESSION: 'zstd', ATTUNE_DEMO_LOAD_SEC: '-1' })).toThrow(
      /ATTUNE_PARAM_WORKERS: .*; ATTUNE_PARAM_COMPRESSION: .*; ATTUNE_DEMO_LOAD_SEC: /,
    );
  });
});
