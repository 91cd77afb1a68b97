import type { AuditEntry, AuditAction, ProjectJson, SessionJson, TokenJson } from '@attune/core/api/responses';
import type { ApiTokenRecord, AuditRecord } from '@attune/persistence/records/auth.record';
import type { ProjectWithCounts } from '@attune/persistence/repositories/project.repository';
import type { Principal } from './principal';

export function toProjectJson(p: ProjectWithCounts): ProjectJson {
  return { id: p.id, name: p.name, ...(p.description !== undefined && { description: p.description }), createdAt: p.createdAt.toISOString(), limits: { ...p.limits }, studies: { ...p.studies } };
}

export function toTokenJson(t: ApiTokenRecord): TokenJson {
  return {
    id: t.id,
    ...(t.name !== undefined && { name: t.name }),
    project: t.project,
    role: t.role,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    ...(t.createdBy !== undefined && { createdBy: t.createdBy }),
    ...(t.expiresAt && { expiresAt: t.expiresAt.toISOString() }),
    ...(t.revokedAt && { revokedAt: t.revokedAt.toISOString() }),
    ...(t.lastUsedAt && { lastUsedAt: t.lastUsedAt.toISOString() }),
  };
}

export function toSessionJson(principal: Principal): SessionJson {
  const token = principal.token;
  return {
    auth: token ? 'on' : 'off',
    role: principal.role,
    project: principal.project,
    ...(token && { token: { id: token.id, ...(token.name !== undefined && { name: token.name }), ...(token.expiresAt && { expiresAt: token.expiresAt.toISOString() }) } }),
  };
}

export function toAuditJson(e: AuditRecord): AuditEntry {
  return {
    id: e.id,
    at: e.at.toISOString(),
    action: e.action as AuditAction,
    ...(e.project !== undefined && { project: e.project }),
    actor: { ...e.actor },
    subject: e.subject,
    detail: { ...e.detail },
  };
}
