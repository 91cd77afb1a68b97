import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StudyEntity } from './study.entity';

/**
 * One study event, in the log readers replay from (SSE resumption, catch-up
 * after a lost LISTEN connection). Written in the transaction that caused it.
 */
@Entity({ name: 'study_events' })
export class StudyEventEntity {
  @PrimaryColumn('uuid', { name: 'study_id', primaryKeyConstraintName: 'study_events_pk' })
  studyId!: string;

  /** 1, 2, 3, ... within the study, without gaps, in commit order. */
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'study_events_pk' })
  seq!: number;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'study_events_study_id_fk' })
  study?: StudyEntity;

  @Column('varchar', { length: 32 })
  kind!: string;

  /** The event's fields without `kind`. */
  @Column('jsonb')
  payload!: Record<string, unknown>;

  /** Instance id of the coordinator that wrote it (it delivers the study's webhooks for it). */
  @Column('uuid', { nullable: true })
  origin!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
