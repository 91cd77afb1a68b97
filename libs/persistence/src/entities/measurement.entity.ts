import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrialEntity } from './trial.entity';

/**
 * One measurement of a trial: a trial measured with `measurement.repeats`
 * (after `warmup` uncounted ones) has that many rows; its metrics are their
 * aggregate. The raw metrics are kept so that a score can be recomputed.
 */
@Entity({ name: 'measurements' })
export class MeasurementEntity {
  @PrimaryColumn('uuid', { name: 'trial_id', primaryKeyConstraintName: 'measurements_pk' })
  trialId!: string;

  /** 0, 1, 2, ... in the order they were taken, warm-ups first. */
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'measurements_pk' })
  repeat!: number;

  @ManyToOne(() => TrialEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trial_id', foreignKeyConstraintName: 'measurements_trial_id_fk' })
  trial?: TrialEntity;

  /** Run and stored, but not counted in the trial's metrics. */
  @Column('boolean')
  warmup!: boolean;

  @Column('jsonb')
  metrics!: Record<string, number>;

  @Column('double precision', { name: 'duration_ms' })
  durationMs!: number;

  @Column('text', { name: 'worker_id', nullable: true })
  workerId!: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;
}
