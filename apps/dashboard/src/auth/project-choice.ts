import type { SessionJson } from '@attune/core/api/responses';
import { ALL_PROJECTS } from '@attune/core/auth/roles';

/** Whether the session sees more than its own project's studies (a token of every project, or authentication off): the studies list then offers a project filter. */
export function seesEveryProject(session: Pick<SessionJson, 'project'> | undefined): boolean {
  return session?.project === ALL_PROJECTS;
}

/**
 * The projects the filter offers: the coordinator's list (GET /projects) and
 * any project a listed study names, each once, in name order; the one chosen
 * is kept even when neither names it (yet).
 */
export function projectChoices(listed: readonly string[], studyProjects: readonly string[], chosen?: string): string[] {
  const names = new Set([...listed, ...studyProjects]);
  if (chosen) names.add(chosen);
  return [...names].sort((a, b) => a.localeCompare(b));
}
