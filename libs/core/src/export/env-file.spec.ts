import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../errors/attune-error';
import { toEnvFile } from './env-file';

describe('toEnvFile', () => {
  it('writes one NAME=value line per parameter, upper-cased, in the given order, comments first', () => {
    const text = toEnvFile({ cacheMb: 256, workers: 8, compression: 'lz4', fast: true, ratio: 1e-7 }, ['workers', 'cacheMb', 'compression'], ['study s, trial #3']);
    expect(text).toBe('# study s, trial #3\nWORKERS=8\nCACHEMB=256\nCOMPRESSION=lz4\nFAST=true\nRATIO=1e-7\n');
  });

  it('single-quotes a value with spaces, $, #, quotes or backslashes, and sh reads it back as it was', () => {
    const value = 'a b $HOME #x "q" \\n `id`';
    const text = toEnvFile({ flags: value }, []);
    expect(text).toBe(`FLAGS='${value}'\n`);
    const read = execFileSync('sh', ['-c', `${text}printf %s "$FLAGS"`], { encoding: 'utf8' });
    expect(read).toBe(value);
  });

  it('writes an empty value bare', () => {
    expect(toEnvFile({ suffix: '' }, [])).toBe('SUFFIX=\n');
  });

  it.each([["it's"], ['two\nlines'], ['esc\u001b[2J'], ['bidi\u202e']])('refuses %j, naming the parameter and the format', (value) => {
    const err = (() => {
      try {
        toEnvFile({ ok: 1, label: value }, []);
      } catch (e) {
        return e;
      }
    })() as AttuneError;
    expect(err).toBeInstanceOf(AttuneError);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.issues).toEqual([{ path: 'format', message: expect.stringContaining('parameter label is') }]);
  });
});
