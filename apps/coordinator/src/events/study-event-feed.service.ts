import { EventNotifications } from '@attune/persistence/events/event-notifications';
import type { EventNotice } from '@attune/persistence/events/event-channel';
import { StudyEventRepository } from '@attune/persistence/repositories/study-event.repository';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { throttled } from '@attune/queue/throttled';
import { StudyEventBus } from './study-event-bus.service';

const PAGE = 500;
// Ended studies get no more events; remembering a few keeps a late duplicate notice from replaying them.
const MAX_ENDED = 10_000;
const RETRY_MS = 1000;

/**
 * Feeds the bus with every committed study event, from any coordinator.
 *
 * Fan-out is PostgreSQL LISTEN/NOTIFY rather than Redis pub/sub: the NOTIFY
 * is sent inside the transaction that appends the events, and PostgreSQL
 * delivers it only when that transaction commits, never on rollback — so a
 * listener cannot hear of an event that does not exist, with no outbox and
 * no second system to keep consistent. Notices are small (`study:from:to`);
 * the events are read from the log table, per study after the last sequence
 * number delivered, in order. NOTIFY is not durable: when the LISTEN
 * connection comes back, the feed reads every study that moved while it was
 * down (running, known, or ended since) from its last number on, so nothing
 * is lost.
 */
@Injectable()
export class StudyEventFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StudyEventFeed.name);
  private readonly warn = throttled((e: Error) => this.logger.warn(`study event notifications: ${e.message}`));
  private readonly cursors = new Map<string, number>();
  private readonly ended = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private reading = false;
  private closed = false;
  private notifications?: EventNotifications;
  private listenedBefore = false;

  constructor(
    private readonly bus: StudyEventBus,
    private readonly events: StudyEventRepository,
    private readonly studies: StudyRepository,
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
  ) {}

  /** Listens from module init on, before the results queue and the sweep start writing (the tables exist: migrations ran when the repositories were made). */
  async onModuleInit(): Promise<void> {
    this.notifications = new EventNotifications(this.config.database, {
      onNotice: (notice) => this.onNotice(notice),
      onListening: (downSince) => void this.onListening(downSince).catch((e) => this.warn(e as Error)),
      onError: (e) => this.warn(e),
    });
    await this.notifications.open();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.notifications?.close();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private onNotice(notice: EventNotice): void {
    if (this.ended.has(notice.studyId)) return;
    const cursor = this.cursors.get(notice.studyId);
    if (cursor !== undefined && notice.toSeq <= cursor) return;
    // A study first heard of now: its earlier events happened before this coordinator listened.
    if (cursor === undefined) this.cursors.set(notice.studyId, notice.fromSeq - 1);
    this.pull(notice.studyId);
  }

  /**
   * On the first connection, starts every running study at its current
   * number (only events from now on are new); after an outage, reads what
   * was missed.
   */
  private async onListening(downSince: Date | undefined): Promise<void> {
    const first = !this.listenedBefore;
    const seqs = await this.studies.eventSeqs([...this.cursors.keys()], first ? undefined : downSince);
    this.listenedBefore = true;
    for (const [studyId, seq] of seqs) {
      if (this.ended.has(studyId)) continue;
      const cursor = this.cursors.get(studyId);
      // A study already heard of (a notice came in meanwhile) is being read from its notice on.
      if (first) {
        if (cursor === undefined) this.cursors.set(studyId, seq);
      } else if (seq > (cursor ?? 0)) {
        if (cursor === undefined) this.cursors.set(studyId, 0);
        this.pull(studyId);
      }
    }
  }

  /**
   * Marks a study as having new events. Reads are batched: the studies marked
   * while one read runs are read together by the next, in one query, so a
   * transaction that touched many studies costs one read, not one per study.
   */
  private pull(studyId: string): void {
    this.dirty.add(studyId);
    if (this.reading || this.closed) return;
    this.reading = true;
    let failed = false;
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .catch((e) => {
        failed = true;
        this.warn(new Error(`could not read study events: ${(e as Error).message}`));
      })
      .finally(() => {
        this.reading = false;
        this.inFlight.delete(done);
        // What could not be read is read again a little later.
        if (this.dirty.size > 0) setTimeout(() => this.pull([...this.dirty][0]), failed ? RETRY_MS : 0).unref();
      });
    this.inFlight.add(done);
  }

  private async drain(): Promise<void> {
    while (this.dirty.size > 0) {
      const after = new Map<string, number>();
      for (const id of this.dirty) {
        const cursor = this.cursors.get(id);
        if (cursor !== undefined) after.set(id, cursor);
      }
      this.dirty.clear();
      let page;
      try {
        page = await this.events.listAfterMany(after, PAGE);
      } catch (e) {
        for (const id of after.keys()) this.dirty.add(id);
        throw e;
      }
      const counts = new Map<string, number>();
      for (const record of page) {
        counts.set(record.studyId, (counts.get(record.studyId) ?? 0) + 1);
        if (this.cursors.get(record.studyId) !== record.seq - 1) continue;
        this.cursors.set(record.studyId, record.seq);
        this.bus.publish(record);
        if (record.event.kind === 'study-ended') this.forgetEnded(record.studyId);
      }
      // A full page may have more behind it.
      for (const [id, n] of counts) if (n === PAGE && this.cursors.has(id)) this.dirty.add(id);
    }
  }

  private forgetEnded(studyId: string): void {
    this.cursors.delete(studyId);
    this.ended.add(studyId);
    if (this.ended.size > MAX_ENDED) this.ended.delete(this.ended.values().next().value as string);
  }
}
