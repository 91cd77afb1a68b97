import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser (CHROMIUM_PATH overrides). */
const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];

/** The flags a headless Chromium needs here: no sandbox as root, no GPU, nothing fetched from the network. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** The Chromium to drive, or an error that says how to install it. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p));
  if (!path || !existsSync(path)) throw new Error('no Chromium found: apt-get install -y chromium (.ci/run installs it), or set CHROMIUM_PATH');
  return path;
}

/** A headless Chromium driven by playwright-core (which downloads no browser of its own); `options` add to the launch's. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS, headless: true, ...options });
}
