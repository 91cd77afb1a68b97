import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import type { AuditRecord, NewAuditEntry } from '../records/auth.record';
import type { Page } from './study.repository';

export interface AuditQuery {
  /** Only this project's entries; absent: every entry. */
  readonly project?: string;
  readonly limit: number;
  readonly offset: number;
}

/** The audit log: appended to in the transaction of what it records, listed newest first. */
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(entry: NewAuditEntry, tx?: EntityManager): Promise<void> {
    await this.repo(tx).insert({
      action: entry.action,
      project: entry.project ?? null,
      tokenId: entry.actor.tokenId ?? null,
      tokenName: entry.actor.name ?? null,
      subject: entry.subject,
      detail: { ...entry.detail },
    } as QueryDeepPartialEntity<AuditEntryEntity>);
  }

  async list(query: AuditQuery): Promise<Page<AuditRecord>> {
    const [rows, total] = await this.repo().findAndCount({
      where: query.project === undefined ? {} : { project: query.project },
      order: { id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toAuditRecord), total };
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(AuditEntryEntity);
  }
}

function toAuditRecord(row: AuditEntryEntity): AuditRecord {
  return {
    id: Number(row.id),
    at: row.at,
    action: row.action,
    ...(row.project !== null && { project: row.project }),
    actor: { ...(row.tokenId !== null && { tokenId: row.tokenId }), ...(row.tokenName !== null && { name: row.tokenName }) },
    subject: row.subject,
    detail: row.detail,
  };
}
