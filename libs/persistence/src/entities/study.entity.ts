import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ProjectEntity } from './project.entity';

/** A study row. Only the persistence library sees it; others get a StudyRecord. */
@Entity({ name: 'studies' })
@Index('studies_state_idx', ['state'])
@Index('studies_created_at_idx', ['createdAt'])
@Index('studies_project_state_idx', ['project', 'state'])
@Check('studies_state_check', `"state" IN ('RUNNING', 'COMPLETE', 'FAILED', 'STOPPED')`)
export class StudyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  target!: string;

  /** The project's name. The default keeps rows written by older coordinators valid. */
  @Column('text', { default: 'default' })
  project!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project', referencedColumnName: 'name', foreignKeyConstraintName: 'studies_project_fk' })
  projectRow?: ProjectEntity;

  @Column('varchar', { length: 16 })
  state!: string;

  /** The validated study spec, defaults applied. */
  @Column('jsonb')
  spec!: Record<string, unknown>;

  @Column('text', { name: 'stop_reason', nullable: true })
  stopReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  /** Sequence number of the study's last event (0: none yet); see StudyEventRepository.append. */
  @Column('integer', { name: 'event_seq', default: 0 })
  eventSeq!: number;
}
