import { describe, expect, it } from 'vitest';
import { cli } from '../test/run-cli';

describe('attune CLI: arguments and help', () => {
  it('lists every command in --help, with examples', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['study', 'optimize', 'coordinator', 'worker', 'migrate']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain('Examples:');
  });

  it.each([['study'], ['study', 'run'], ['study', 'list'], ['study', 'show'], ['study', 'trials'], ['study', 'best'], ['study', 'stop'], ['optimize'], ['coordinator'], ['worker'], ['migrate']])(
    'has --help with examples on `%s %s`',
    async (...words) => {
      const r = await cli([...words.filter(Boolean), '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: attune /);
      expect(r.stdout).toContain('Examples:');
    },
  );

  it('prints the help and exits 0 without arguments', async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: attune');
  });

  it('reports an unknown option as one attune: line and exits non-zero', async () => {
    const r = await cli(['study', 'list', '--colour']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.split('\n')[0]).toBe("attune: unknown option '--colour'");
  });

  it('reports an unknown command', async () => {
    const r = await cli(['stduy']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^attune: unknown command 'stduy'/);
  });

  it('rejects a non-integer --trials and an out-of-range --limit, naming the option', async () => {
    const trials = await cli(['optimize', '--objective', 'x.mjs', '--trials', 'many']);
    expect(trials.code).not.toBe(0);
    expect(trials.stderr).toContain(`attune: option '--trials <n>' argument 'many' is invalid. must be an integer, got "many"`);
    const limit = await cli(['study', 'trials', 'abc', '--limit', '5000']);
    expect(limit.stderr).toContain('must be between 1 and 1000, got 5000');
  });

  it('rejects an unknown trial state and accepts lower case', async () => {
    const r = await cli(['study', 'trials', 'abc', '--state', 'done']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('must be one of QUEUED, RUNNING, COMPLETE, FAILED, PRUNED, TIMED_OUT, CANCELLED, got "done"');
  });

  it('requires --targets for the worker and --objective for optimize', async () => {
    expect((await cli(['worker'])).stderr).toContain("attune: required option '--targets <file>' not specified");
    expect((await cli(['optimize'])).stderr).toContain("attune: required option '--objective <file[#export]>' not specified");
  });

  it('rejects a bad --url and a bad ATTUNE_URL', async () => {
    const flag = await cli(['study', 'list', '--url', 'ftp://x']);
    expect(flag.stderr).toContain('must be an http(s) URL, got "ftp://x"');
    const env = await cli(['study', 'list'], { ATTUNE_URL: 'not a url' });
    expect(env.code).toBe(1);
    expect(env.stderr.trim()).toBe('attune: ATTUNE_URL: must be an http(s) URL');
  });
});
