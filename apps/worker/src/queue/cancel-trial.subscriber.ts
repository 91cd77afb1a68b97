import type { Redis } from 'ioredis';
import { cancelTrialChannel, decodeCancelTrial } from '@attune/queue/cancel-trial.message';
import type { TrialCancellations } from './trial-cancellations';
import type { WorkerLog } from '../worker-log';

/**
 * Listens on the deployment's cancel-trial channel with a connection of its
 * own (a subscribed connection can do nothing else; ioredis subscribes again
 * after a reconnect) and hands each message to `cancellations`.
 */
export async function subscribeToCancellations(
  subscriber: Redis,
  queuePrefix: string,
  cancellations: TrialCancellations,
  log: WorkerLog,
): Promise<void> {
  const channel = cancelTrialChannel(queuePrefix);
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const decoded = decodeCancelTrial(text);
    if (decoded.ok) cancellations.cancel(decoded.message);
    else log(`ignored a malformed message on ${channel}: ${decoded.problems}`, 'warn');
  });
  await subscriber.subscribe(channel);
}
