import { InvalidArgumentError, Option } from 'commander';
import { TRIAL_STATES } from '@attune/core/api/responses';

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
