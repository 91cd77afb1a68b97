import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StudyEntity } from './study.entity';

/**
 * One verification of a study's winner: its plan (every measurement to take,
 * in order), how far it got, and its report once done. Its measurements are
 * kept apart from the search trials, in `verification_measurements`.
 */
@Entity({ name: 'verifications' })
@Index('verifications_study_idx', ['studyId', 'createdAt'])
@Index('verifications_state_idx', ['state'])
@Check('verifications_state_check', `"state" IN ('RUNNING', 'COMPLETE', 'FAILED', 'CANCELLED')`)
export class VerificationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'study_id' })
  studyId!: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'verifications_study_id_fk' })
  study?: StudyEntity;

  @Column('varchar', { length: 16 })
  state!: string;

  /** The options it runs with: repeats, top, seed. */
  @Column('jsonb')
  options!: Record<string, unknown>;

  /** Every measurement to take, in the order taken: its id (the job's), the trial it re-measures, the params. */
  @Column('jsonb')
  plan!: Record<string, unknown>[];

  /** Index in `plan` of the measurement under way (plan.length when all are taken). */
  @Column('integer', { name: 'next_seq', default: 0 })
  nextSeq!: number;

  /** The verdict (see libs/core/src/verification), once every measurement is taken. */
  @Column('jsonb', { nullable: true })
  report!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;
}
