import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from './project.entity';

/** An API token: only the SHA-256 of its secret is kept. */
@Entity({ name: 'api_tokens' })
@Index('api_tokens_secret_hash_key', ['secretHash'], { unique: true })
@Index('api_tokens_project_idx', ['project'])
@Check('api_tokens_role_check', `"role" IN ('viewer', 'editor', 'admin')`)
export class ApiTokenEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'api_tokens_pk' })
  id!: string;

  @Column('text', { nullable: true })
  name!: string | null;

  /** NULL: every project. */
  @Column('text', { nullable: true })
  project!: string | null;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project', referencedColumnName: 'name', foreignKeyConstraintName: 'api_tokens_project_fk' })
  projectRow?: ProjectEntity;

  @Column('varchar', { length: 16 })
  role!: string;

  /** Hex SHA-256 of the token's text. */
  @Column('char', { name: 'secret_hash', length: 64 })
  secretHash!: string;

  /** The token's first characters, to recognise it in a listing. */
  @Column('varchar', { length: 16 })
  prefix!: string;

  /** The token that created this one; NULL for one made by `attune admin bootstrap`. */
  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  /** Updated at most once a minute (see ApiTokenRepository.touch). */
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;
}
