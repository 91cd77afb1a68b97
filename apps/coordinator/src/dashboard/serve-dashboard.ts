import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * Where `npm run build` writes the dashboard's bundle, seen from this file:
 * dist/apps/coordinator/src/dashboard/ when built (dist/dashboard), or
 * apps/coordinator/src/dashboard/ when run from source (dist/dashboard of the
 * checkout).
 */
const CANDIDATES = [path.resolve(__dirname, '../../../../dashboard'), path.resolve(__dirname, '../../../../dist/dashboard')];

/**
 * The page may load only its own scripts, styles and data: a study's names,
 * parameters and errors are shown as text, and even if one slipped into the
 * page as markup, nothing from elsewhere could run or be reached.
 */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The built dashboard's folder, if there is one. */
export function dashboardDir(candidates: readonly string[] = CANDIDATES): string | undefined {
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
}

/**
 * Serves the dashboard's static bundle at `/` (index.html) and `/assets/…`,
 * beside the API: only files that exist are answered, so every API route and
 * its 404s stay the API's. Hashed assets are cached for good, the page itself
 * revalidated. Without a built bundle the API runs alone, and says so once.
 * Returns whether the dashboard is served.
 */
export function serveDashboard(app: NestExpressApplication, dir = dashboardDir()): boolean {
  if (!dir) {
    new Logger('Dashboard').warn('no dashboard bundle found (npm run build builds it); serving the API only');
    return false;
  }
  app.useStaticAssets(dir, { index: 'index.html', redirect: false, setHeaders: (res, file) => setHeaders(res, path.relative(dir, file)) });
  return true;
}

/** `file` relative to the bundle's folder: assets/ holds the hashed files. */
function setHeaders(res: ServerResponse, file: string): void {
  if (file.startsWith(`assets${path.sep}`)) {
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    return;
  }
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}
