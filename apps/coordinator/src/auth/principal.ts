import { ALL_PROJECTS, type Role } from '@attune/core/auth/roles';
import type { ApiTokenRecord } from '@attune/persistence/records/auth.record';

/** Who is calling: a token's role and project, or everyone with authentication off. */
export interface Principal {
  readonly role: Role;
  /** A project's name, or ALL_PROJECTS. */
  readonly project: string;
  /** Absent with authentication off. */
  readonly token?: ApiTokenRecord;
  /** How the token came: a bearer header, or the dashboard's session cookie (which needs the CSRF header on unsafe requests). */
  readonly via: 'bearer' | 'cookie' | 'open';
}

/** The caller when authentication is off: an admin of every project. */
export const OPEN_PRINCIPAL: Principal = { role: 'admin', project: ALL_PROJECTS, via: 'open' };

/** Whether the principal may see `project`'s studies. */
export function seesProject(principal: Principal, project: string): boolean {
  return principal.project === ALL_PROJECTS || principal.project === project;
}

/**
 * The project filter a listing applies: the one asked for, within what the
 * principal sees. Undefined: every project; null: none (a token of one
 * project asking for another's gets an empty listing, as for a project that
 * does not exist).
 */
export function projectFilter(principal: Principal, asked: string | undefined): string | undefined | null {
  if (principal.project === ALL_PROJECTS) return asked;
  return asked === undefined || asked === principal.project ? principal.project : null;
}

/** The actor as the audit log records it. */
export function actorOf(principal: Principal): { tokenId?: string; name?: string } {
  if (!principal.token) return {};
  return { tokenId: principal.token.id, ...(principal.token.name !== undefined && { name: principal.token.name }) };
}

/** Where a request carries its principal once the AccessGuard has let it through. */
export interface WithPrincipal {
  principal?: Principal;
}
