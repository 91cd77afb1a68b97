import { CliError } from '../cli-error';

/** Which demo `npm run demo` runs: the real service (default) or the fast Branin study. */
export type DemoKind = 'service' | 'branin';

export const DEMO_USAGE = [
  'usage: npm run demo [-- --branin]',
  '  (default)  tune examples/http-service, a real HTTP service, under load; about 3 minutes',
  '  --branin   the Branin function on two workers; seconds',
];

/** The demo's command line: `--branin` or nothing. */
export function parseDemoArgs(argv: readonly string[]): DemoKind | 'help' {
  if (argv.length === 0) return 'service';
  if (argv.length === 1 && argv[0] === '--branin') return 'branin';
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return 'help';
  throw new CliError(`unknown demo arguments: ${argv.join(' ')}`, DEMO_USAGE);
}
