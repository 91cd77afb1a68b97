/**
 * Who may do what (no zod here: the dashboard imports this). A role includes
 * the ones before it: viewers read; editors also create, stop, verify and
 * enqueue; admins also manage tokens (and, with every project in scope,
 * projects and their limits).
 */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A token's project: one project's name, or ALL_PROJECTS. */
export const ALL_PROJECTS = '*';

/** Whether `role` includes what `needed` may do. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The project every study belongs to unless another is named; created by the migration that introduced projects. */
export const DEFAULT_PROJECT = 'default';
