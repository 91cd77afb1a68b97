import { AttuneError } from '@attune/core/errors/attune-error';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { StudyLocks } from '@attune/persistence/study-locks';
import { Injectable } from '@nestjs/common';
import { StudyEnding } from '../driver/study-ending.service';
import { TickScheduler } from '../driver/tick-scheduler.service';
import { EvaluationEvents } from '../ingestion/evaluation-events.service';

/** Write side of the API: create a study (then let the driver run it) and stop one. */
@Injectable()
export class StudyCommands {
  constructor(
    private readonly locks: StudyLocks,
    private readonly studies: StudyRepository,
    private readonly ending: StudyEnding,
    private readonly scheduler: TickScheduler,
    private readonly events: EvaluationEvents,
  ) {}

  /** Stores a validated spec as a RUNNING study; the driver proposes its first trials right away. */
  async create(spec: StudySpec): Promise<string> {
    const study = await this.studies.insert(spec);
    this.events.watch(spec.target);
    this.scheduler.request(study.id);
    return study.id;
  }

  /**
   * STOPPED, pending trials CANCELLED and their waiting jobs removed. Waits
   * for a tick in progress on any coordinator; a study already ended is left as it is.
   */
  async stop(id: string): Promise<void> {
    const result = await this.locks.run(
      id,
      { wait: true },
      async (tx) => {
        const study = await this.studies.findById(id, tx);
        if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
        if (study.state !== 'RUNNING') return undefined;
        return { study, cancelled: await this.ending.end(study, 'STOPPED', 'stopped by user', tx) };
      },
      async (stopped) => {
        if (stopped) await this.ending.afterCommit(stopped.study, stopped.cancelled);
      },
    );
    if (!result.acquired) throw new Error('unreachable: a waiting lock is always acquired');
  }
}
