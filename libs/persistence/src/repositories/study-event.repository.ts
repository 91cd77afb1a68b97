import type { DataSource, EntityManager } from 'typeorm';
import { StudyEventEntity } from '../entities/study-event.entity';
import { StudyEntity } from '../entities/study.entity';
import { eventChannel } from '../events/event-channel';
import { toStudyEventRecord, type StudyEventRow } from '../mappers/study-event.mapper';
import type { NewStudyEvent, StudyEventRecord } from '../records/study-event.record';
import { quotedTable } from './quoted-table';

/**
 * The study event log.
 *
 * Sequence numbers come from a counter on the study row (`studies.event_seq`),
 * bumped by `UPDATE ... RETURNING` in the transaction that appends. The row
 * lock that UPDATE takes is held to commit, so appends to one study are
 * serialised: numbers are gap-free (a rolled-back append rolls its bump back)
 * and commit in order, so a reader that has seen `seq` n and reads `> n`
 * never skips one committed later with a smaller number. Appends to many
 * studies cannot deadlock as long as every writer follows one order: lock
 * the study rows first, in id order (`StudyRepository.lockForEvents`), then
 * change their trials, then append. (A writer that changes trials first and
 * bumps the counter last could hold a trial that another writer, holding the
 * study row, waits for.)
 *
 * Appending also NOTIFYs the schema's channel with `studyId:from:to`; PostgreSQL
 * delivers a NOTIFY only when its transaction commits, never on rollback.
 */
export class StudyEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The NOTIFY channel readers LISTEN on. */
  get channel(): string {
    return eventChannel(this.schema());
  }

  /**
   * Appends events (in the given order per study) in one statement, whatever
   * the number of studies. `tx` must be the transaction of the change that
   * caused them, with the studies locked first (see the class comment).
   */
  async append(events: readonly NewStudyEvent[], origin: string | undefined, tx: EntityManager): Promise<StudyEventRecord[]> {
    if (events.length === 0) return [];
    const input = events.map((e, i) => {
      const { kind, ...payload } = e.event;
      return { i, study_id: e.studyId, kind, payload };
    });
    // Returns each study's base number only: the events are numbered from it in input order here, not read back.
    const bases: { id: string; base: number; at: Date }[] = await tx.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(i int, study_id uuid, kind text, payload jsonb)
       ), counts AS (
         SELECT study_id, count(*)::int AS n FROM input GROUP BY study_id
       ), bumped AS (
         UPDATE ${this.table(StudyEntity)} AS s SET event_seq = s.event_seq + c.n FROM counts c
          WHERE s.id = c.study_id RETURNING s.id, s.event_seq - c.n AS base
       ), inserted AS (
         INSERT INTO ${this.table(StudyEventEntity)} (study_id, seq, kind, payload, origin)
         SELECT v.study_id, b.base + row_number() OVER (PARTITION BY v.study_id ORDER BY v.i), v.kind, v.payload, $2::uuid
           FROM input v JOIN bumped b ON b.id = v.study_id
       )
       -- The notice of each study's range (studyId:from:to, see parseNotice), sent when the transaction commits.
       SELECT b.id, b.base, now() AS at, pg_notify($3, b.id::text || ':' || (b.base + 1)::text || ':' || (b.base + c.n)::text)::text AS notified
         FROM bumped b JOIN counts c ON c.study_id = b.id`,
      [JSON.stringify(input), origin ?? null, this.channel],
    );
    const next = new Map(bases.map((b) => [b.id, b.base]));
    const records: StudyEventRecord[] = [];
    for (const e of events) {
      const base = next.get(e.studyId);
      if (base === undefined) throw new Error(`cannot append events to study ${e.studyId}: it does not exist`);
      next.set(e.studyId, base + 1);
      records.push({ studyId: e.studyId, seq: base + 1, event: e.event, ...(origin !== undefined && { origin }), createdAt: bases[0].at });
    }
    return records.sort((a, b) => a.studyId.localeCompare(b.studyId) || a.seq - b.seq);
  }

  /** Events of a study after `afterSeq`, oldest first, at most `limit`. */
  async listAfter(studyId: string, afterSeq: number, limit: number): Promise<StudyEventRecord[]> {
    const rows: StudyEventRow[] = await this.dataSource.query(
      `SELECT study_id, seq, kind, payload, origin, created_at FROM ${this.table(StudyEventEntity)}
        WHERE study_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [studyId, afterSeq, limit],
    );
    return rows.map(toStudyEventRecord);
  }

  /**
   * Events of many studies at once, each after its own sequence number, at
   * most `limitPerStudy` each, in sequence order per study (one statement).
   */
  async listAfterMany(after: ReadonlyMap<string, number>, limitPerStudy: number): Promise<StudyEventRecord[]> {
    if (after.size === 0) return [];
    const cursors = [...after].map(([study_id, seq]) => ({ study_id, seq }));
    const rows: StudyEventRow[] = await this.dataSource.query(
      `SELECT e.study_id, e.seq, e.kind, e.payload, e.origin, e.created_at
         FROM jsonb_to_recordset($1::jsonb) AS c(study_id uuid, seq int)
         CROSS JOIN LATERAL (
           SELECT * FROM ${this.table(StudyEventEntity)} WHERE study_id = c.study_id AND seq > c.seq ORDER BY seq LIMIT $2
         ) AS e
        ORDER BY e.study_id, e.seq`,
      [JSON.stringify(cursors), limitPerStudy],
    );
    return rows.map(toStudyEventRecord);
  }

  private table(entity: Function): string {
    return quotedTable(this.dataSource.getMetadata(entity));
  }

  private schema(): string {
    return (this.dataSource.options as { schema?: string }).schema ?? 'public';
  }
}
