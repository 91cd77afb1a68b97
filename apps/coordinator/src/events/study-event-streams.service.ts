import { AttuneError } from '@attune/core/errors/attune-error';
import { VERIFICATION_END_KINDS } from '@attune/core/events/study-event';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { verificationAtEnd } from '@attune/core/verification/verification-options.schema';
import type { StudyEventRecord } from '@attune/persistence/records/study-event.record';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DatabaseReads } from '../database/database-reads';
import type { ServerResponse } from 'node:http';
import { StudyEventBus } from './study-event-bus.service';
import { StudyEventStream } from './study-event-stream';

/**
 * The open SSE streams of this coordinator: opens them (their pages come
 * from the read pool), and ends them all at shutdown (or the HTTP server
 * would wait on them).
 */
@Injectable()
export class StudyEventStreams implements OnModuleDestroy {
  private readonly open = new Set<StudyEventStream>();

  constructor(
    private readonly reads: DatabaseReads,
    private readonly bus: StudyEventBus,
  ) {}

  /** Streams the study's events after `afterSeq` on `res`; NOT_FOUND (before anything is written) for an unknown study. */
  async stream(studyId: string, afterSeq: number, res: ServerResponse): Promise<void> {
    const study = await this.reads.studies.findById(studyId);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${studyId} does not exist`);
    const source = {
      listAfter: (id: string, after: number, limit: number) => this.reads.events.listAfter(id, after, limit),
      subscribe: (id: string, listener: Parameters<StudyEventBus['subscribeStudy']>[1]) => this.bus.subscribeStudy(id, listener),
    };
    const verifying = (await this.reads.verifications.latest(studyId))?.state === 'RUNNING';
    const options = { ended: study.state !== 'RUNNING' && !verifying, isLast: lastEventOf(study.spec, verifying) };
    const stream: StudyEventStream = new StudyEventStream(studyId, afterSeq, res, source, options, () => this.open.delete(stream));
    this.open.add(stream);
    stream.start();
  }

  /** How many streams are open (tests). */
  get size(): number {
    return this.open.size;
  }

  onModuleDestroy(): void {
    for (const stream of [...this.open]) stream.close();
  }
}

/**
 * The event after which nothing more happens to a study on its own: its
 * verification's verdict when one runs or follows a COMPLETE end, else
 * `study-ended`.
 */
function lastEventOf(spec: StudySpec, verifying: boolean): (record: StudyEventRecord) => boolean {
  const verifiesAtEnd = verificationAtEnd(spec) !== undefined;
  return ({ event }) => {
    if (VERIFICATION_END_KINDS.includes(event.kind)) return true;
    return event.kind === 'study-ended' && !verifying && !(verifiesAtEnd && event.state === 'COMPLETE');
  };
}
