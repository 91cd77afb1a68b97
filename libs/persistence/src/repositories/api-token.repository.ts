import { randomUUID } from 'node:crypto';
import { ALL_PROJECTS, type Role } from '@attune/core/auth/roles';
import { IsNull, type DataSource } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { newTokenText, tokenHash, tokenShownPrefix } from '../auth/token-secret';
import type { ApiTokenRecord } from '../records/auth.record';

export interface NewApiToken {
  /** A project's name or ALL_PROJECTS. */
  readonly project: string;
  readonly role: Role;
  readonly name?: string;
  readonly expiresAt?: Date;
  /** The token that creates it; absent for `attune admin bootstrap`. */
  readonly createdBy?: string;
}

/** How stale last_used_at may get: a token in constant use costs one UPDATE a minute, not one per request. */
const TOUCH_INTERVAL_MS = 60_000;

/** API tokens. Only their SHA-256 is stored; the text exists once, in what `create` returns. */
export class ApiTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(token: NewApiToken): Promise<{ readonly record: ApiTokenRecord; readonly text: string }> {
    const text = newTokenText();
    const id = randomUUID();
    await this.repo().insert({
      id,
      name: token.name ?? null,
      project: token.project === ALL_PROJECTS ? null : token.project,
      role: token.role,
      secretHash: tokenHash(text),
      prefix: tokenShownPrefix(text),
      createdBy: token.createdBy ?? null,
      expiresAt: token.expiresAt ?? null,
    });
    return { record: (await this.find(id))!, text };
  }

  /** The token whose text this is, whatever its state (the caller checks expiry and revocation). */
  async findByText(text: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.repo().findOneBy({ secretHash: tokenHash(text) });
    return row ? toApiTokenRecord(row) : undefined;
  }

  async find(id: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.repo().findOneBy({ id });
    return row ? toApiTokenRecord(row) : undefined;
  }

  /** Newest first; a project's tokens only, or every token for ALL_PROJECTS. */
  async list(project: string): Promise<ApiTokenRecord[]> {
    const rows = await this.repo().find({ where: project === ALL_PROJECTS ? {} : { project }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map(toApiTokenRecord);
  }

  /** Revokes a token (a second revocation keeps the first time). Undefined when there is no such token. */
  async revoke(id: string): Promise<ApiTokenRecord | undefined> {
    await this.repo().update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return this.find(id);
  }

  /** Whether any token exists, revoked or not: the coordinator turns authentication on once one does. */
  async anyExists(): Promise<boolean> {
    return (await this.repo().count({ take: 1 })) > 0;
  }

  /** Whether a usable (unrevoked, unexpired) admin token of every project exists. */
  async usableRootAdminExists(now: Date): Promise<boolean> {
    const n = await this.repo()
      .createQueryBuilder('t')
      .where("t.role = 'admin' AND t.project IS NULL AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)", { now })
      .getCount();
    return n > 0;
  }

  /** Records a use, at most once per TOUCH_INTERVAL_MS per token. */
  async touch(token: ApiTokenRecord, now: Date): Promise<void> {
    if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
    await this.repo().update({ id: token.id }, { lastUsedAt: now });
  }

  private repo() {
    return this.dataSource.getRepository(ApiTokenEntity);
  }
}

function toApiTokenRecord(row: ApiTokenEntity): ApiTokenRecord {
  return {
    id: row.id,
    ...(row.name !== null && { name: row.name }),
    project: row.project ?? ALL_PROJECTS,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    ...(row.createdBy !== null && { createdBy: row.createdBy }),
    ...(row.expiresAt !== null && { expiresAt: row.expiresAt }),
    ...(row.revokedAt !== null && { revokedAt: row.revokedAt }),
    ...(row.lastUsedAt !== null && { lastUsedAt: row.lastUsedAt }),
  };
}
