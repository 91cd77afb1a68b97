import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A project: what studies belong to and tokens are scoped to. Its name is
 * its key (studies and tokens refer to it by name) and never changes.
 */
@Entity({ name: 'projects' })
@Unique('projects_id_key', ['id'])
export class ProjectEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'projects_pk' })
  name!: string;

  @Column('uuid')
  id!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('integer', { name: 'max_concurrent_studies', nullable: true })
  maxConcurrentStudies!: number | null;

  @Column('integer', { name: 'max_parallelism', nullable: true })
  maxParallelism!: number | null;

  @Column('integer', { name: 'max_trials_per_study', nullable: true })
  maxTrialsPerStudy!: number | null;

  @Column('integer', { name: 'requests_per_minute', nullable: true })
  requestsPerMinute!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
