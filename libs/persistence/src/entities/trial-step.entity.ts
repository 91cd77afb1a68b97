import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StudyEntity } from './study.entity';
import { TrialEntity } from './trial.entity';

/**
 * One intermediate value of a running trial, as its target reported it (see
 * TrialStepsJob): the history its pruner decides on, and the learning curves
 * of the API. A step is stored once (the first report wins); steps of trials
 * that ended meanwhile are kept too.
 */
@Entity({ name: 'trial_steps' })
// A study's steps, trial by trial in step order: the pruning cache's first read and the learning curves.
@Index('trial_steps_study_idx', ['studyId', 'trialId', 'step'])
export class TrialStepEntity {
  @PrimaryColumn('uuid', { name: 'trial_id', primaryKeyConstraintName: 'trial_steps_pk' })
  trialId!: string;

  /** Where the evaluation was (an epoch, a second, a request count), rising within a trial. */
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'trial_steps_pk' })
  step!: number;

  @ManyToOne(() => TrialEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trial_id', foreignKeyConstraintName: 'trial_steps_trial_id_fk' })
  trial?: TrialEntity;

  @Column('uuid', { name: 'study_id' })
  studyId!: string;

  @ManyToOne(() => StudyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'trial_steps_study_id_fk' })
  study?: StudyEntity;

  /** The values reported at the step; the study's objective metric among them is what its pruner compares. */
  @Column('jsonb')
  metrics!: Record<string, number>;

  /** When the target reported it (the worker's clock). */
  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;
}
