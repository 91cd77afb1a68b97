import { ALL_PROJECTS } from '@attune/core/auth/roles';
import type { DataSource } from 'typeorm';
import type { ApiTokenRecord } from '../records/auth.record';
import { ApiTokenRepository } from '../repositories/api-token.repository';
import { AuditRepository } from '../repositories/audit.repository';

export interface BootstrapOptions {
  readonly name: string;
  readonly expiresAt?: Date;
  /** Create one even when a usable admin token of every project exists (a lost one, say). */
  readonly force: boolean;
}

export type BootstrapResult = { readonly created: true; readonly record: ApiTokenRecord; readonly text: string } | { readonly created: false };

/**
 * `attune admin bootstrap`: the first admin token of every project, made in
 * the database directly (no token can ask the API for it yet), recorded in
 * the audit log with no actor. Refused while a usable one exists, unless forced.
 */
export async function bootstrapRootAdmin(dataSource: DataSource, options: BootstrapOptions, now = new Date()): Promise<BootstrapResult> {
  const tokens = new ApiTokenRepository(dataSource);
  if (!options.force && (await tokens.usableRootAdminExists(now))) return { created: false };
  const { record, text } = await tokens.create({ project: ALL_PROJECTS, role: 'admin', name: options.name, ...(options.expiresAt && { expiresAt: options.expiresAt }) });
  await new AuditRepository(dataSource).append({ action: 'token.create', actor: {}, subject: record.id, detail: { role: 'admin', name: options.name, via: 'attune admin bootstrap' } });
  return { created: true, record, text };
}
