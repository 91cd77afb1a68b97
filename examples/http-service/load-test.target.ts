import { runLoad, type LoadOptions } from './load';
import { loadMetrics } from './load-metrics';
import { processTreeStats } from './process-tree-stats';
import { RunningService } from './running-service';
import { parseTargetEnv } from './target-env';

/** The load's key space: 20,000 items, Zipf-distributed (s = 0.9), so cache size and policy matter. */
const KEYS = 20_000;
const SKEW = 0.9;
const RSS_SAMPLE_MS = 200;

/**
 * The http-service as a command target: starts the service with the trial's
 * configuration (ATTUNE_PARAM_*), warms it up, loads it with autocannon,
 * stops it and prints the metrics as one JSON line (the line the worker
 * reads). Progress goes to stderr.
 */
async function main(): Promise<void> {
  const input = parseTargetEnv(process.env);
  const service = await RunningService.start(input.config);
  const stopOnSignal = () => void service.stop().then(() => process.exit(143));
  process.once('SIGTERM', stopOnSignal);
  process.once('SIGINT', stopOnSignal);
  try {
    const load: Omit<LoadOptions, 'seconds'> = { connections: input.connections, keys: KEYS, skew: SKEW, seed: input.seed };
    console.error(`http-service on ${service.url}: ${JSON.stringify(input.config)}`);
    if (input.warmupSec > 0) await runLoad(service.url, { ...load, seconds: input.warmupSec });
    const before = processTreeStats(service.pid);
    let peakRssBytes = before.rssBytes;
    const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, processTreeStats(service.pid).rssBytes)), RSS_SAMPLE_MS);
    const result = await runLoad(service.url, { ...load, seconds: input.loadSec, seed: input.seed + 1 }).finally(() => clearInterval(sampler));
    if (result.errors > 0) console.error(`${result.errors} connection errors`);
    const after = processTreeStats(service.pid);
    peakRssBytes = Math.max(peakRssBytes, after.rssBytes);
    console.log(JSON.stringify(loadMetrics(result, { peakRssBytes, cpuSeconds: after.cpuSeconds - before.cpuSeconds })));
  } finally {
    await service.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`http-service target: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
