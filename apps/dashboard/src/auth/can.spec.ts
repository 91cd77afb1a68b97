import { describe, expect, it } from 'vitest';
import { can } from './can';

describe('can', () => {
  it('lets editors and admins act, and viewers only read', () => {
    expect(can({ role: 'viewer', project: '*' }, 'editor')).toBe(false);
    expect(can({ role: 'viewer', project: '*' }, 'viewer')).toBe(true);
    expect(can({ role: 'editor', project: '*' }, 'editor')).toBe(true);
    expect(can({ role: 'admin', project: '*' }, 'editor')).toBe(true);
    expect(can({ role: 'editor', project: '*' }, 'admin')).toBe(false);
  });

  it("keeps a project's token to its own project's studies; every project's token acts anywhere", () => {
    expect(can({ role: 'editor', project: 'team-a' }, 'editor', 'team-a')).toBe(true);
    expect(can({ role: 'editor', project: 'team-a' }, 'editor', 'team-b')).toBe(false);
    expect(can({ role: 'admin', project: '*' }, 'editor', 'team-b')).toBe(true);
  });

  it('allows nothing without a session', () => {
    expect(can(undefined, 'viewer')).toBe(false);
  });
});
