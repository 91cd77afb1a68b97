import { AttuneError } from '../errors/attune-error';
import type { Params } from '../search-space/parameter';
import { hasUnsafeCharacter } from '../text/terminal-text';

// Written bare, these mean the same to every env-file reader (sh, docker, compose, systemd).
const BARE = /^[A-Za-z0-9_.,:/+@%-]*$/;

/**
 * A configuration as env-file lines, `NAME=value`, one per parameter in
 * `order` (then any others): the name upper-cased, as a command target gets
 * it without the `ATTUNE_PARAM_` prefix (names differ in more than case, so
 * no two collide). A value of ordinary characters is written bare; any other
 * in single quotes, which sh, docker compose's `env_file` and systemd's
 * `EnvironmentFile` all read literally (`docker run --env-file` keeps the
 * quotes: it takes the rest of the line as it is). A value no env file can
 * hold the same for all of them — a single quote, a line break, a control or
 * bidi character — is refused (INVALID_ARGUMENT naming the parameter) rather
 * than written wrong. `comment` lines go first, each behind `# `.
 */
export function toEnvFile(params: Params, order: readonly string[], comment: readonly string[] = []): string {
  const names = [...order.filter((n) => Object.hasOwn(params, n)), ...Object.keys(params).filter((n) => !order.includes(n))];
  const lines = names.map((name) => `${name.toUpperCase()}=${envValue(name, String(params[name]))}`);
  return [...comment.map((c) => `# ${c}`), ...lines].map((line) => `${line}\n`).join('');
}

function envValue(name: string, value: string): string {
  if (BARE.test(value)) return value;
  if (value.includes("'") || hasUnsafeCharacter(value)) {
    const message = `parameter ${name} is ${JSON.stringify(value)}, which an env file cannot hold as it is (a single quote, line break, control or bidi character): ask for format json or yaml`;
    throw new AttuneError('INVALID_ARGUMENT', `format: ${message}`, [{ path: 'format', message }]);
  }
  return `'${value}'`;
}
