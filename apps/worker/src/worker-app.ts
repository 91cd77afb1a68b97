import { Queue, type Telemetry } from 'bullmq';
import { Redis } from 'ioredis';
import { metrics as otelMetrics, type Meter } from '@opentelemetry/api';
import { RESULTS_QUEUE, STEPS_QUEUE } from '@attune/queue/queue-names';
import { redisConnection } from '@attune/queue/redis-connection';
import { assertRedisReachable } from '@attune/queue/redis-probe';
import { throttled } from '@attune/queue/throttled';
import { createBullMqTelemetry } from '@attune/telemetry/bullmq-telemetry';
import { activeTelemetry, telemetry as processTelemetry } from '@attune/telemetry/start-telemetry';
import { telemetrySummary } from '@attune/telemetry/telemetry-summary';
import { parseWorkerConfig, type WorkerConfig, type WorkerOptions } from './config/worker-config';
import { EvaluateTrialService } from './evaluation/evaluate-trial.service';
import { ResultPublisher } from './evaluation/result-publisher';
import { StepPublisher } from './evaluation/step-publisher';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server';
import { WorkerMetrics } from './metrics/worker-metrics';
import { subscribeToCancellations } from './queue/cancel-trial.subscriber';
import { WorkerRegistration, type RegistrationTiming } from './registration/worker-registration';
import { closeEvaluationWorkers, createEvaluationWorkers, type StalledSettings } from './queue/evaluation-workers';
import { TrialCancellations } from './queue/trial-cancellations';
import { removeOrphanTrialDirs } from './runners/command/trial-temp-dir';
import { createRunner } from './runners/create-runner';
import type { TargetRunner } from './runners/target-runner';
import { loadTargetsFile } from './targets/load-targets-file';
import { workerLog, type WorkerLog } from './worker-log';

/** startWorker's options: the worker options plus what tests and embedders may inject. */
export interface StartWorkerOptions extends WorkerOptions {
  /** The environment to read configuration from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default createBullMqTelemetry('attune-worker') */
  readonly telemetry?: Telemetry;
  /** Overrides of the stalled-job settings (tests). @default STALLED_SETTINGS */
  readonly stalled?: Partial<StalledSettings>;
  /** @default workerLog: pino's JSON lines on stderr at LOG_LEVEL */
  readonly log?: WorkerLog;
  /** Heartbeat of the worker registry (tests). @default WORKER_HEARTBEAT_MS and WORKER_TTL_MS */
  readonly registration?: Partial<RegistrationTiming>;
  /** Where evaluation metrics are recorded (tests). @default the global MeterProvider's meter "attune-worker" */
  readonly meter?: Meter;
}

/** A running worker. */
export interface WorkerHandle {
  readonly config: WorkerConfig;
  /** Names of the targets served, one queue each. */
  readonly targets: readonly string[];
  /** Where GET /metrics answers (ATTUNE_METRICS_PORT set), e.g. http://127.0.0.1:9464/metrics */
  readonly metricsUrl?: string;
  /** Stops taking jobs, lets running evaluations finish (up to the grace), then releases everything. */
  close(): Promise<void>;
}

/**
 * Composes a worker: configuration, targets file, a check that Redis answers
 * (ServiceUnreachableError otherwise), one runner per target (module
 * targets load once here, so a broken one fails the start), then one BullMQ
 * Worker per target queue. Plain composition rather than a Nest context: the
 * queues come from a file at run time, which Nest's static @Processor() cannot
 * express, and there is nothing else to inject.
 */
export async function startWorker(options: StartWorkerOptions): Promise<WorkerHandle> {
  const { env, telemetry, stalled, registration: timing, meter, log: injectedLog, ...workerOptions } = options;
  const config = parseWorkerConfig(workerOptions, env);
  const started = activeTelemetry();
  const log = injectedLog ?? workerLog(config.logLevel, started?.config.serviceName ?? 'attune-worker');
  const definitions = loadTargetsFile(config.targetsFile);
  // One line naming Redis and exit, rather than BullMQ's reconnect loop printing refused connections forever.
  await assertRedisReachable(config.redisUrl, config.redisTls);
  const runners = new Map<string, TargetRunner>(definitions.map((d) => [d.name, createRunner(d, config)]));
  try {
    await Promise.all([...runners.values()].map((r) => r.start()));
  } catch (e) {
    await Promise.all([...runners.values()].map((r) => r.close()));
    throw e;
  }
  const connection = new Redis({ ...redisConnection(config.redisUrl, undefined, config.redisTls), maxRetriesPerRequest: null });
  const tel = telemetry ?? createBullMqTelemetry('attune-worker');
  const resultsQueue = new Queue(RESULTS_QUEUE, { connection, prefix: config.queuePrefix, telemetry: tel });
  // Without a listener BullMQ prints each of Redis's errors with its stack; BullMQ reconnects by itself.
  resultsQueue.on('error', throttled((error: Error) => log(`queue ${RESULTS_QUEUE}: ${error.message}`, 'warn')));
  const publisher = new ResultPublisher(resultsQueue);
  // No telemetry here: a span per batch of steps would crowd the trial's trace; the trial's result carries it.
  const stepsQueue = new Queue(STEPS_QUEUE, { connection, prefix: config.queuePrefix });
  stepsQueue.on('error', throttled((error: Error) => log(`queue ${STEPS_QUEUE}: ${error.message}`, 'warn')));
  const service = new EvaluateTrialService(runners, publisher, config.workerId, log, new StepPublisher(stepsQueue, config.workerId, log));
  const targets = [...runners.keys()];
  const cancellations = new TrialCancellations(log);
  const subscriber = connection.duplicate();
  const workers = createEvaluationWorkers({
    targets,
    connection,
    prefix: config.queuePrefix,
    concurrency: config.concurrency,
    workerId: config.workerId,
    service,
    publisher,
    cancellations,
    telemetry: tel,
    metrics: new WorkerMetrics(meter ?? workerMeter()),
    stalled,
    log,
  });
  await Promise.all([...workers.map((w) => w.waitUntilReady()), subscribeToCancellations(subscriber, config.queuePrefix, cancellations, log)]);
  const orphans = await removeOrphanTrialDirs();
  if (orphans.length > 0) log(`removed ${orphans.length} temporary trial folder(s) left by workers that died`);
  const registration = new WorkerRegistration({ redis: connection, prefix: config.queuePrefix, workerId: config.workerId, targets, concurrency: config.concurrency, timing, log });
  await registration.start();
  // Once started (a failed start prints its one reason only).
  if (started) {
    const summary = telemetrySummary(started);
    log(summary.message, 'info', summary.fields);
  }
  let closing: Promise<void> | undefined;
  let metricsServer: MetricsServer | undefined;
  const close = async () => {
    // First: from now on this worker takes no jobs, and the coordinator should not count on it.
    await registration.stop();
    await closeEvaluationWorkers(workers, config.shutdownGraceMs);
    await stepsQueue.close();
    await resultsQueue.close();
    await Promise.all([...runners.values()].map((r) => r.close()));
    await subscriber.quit();
    await connection.quit();
    // Last: a final scrape still sees the evaluations that finished during the shutdown.
    await metricsServer?.close();
  };
  const handle = { config, targets, close: () => (closing ??= close()) };
  if (!config.metrics) return handle;
  try {
    metricsServer = await startMetricsServer(config.metrics.port, config.metrics.host, processTelemetry('attune-worker').metricsHandler);
  } catch (e) {
    await handle.close();
    throw new Error(`ATTUNE_METRICS_PORT: cannot listen on ${config.metrics.host}:${config.metrics.port}: ${(e as Error).message}`);
  }
  return { ...handle, metricsUrl: metricsServer.url };
}

/** The global MeterProvider's meter; the provider is made first (the API's meters are not proxies). */
function workerMeter(): Meter {
  processTelemetry('attune-worker');
  return otelMetrics.getMeter('attune-worker');
}
