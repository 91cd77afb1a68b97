import { describe, expect, it } from 'vitest';
import { projectChoices, seesEveryProject } from './project-choice';

describe('project filter', () => {
  it('is offered to a session of every project only', () => {
    expect(seesEveryProject({ project: '*' })).toBe(true);
    expect(seesEveryProject({ project: 'team-a' })).toBe(false);
    expect(seesEveryProject(undefined)).toBe(false);
  });

  it("offers the coordinator's projects and the studies' own, each once, in name order", () => {
    expect(projectChoices(['team-b', 'default'], ['team-a', 'default', 'team-b'])).toEqual(['default', 'team-a', 'team-b']);
    expect(projectChoices([], [])).toEqual([]);
  });

  it('keeps the chosen project among the choices', () => {
    expect(projectChoices(['default'], [], 'gone')).toEqual(['default', 'gone']);
    expect(projectChoices(['default'], [], undefined)).toEqual(['default']);
  });
});
