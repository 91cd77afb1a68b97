/**
 * Attune's version, from the package.json at the repository root (or the
 * installed package's root): the CLI's --version, the workers' registration
 * and the API docs. Built files sit one level deeper (dist/…) than sources.
 */
export function attuneVersion(): string {
  for (const relative of ['../../../package.json', '../../../../package.json']) {
    try {
      return (require(relative) as { version: string }).version;
    } catch {
      // try the other layout
    }
  }
  return 'unknown';
}
