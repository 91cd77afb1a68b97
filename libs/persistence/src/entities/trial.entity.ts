import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StudyEntity } from './study.entity';

/** A trial row. Only the persistence library sees it; others get a TrialRecord. */
@Entity({ name: 'trials' })
@Index('trials_study_number_uq', ['studyId', 'number'], { unique: true })
@Index('trials_study_state_idx', ['studyId', 'state'])
// The best trial of a study: scanned forwards to minimise, backwards to maximise.
@Index('trials_study_best_idx', ['studyId', 'value'], { where: `"state" = 'COMPLETE'` })
// The duplicate guard: a study's trials by configuration (see `signature`).
@Index('trials_study_signature_idx', ['studyId', 'signature'])
@Check('trials_origin_check', `"origin" IN ('baseline', 'enqueued', 'warm-start', 'reused')`)
@Check('trials_state_check', `"state" IN ('QUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'PRUNED', 'TIMED_OUT', 'CANCELLED')`)
export class TrialEntity {
  /** Also the id of the trial's evaluation job and of its result job. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'study_id' })
  studyId!: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'trials_study_id_fk' })
  study?: StudyEntity;

  /** 0, 1, 2, ... within the study, in the order the strategy proposed them. */
  @Column('integer')
  number!: number;

  @Column('varchar', { length: 16 })
  state!: string;

  @Column('jsonb')
  params!: Record<string, unknown>;

  /**
   * Where the configuration came from when not from the strategy: the
   * study's `baseline`, `enqueued` by hand, copied by `warm-start` from an
   * earlier study, or `reused`: proposed again, and given the measurement of
   * the trial that measured it first (see `meta.reusedFrom`). NULL: proposed.
   */
  @Column('varchar', { length: 16, nullable: true })
  origin!: string | null;

  /**
   * md5 of the params as canonical JSON (jsonb's own text form), set by the
   * trigger `trials_signature_set` on every insert and update of params: the
   * same configuration has the same signature however it was written.
   */
  @Column({ type: 'text', nullable: true, insert: false, update: false })
  signature!: string | null;

  /** What the strategy attached to its proposal. */
  @Column('jsonb', { nullable: true })
  meta!: Record<string, unknown> | null;

  /**
   * The objective as the user reads it: the metric (aggregated over repeats)
   * or the composite score; NULL for several objectives. COMPLETE only.
   */
  @Column('double precision', { nullable: true })
  value!: number | null;

  /** No constraint broken; NULL for a study without constraints (feasible) and for trials not COMPLETE. */
  @Column('boolean', { nullable: true })
  feasible!: boolean | null;

  /** Total relative excess over the constraints (0 when feasible); NULL without constraints. */
  @Column('double precision', { nullable: true })
  violation!: number | null;

  /** The rest of the trial's score (see TrialScoreJson): losses, constraint slacks and violations, spread, noise, improvement. */
  @Column('jsonb', { nullable: true })
  score!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  metrics!: Record<string, number> | null;

  /** What was dropped from the reported metrics, and why (a COMPLETE trial may have one). */
  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('text', { name: 'worker_id', nullable: true })
  workerId!: string | null;

  /**
   * The OpenTelemetry trace of the trial (32 hex digits), set when its root
   * span was recorded; NULL when tracing was off (or the trial unsampled).
   */
  @Column('varchar', { name: 'trace_id', length: 32, nullable: true })
  traceId!: string | null;

  /**
   * The highest step the trial reported (see TrialStepEntity); of a PRUNED
   * trial, the step it was stopped at. NULL: no step reported.
   */
  @Column('integer', { name: 'last_step', nullable: true })
  lastStep!: number | null;

  /**
   * How many steps of the trial are stored, kept in the statement that
   * stores them: a cache of the steps compares it with its own count to
   * know whether it missed any (stored by another coordinator, say).
   */
  @Column('integer', { name: 'step_count', default: 0 })
  stepCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;
}
