import type { StudyEventMessage } from '@attune/core/events/study-event';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import type { StudyEventRecord } from '@attune/persistence/records/study-event.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { COORDINATOR_INSTANCE_ID } from '../events/coordinator-instance';
import { StudyEventBus } from '../events/study-event-bus.service';
import { toStudyEventMessage } from '../events/study-event-message';
import { webhookAllowed } from './webhook-allow-list';
import { postWebhook } from './webhook-request';

type Notify = NonNullable<StudySpec['notify']>;

interface Delivery {
  readonly url: string;
  readonly message: StudyEventMessage;
  attempt: number;
}

const CONCURRENCY = 8;
// Past this many deliveries waiting (a receiver down for long), new ones are dropped and logged.
const MAX_WAITING = 10_000;
const BACKOFF_MS = 500;

/**
 * Delivers study webhooks (`notify: {url, events}`): a listener on the event
 * bus that POSTs each event of a listed kind, at least once, with retries and
 * exponential backoff (ATTUNE_WEBHOOK_MAX_ATTEMPTS), each attempt timed out
 * (ATTUNE_WEBHOOK_TIMEOUT_MS). Only the coordinator that wrote an event
 * delivers it (its instance id is the event's origin), so several
 * coordinators do not deliver it several times. Runs beside the tick and
 * ingestion, never inside them: a slow receiver only fills this bounded queue.
 * A URL no longer allowed by this coordinator's ATTUNE_WEBHOOK_HOSTS is not called.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly notifies = new Map<string, Promise<Notify | undefined>>();
  private readonly waiting: Delivery[] = [];
  private readonly retries = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private active = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly bus: StudyEventBus,
    private readonly studies: StudyRepository,
    @Inject(COORDINATOR_INSTANCE_ID) private readonly instanceId: string,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((record) => {
      if (record.origin === this.instanceId) void this.consider(record);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.abort.abort();
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    if (this.waiting.length > 0) this.logger.warn(`shutting down with ${this.waiting.length} webhook deliveries undelivered`);
    this.waiting.length = 0;
  }

  private async consider(record: StudyEventRecord): Promise<void> {
    const notify = await this.notifyOf(record.studyId);
    if (record.event.kind === 'study-ended') this.notifies.delete(record.studyId);
    if (!notify || !notify.events.includes(record.event.kind)) return;
    if (!webhookAllowed(notify.url, this.config.webhooks.hosts)) {
      this.logger.warn(`study ${record.studyId}: webhook host of ${notify.url} is not in ATTUNE_WEBHOOK_HOSTS here; event ${record.seq} not sent`);
      return;
    }
    this.enqueue({ url: notify.url, message: toStudyEventMessage(record), attempt: 1 });
  }

  private notifyOf(studyId: string): Promise<Notify | undefined> {
    let notify = this.notifies.get(studyId);
    if (!notify) {
      notify = this.studies.findById(studyId).then(
        (study) => study?.spec.notify,
        (e) => {
          this.notifies.delete(studyId);
          this.logger.warn(`study ${studyId}: could not read its webhook: ${(e as Error).message}`);
          return undefined;
        },
      );
      this.notifies.set(studyId, notify);
    }
    return notify;
  }

  private enqueue(delivery: Delivery): void {
    if (this.abort.signal.aborted) return;
    if (this.waiting.length >= MAX_WAITING) {
      this.logger.warn(`webhook queue full: event ${delivery.message.seq} of study ${delivery.message.studyId} dropped`);
      return;
    }
    this.waiting.push(delivery);
    this.next();
  }

  private next(): void {
    while (this.active < CONCURRENCY && this.waiting.length > 0) {
      const delivery = this.waiting.shift()!;
      this.active += 1;
      void this.attempt(delivery).finally(() => {
        this.active -= 1;
        this.next();
      });
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { timeoutMs, maxAttempts } = this.config.webhooks;
    const result = await postWebhook(delivery.url, delivery.message, delivery.attempt, timeoutMs, this.abort.signal);
    if (result.ok || this.abort.signal.aborted) return;
    const what = `webhook ${delivery.message.kind} #${delivery.message.seq} of study ${delivery.message.studyId}`;
    if (delivery.attempt >= maxAttempts) {
      this.logger.warn(`${what}: giving up after ${delivery.attempt} attempts (${result.reason})`);
      return;
    }
    const delayMs = BACKOFF_MS * 2 ** (delivery.attempt - 1);
    this.logger.debug(`${what}: attempt ${delivery.attempt} failed (${result.reason}); again in ${delayMs} ms`);
    delivery.attempt += 1;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.enqueue(delivery);
    }, delayMs);
    timer.unref();
    this.retries.add(timer);
  }
}
