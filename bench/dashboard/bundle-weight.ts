import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { constants, gzipSync } from 'node:zlib';

/** One file of the built dashboard, raw and gzipped. */
export interface BundleFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Every file under `dir` (dist/dashboard: html, js, css and whatever else vite wrote), gzipped at level 9, largest first. */
export function bundleWeight(dir: string): BundleFile[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  if (files.length === 0) throw new Error(`${dir} holds no files: npm run build builds the dashboard`);
  return files
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      const content = readFileSync(full);
      return { file: path.relative(dir, full), bytes: content.length, gzipBytes: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}
