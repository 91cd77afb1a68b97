import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what, and when. No foreign keys: the log outlives the tokens and
 * studies it names.
 */
@Entity({ name: 'audit_log' })
@Index('audit_log_project_idx', ['project', 'id'])
@Index('audit_log_subject_idx', ['subject'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'audit_log_pk' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column('varchar', { length: 32 })
  action!: string;

  /** NULL for an action on every project (a token of "*", say). */
  @Column('text', { nullable: true })
  project!: string | null;

  @Column('uuid', { name: 'token_id', nullable: true })
  tokenId!: string | null;

  @Column('text', { name: 'token_name', nullable: true })
  tokenName!: string | null;

  /** The study, token or project acted on. */
  @Column('text')
  subject!: string;

  @Column('jsonb')
  detail!: Record<string, unknown>;
}
