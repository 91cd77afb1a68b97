import type { StudyEventRecord } from '@attune/persistence/records/study-event.record';
import { Injectable, Logger } from '@nestjs/common';

/** Called for each committed study event, in sequence order per study. */
export type StudyEventListener = (record: StudyEventRecord) => void;

/**
 * The in-process subscription API of study events: every event committed by
 * any coordinator (fed by StudyEventFeed), each once, in order per study.
 * Listeners are synchronous and must not throw; one that does is logged and
 * the others still run.
 */
@Injectable()
export class StudyEventBus {
  private readonly logger = new Logger(StudyEventBus.name);
  private readonly all = new Set<StudyEventListener>();
  private readonly byStudy = new Map<string, Set<StudyEventListener>>();

  /** Every study's events; returns the unsubscribe function. */
  subscribe(listener: StudyEventListener): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  /** One study's events; returns the unsubscribe function. */
  subscribeStudy(studyId: string, listener: StudyEventListener): () => void {
    const set = this.byStudy.get(studyId) ?? new Set();
    set.add(listener);
    this.byStudy.set(studyId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byStudy.get(studyId) === set) this.byStudy.delete(studyId);
    };
  }

  /** Hands an event to its listeners (the feed calls this). */
  publish(record: StudyEventRecord): void {
    for (const listener of [...this.all, ...(this.byStudy.get(record.studyId) ?? [])]) {
      try {
        listener(record);
      } catch (e) {
        this.logger.error(`listener of ${record.event.kind} (study ${record.studyId}) failed: ${(e as Error).stack ?? e}`);
      }
    }
  }
}
