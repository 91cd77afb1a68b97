import type { Role } from '@attune/core/auth/roles';

/** A project's limits; undefined is unlimited. */
export interface ProjectLimits {
  readonly maxConcurrentStudies?: number;
  readonly maxParallelism?: number;
  readonly maxTrialsPerStudy?: number;
  readonly requestsPerMinute?: number;
}

export interface ProjectRecord {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly createdAt: Date;
  readonly limits: ProjectLimits;
}

/** An API token without its secret. `project` is a project's name or ALL_PROJECTS. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly name?: string;
  readonly project: string;
  readonly role: Role;
  readonly prefix: string;
  readonly createdAt: Date;
  readonly createdBy?: string;
  readonly expiresAt?: Date;
  readonly revokedAt?: Date;
  readonly lastUsedAt?: Date;
}

/** Who acted: the token, absent with authentication off. */
export interface AuditActor {
  readonly tokenId?: string;
  readonly name?: string;
}

export interface NewAuditEntry {
  readonly action: string;
  /** Absent for an action on every project. */
  readonly project?: string;
  readonly actor: AuditActor;
  readonly subject: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends NewAuditEntry {
  readonly id: number;
  readonly at: Date;
}
