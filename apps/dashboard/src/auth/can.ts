import type { SessionJson } from '@attune/core/api/responses';
import { ALL_PROJECTS, roleAllows, type Role } from '@attune/core/auth/roles';

/**
 * Whether the signed-in session may do what `needed` may (editor: stop,
 * verify, enqueue), in `project` when given (a study's). Only hides what the
 * coordinator would refuse anyway: it checks every request itself. No session
 * (still loading, signed out) may do nothing.
 */
export function can(session: Pick<SessionJson, 'role' | 'project'> | undefined, needed: Role, project?: string): boolean {
  if (!session) return false;
  if (!roleAllows(session.role, needed)) return false;
  return project === undefined || session.project === ALL_PROJECTS || session.project === project;
}
