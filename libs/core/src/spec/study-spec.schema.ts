import { z } from 'zod';
import { STUDY_EVENT_KINDS } from '../events/study-event';
import { MAX_METRIC_NAME_CHARS } from '../trial/metric-limits';
import { isReservedName, RESERVED_NAME_RULE } from './reserved-names';
import { hasControlCharacter } from './storable-text';
import { finite, paramValueSchema } from './primitive-schemas';

export { DEFAULT_METRIC, directionSchema, metricNameSchema, paramValueSchema } from './primitive-schemas';
import { objectiveSpecShape } from '../objective/objective-spec.schema';
import { verificationFieldSchema } from '../verification/verification-options.schema';
import { convergenceFieldSchema } from '../convergence/convergence-spec.schema';
import { prunerFieldSchema } from '../pruning/pruner-spec.schema';

/**
 * The study spec: what a user submits (YAML or JSON). Shapes and simple bounds
 * are declared here; rules that relate fields (min below max, unique names,
 * log scales above zero) live in `study-spec.rules.ts`.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TARGET = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const MAX_NAME_CHARS = MAX_METRIC_NAME_CHARS;

// ASCII is the real rule: a command target gets each parameter as the environment variable ATTUNE_PARAM_<NAME>.
const parameterName = z
  .string()
  .regex(NAME, 'must start with an ASCII letter or underscore and hold only ASCII letters, digits and underscores (command targets get it as the environment variable ATTUNE_PARAM_<NAME>)')
  .max(MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`)
  .refine((name) => !isReservedName(name), RESERVED_NAME_RULE);

/** Text a terminal prints (the study's name in `attune study list`): no control characters. */
const printable = (allowTabAndNewline: boolean) =>
  z.string().refine((text) => !hasControlCharacter(text, allowTabAndNewline), {
    message: allowTabAndNewline
      ? 'must not hold control characters other than tab and newline (escape sequences would reach terminals)'
      : 'must not hold control characters (escape sequences would reach terminals)',
    abort: true,
  });

/** The most trials a study may have in flight at once. */
export const MAX_PARALLELISM = 256;


// Past 2^53 a double skips integers, so a level could not be written down.
const integer = z.number().int({
  error: (issue) => (issue.code === 'invalid_type' ? 'must be an integer' : 'must be an integer from -(2^53 - 1) to 2^53 - 1'),
});

export const floatParameterSchema = z.strictObject({
  name: parameterName,
  type: z.literal('float'),
  min: finite,
  max: finite,
  log: z.boolean().optional(),
  step: z.number().positive('must be above 0').optional(),
  /** The value the system runs with today: what `baseline: true` measures. */
  default: finite.optional(),
});

export const intParameterSchema = z.strictObject({
  name: parameterName,
  type: z.literal('int'),
  min: integer,
  max: integer,
  log: z.boolean().optional(),
  step: integer.positive('must be above 0').optional(),
  /** The value the system runs with today: what `baseline: true` measures. */
  default: integer.optional(),
});


export const categoricalParameterSchema = z.strictObject({
  name: parameterName,
  type: z.literal('categorical'),
  values: z.array(paramValueSchema).min(1, 'must list at least one value'),
  /** The value the system runs with today: what `baseline: true` measures. */
  default: paramValueSchema.optional(),
});

export const parameterSchema = z.discriminatedUnion('type', [
  floatParameterSchema,
  intParameterSchema,
  categoricalParameterSchema,
]);




export const strategySchema = z.strictObject({
  name: z.string().min(1, 'must name a strategy'),
  /** @default 0 */
  seed: z.number().int('must be an integer').min(0, 'must be 0 or more').max(2 ** 31 - 1).default(0),
  /** Strategy-specific options, validated by the strategy's own schema. */
  options: z.record(z.string(), z.unknown()).default({}),
});

export const budgetSchema = z.strictObject({
  maxTrials: z.number().int('must be an integer').min(1, 'must be at least 1').max(100_000),
  /**
   * Trials evaluated at once, at most MAX_PARALLELISM: every pending trial is
   * part of each proposal's context, and a batch is proposed jointly.
   * @default 1
   */
  parallelism: z.number().int('must be an integer').min(1, 'must be at least 1').max(MAX_PARALLELISM, `must be at most ${MAX_PARALLELISM}`).default(1),
  /** A trial still running after this many seconds is TIMED_OUT. @default 600 */
  trialTimeoutSec: z.number().positive('must be above 0').max(7 * 24 * 3600).default(600),
  /** The study FAILS once more trials than this have failed. @default maxTrials (never by failures alone) */
  maxFailedTrials: z.number().int('must be an integer').min(0, 'must be 0 or more').optional(),
});

/** Kinds a webhook gets when `notify.events` is not given. */
export const DEFAULT_NOTIFY_EVENTS = ['new-best', 'study-ended'] as const;

export const notifySchema = z.strictObject({
  /** Where the coordinator POSTs each event (JSON); its host must be in the coordinator's ATTUNE_WEBHOOK_HOSTS. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000),
  /** Kinds of events to send. @default ["new-best", "study-ended"] */
  events: z
    .array(z.enum(STUDY_EVENT_KINDS, { error: `must be one of ${STUDY_EVENT_KINDS.join(', ')}` }))
    .min(1, 'must list at least one kind of event')
    .default([...DEFAULT_NOTIFY_EVENTS]),
});

/** Most earlier studies one warm start may copy from. */
export const MAX_WARM_START_STUDIES = 10;

export const warmStartSchema = z.strictObject({
  /**
   * Earlier studies on the same target whose COMPLETE trials are copied into
   * the new study when it is submitted (those whose parameters fit its space).
   */
  studies: z
    .array(z.uuid('must be a study id (a UUID)'))
    .min(1, 'must list at least one study')
    .max(MAX_WARM_START_STUDIES, `must list at most ${MAX_WARM_START_STUDIES} studies`)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        const first = ids.indexOf(id);
        if (first < i) ctx.addIssue({ code: 'custom', path: [i], input: id, message: `duplicates warmStart.studies[${first}]` });
      });
    }),
});

export const studySpecSchema = z.strictObject({
  name: printable(false).min(1, 'must not be empty').max(200),
  description: printable(true).max(2000).optional(),
  target: z.string().regex(TARGET, 'must be a target name: letters, digits, ".", "_" or "-"').max(100),
  parameters: z.array(parameterSchema).min(1, 'must declare at least one parameter').max(200),
  // What is optimised, under which bounds, against which baseline, measured how (see libs/core/src/objective).
  ...objectiveSpecShape,
  strategy: strategySchema,
  budget: budgetSchema,
  /** How the winner is verified when the study ends (see libs/core/src/verification); optional. */
  verification: verificationFieldSchema.optional(),
  /** Rules that stop the study before its trial budget is spent (see libs/core/src/convergence); optional (specs stored before it existed have none). */
  convergence: convergenceFieldSchema.optional(),
  /** Which rule stops running trials early from the steps they report (see libs/core/src/pruning); optional (specs stored before it existed have none). */
  pruner: prunerFieldSchema.optional(),
  /** A webhook for this study's events; optional (specs stored before it existed have none). */
  notify: notifySchema.optional(),
  /** Trials of earlier studies to start from; optional (specs stored before it existed have none). */
  warmStart: warmStartSchema.optional(),
});

/** A study spec as the user wrote it (defaults not yet applied). */
export type StudySpecInput = z.input<typeof studySpecSchema>;
/** A validated study spec with defaults applied. */
export type StudySpec = z.output<typeof studySpecSchema>;
