import { z } from 'zod';

/** Same rule as a study spec's `target`, so any declared name can be named by a study. */
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME_OR_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\*?$/;

const name = z.string().regex(TARGET_NAME, 'must start with a letter or digit and hold only letters, digits, "_", "." and "-"');
const timeoutSec = z.number().positive('must be above 0').refine(Number.isFinite, 'must be a finite number');

const isNonEmptyStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s.length > 0);

/** A JS/TS module whose evaluate(params) returns a number (metric `value`) or named metrics. */
export const moduleTargetSchema = z.strictObject({
  name,
  type: z.literal('module'),
  /** Path of the module, relative to the targets file. */
  module: z.string().min(1, 'must be a path to a module'),
  /** Export or problem name (see loadObjective); @default the `evaluate` or default export */
  export: z.string().min(1, 'must not be empty').optional(),
  /** Upper bound on any job's timeout for this target. @default no cap */
  timeoutSec: timeoutSec.optional(),
});

/** A program run once per evaluation, argv only (never through a shell). */
export const commandTargetSchema = z.strictObject({
  name,
  type: z.literal('command'),
  command: z.custom<string[]>(isNonEmptyStringList, 'must be a non-empty list of strings'),
  /** Working directory, relative to the targets file. @default the targets file's directory */
  cwd: z.string().min(1, 'must not be empty').optional(),
  /** Extra environment variables; numbers and booleans are turned into strings. @default {} */
  env: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .superRefine((env, ctx) => {
      for (const key of Object.keys(env)) {
        if (!ENV_NAME.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'must be a valid environment variable name' });
      }
    })
    .default({}),
  /**
   * Variables of the worker's environment the command inherits, besides PATH,
   * HOME, LANG, LANGUAGE, LC_*, TZ and TMPDIR; `NAME*` takes every variable
   * starting with NAME. @default []
   */
  inheritEnv: z
    .array(z.string().regex(ENV_NAME_OR_PREFIX, 'must be an environment variable name, or a prefix followed by "*"'), 'must be a list of variable names')
    .default([]),
  /** Upper bound on any job's timeout for this target. @default no cap */
  timeoutSec: timeoutSec.optional(),
});

export const targetSchema = z.discriminatedUnion('type', [moduleTargetSchema, commandTargetSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'must have a type of "module" or "command"' : undefined),
});

/** The worker's targets file (YAML or JSON): the only things this worker will run. */
export const targetsFileSchema = z.strictObject({
  targets: z.array(targetSchema).min(1, 'must declare at least one target'),
});

export type TargetsFile = z.infer<typeof targetsFileSchema>;
