import { InvalidArgumentError, Option } from 'commander';
import { TRIAL_STATES } from '@attune/core/api/responses';
import { projectNameSchema } from '@attune/core/auth/auth-requests.schema';

/** Parser for an integer option within [min, max]. */
export function intInRange(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`must be an integer, got "${value}"`);
    if (n < min || n > max) throw new InvalidArgumentError(`must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

/** `--url URL`: the coordinator to talk to. */
export function urlOption(): Option {
  return new Option('--url <url>', 'coordinator base URL (default: $ATTUNE_URL or http://127.0.0.1:3000)').argParser((value) => {
    try {
      const u = new URL(value);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    } catch {
      throw new InvalidArgumentError(`must be an http(s) URL, got "${value}"`);
    }
    return value;
  });
}

/** `--token TOKEN`: the API token (ATTUNE_TOKEN keeps it out of the shell's history and of `ps`). */
export function tokenOption(): Option {
  return new Option('--token <token>', 'API token sent as Authorization: Bearer (default: $ATTUNE_TOKEN)').argParser((value) => {
    if (!/^\S+$/.test(value)) throw new InvalidArgumentError('must be a token, without spaces');
    return value;
  });
}

/** A project's name, checked as the coordinator checks it. */
export function projectName(value: string): string {
  const parsed = projectNameSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0].message}, got "${value}"`);
  return value;
}

const DURATION_UNITS_SEC: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 7 * 86_400 };

/** Seconds in a duration written `90s`, `45m`, `12h`, `30d` or `2w`. */
export function durationSec(value: string): number {
  const match = /^(\d+)([smhdw])$/.exec(value.trim());
  if (!match || Number(match[1]) === 0) throw new InvalidArgumentError(`must be a positive whole number and a unit, s, m, h, d or w (e.g. 30d), got "${value}"`);
  return Number(match[1]) * DURATION_UNITS_SEC[match[2]];
}

/** `--state S`: a trial state, case-insensitive. */
export function trialStateOption(): Option {
  return new Option('--state <state>', `only trials in this state (${TRIAL_STATES.join(', ')})`).argParser((value) => {
    const upper = value.toUpperCase().replace('-', '_');
    if (!(TRIAL_STATES as readonly string[]).includes(upper)) throw new InvalidArgumentError(`must be one of ${TRIAL_STATES.join(', ')}, got "${value}"`);
    return upper;
  });
}

/** Examples appended to a command's --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
