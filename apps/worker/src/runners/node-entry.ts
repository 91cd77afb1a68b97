import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The arguments after `node` that run the entry file `name` (no extension)
 * of folder `dir` in a child process. From compiled JS that is `<name>.js`;
 * from the TypeScript sources (tests) the `.ts` file is compiled on the fly by
 * jiti, with the @attune path aliases it needs. Entries take their input over
 * IPC, not argv, so both forms behave alike.
 */
export function nodeEntryArgs(dir: string, name: string): string[] {
  if (!__filename.endsWith('.ts')) return [path.join(dir, `${name}.js`)];
  const entry = path.join(dir, `${name}.ts`);
  const libs = path.resolve(__dirname, '..', '..', '..', '..', 'libs');
  const alias = Object.fromEntries(['core', 'queue', 'targets'].map((lib) => [`@attune/${lib}`, path.join(libs, lib, 'src')]));
  const jiti = createRequire(__filename).resolve('jiti');
  return ['-e', `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(entry)}, { alias: ${JSON.stringify(alias)} })(${JSON.stringify(entry)});`];
}
