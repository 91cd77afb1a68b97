import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VerificationEntity } from './verification.entity';

/** One re-measurement of a verification: a candidate's or the baseline's, COMPLETE with raw metrics or FAILED with the reason. */
@Entity({ name: 'verification_measurements' })
export class VerificationMeasurementEntity {
  @PrimaryColumn('uuid', { name: 'verification_id', primaryKeyConstraintName: 'verification_measurements_pk' })
  verificationId!: string;

  /** Its index in the verification's plan. */
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'verification_measurements_pk' })
  seq!: number;

  @ManyToOne(() => VerificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'verification_id', foreignKeyConstraintName: 'verification_measurements_verification_id_fk' })
  verification?: VerificationEntity;

  /** The number of the trial re-measured (a candidate, or the baseline). */
  @Column('integer', { name: 'trial_number' })
  trialNumber!: number;

  @Column('varchar', { length: 16 })
  state!: string;

  @Column('jsonb', { nullable: true })
  metrics!: Record<string, number> | null;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('double precision', { name: 'duration_ms', nullable: true })
  durationMs!: number | null;

  @Column('text', { name: 'worker_id', nullable: true })
  workerId!: string | null;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;
}
