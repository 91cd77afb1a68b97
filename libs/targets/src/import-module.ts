import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';

type Jiti = ReturnType<typeof createJiti>;

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);
let jiti: Jiti | undefined;

/**
 * Imports a module by absolute path and returns its namespace. JavaScript
 * (`.js`, `.mjs`, `.cjs`) goes through Node's own `import()`, so it behaves
 * exactly as it would under `node`; TypeScript goes through jiti, which
 * transpiles it on the fly.
 */
export async function importModule(absPath: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.has(path.extname(absPath))) {
    jiti ??= createJiti(__filename, { interopDefault: false, moduleCache: true });
    return (await jiti.import(absPath)) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(absPath).href)) as Record<string, unknown>;
}
