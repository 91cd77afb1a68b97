import { ALL_PROJECTS, DEFAULT_PROJECT } from '@attune/core/auth/roles';
import { AttuneError } from '@attune/core/errors/attune-error';
import { seesProject, type Principal } from './principal';

/**
 * The project a new study goes in: the one asked for, else the token's, else
 * (a token of every project, or authentication off) DEFAULT_PROJECT. A
 * project the token does not see is refused as one that does not exist.
 */
export function studyProjectFor(principal: Principal, asked: string | undefined): string {
  const project = asked ?? (principal.project === ALL_PROJECTS ? DEFAULT_PROJECT : principal.project);
  if (!seesProject(principal, project)) throw noSuchProject(project);
  return project;
}

/** The answer for a project that does not exist, or that the caller does not see: the same, so that it tells nothing. */
export function noSuchProject(project: string): AttuneError {
  const message = `no project named "${project}"`;
  return new AttuneError('INVALID_ARGUMENT', `project: ${message}`, [{ path: 'project', message }]);
}
