import { execFileSync } from 'node:child_process';

/** The checked-out commit, for a bench's --json; undefined outside a git checkout. */
export function commitOf(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
