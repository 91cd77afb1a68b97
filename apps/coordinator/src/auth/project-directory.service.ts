import type { ProjectLimits, ProjectRecord } from '@attune/persistence/records/auth.record';
import { ProjectRepository } from '@attune/persistence/repositories/project.repository';
import { Injectable } from '@nestjs/common';

/** How long a project's limits are reused before they are read again; a change made on this coordinator applies at once. */
const TTL_MS = 5000;

/** Projects' limits for the per-request checks (the rate limit), read at most every few seconds. */
@Injectable()
export class ProjectDirectory {
  private readonly cache = new Map<string, { readonly at: number; readonly limits: ProjectLimits }>();

  constructor(private readonly projects: ProjectRepository) {}

  async limitsOf(project: string): Promise<ProjectLimits> {
    const cached = this.cache.get(project);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.limits;
    const limits = (await this.projects.find(project))?.limits ?? {};
    this.cache.set(project, { at: Date.now(), limits });
    return limits;
  }

  changed(project: ProjectRecord): void {
    this.cache.set(project.name, { at: Date.now(), limits: project.limits });
  }
}
