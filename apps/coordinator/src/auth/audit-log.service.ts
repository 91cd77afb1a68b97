import type { AuditAction } from '@attune/core/api/responses';
import { AuditRepository } from '@attune/persistence/repositories/audit.repository';
import type { Transaction } from '@attune/persistence/transaction';
import { Injectable } from '@nestjs/common';
import { actorOf, type Principal } from './principal';

/** What was done, by whom: one audit entry, written in the transaction of the change when there is one, so that neither is kept without the other. */
@Injectable()
export class AuditLog {
  constructor(private readonly entries: AuditRepository) {}

  record(principal: Principal, action: AuditAction, entry: { subject: string; project?: string; detail?: Record<string, unknown> }, tx?: Transaction): Promise<void> {
    return this.entries.append({ action, actor: actorOf(principal), subject: entry.subject, ...(entry.project !== undefined && { project: entry.project }), detail: entry.detail ?? {} }, tx);
  }
}
