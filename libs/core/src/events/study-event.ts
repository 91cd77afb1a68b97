import { z } from 'zod';
import { CONVERGENCE_RULES } from '../convergence/convergence-spec.schema';
import { STUDY_EVENT_KIND_NAMES } from './study-event-kinds';

/**
 * What happens to a study, as one typed union. Each kind is one zod object
 * discriminated by `kind`; add a kind by adding its schema to
 * `STUDY_EVENT_SCHEMAS` (the type, the kind list, the parser and the
 * webhook's `notify.events` follow). Events are facts that already committed:
 * the coordinator writes them in the transaction that caused them.
 */

const uuid = z.uuid();
const trialNumber = z.number().int().min(0);
const paramValue = z.union([z.number(), z.string(), z.boolean()]);

const studyCreated = z.object({
  kind: z.literal('study-created'),
  name: z.string(),
  target: z.string(),
  maxTrials: z.number().int(),
});

const trialStarted = z.object({
  kind: z.literal('trial-started'),
  trialId: uuid,
  number: trialNumber,
});

const trialFinished = z.object({
  kind: z.literal('trial-finished'),
  trialId: uuid,
  number: trialNumber,
  /** A final trial state other than CANCELLED (cancellations are told by `study-ended`). */
  state: z.enum(['COMPLETE', 'FAILED', 'PRUNED', 'TIMED_OUT']),
  /** The objective metric, on COMPLETE trials. */
  value: z.number().optional(),
  metrics: z.record(z.string(), z.number()).optional(),
  error: z.string().optional(),
});

/**
 * A pruner stopped a running trial at a step (its `trial-finished` with state
 * PRUNED follows in the same transaction): the step, the objective's value
 * there, and the pruner's reason.
 */
const trialPruned = z.object({
  kind: z.literal('trial-pruned'),
  trialId: uuid,
  number: trialNumber,
  step: z.number().int().min(0),
  value: z.number().optional(),
  reason: z.string(),
});

const newBest = z.object({
  kind: z.literal('new-best'),
  trialId: uuid,
  number: trialNumber,
  value: z.number(),
  params: z.record(z.string(), paramValue),
});

const studyEnded = z.object({
  kind: z.literal('study-ended'),
  state: z.enum(['COMPLETE', 'FAILED', 'STOPPED']),
  reason: z.string(),
});

const interval = z.tuple([z.number(), z.number()]);

/** What a verification's verdict says of its winner: which trial, its params, its improvement over the baseline (the score's, a fraction, positive is better) with its 95% interval and p-value (absent when it could not be compared). */
const verdictFields = {
  verificationId: uuid,
  number: trialNumber,
  params: z.record(z.string(), paramValue),
  improvement: z.number().optional(),
  interval: interval.optional(),
  pValue: z.number().optional(),
};

/** A verification finished and its winner (picked by its re-measurements) is significantly better than the baseline. */
const verified = z.object({ kind: z.literal('verified'), ...verdictFields });

/** A verification finished and its winner is not significantly better than the baseline: what it found, said as such. */
const noSignificantImprovement = z.object({ kind: z.literal('no-significant-improvement'), ...verdictFields, reason: z.string() });

/** A convergence rule stopped the study before its trial budget was spent (`study-ended` follows). */
const converged = z.object({
  kind: z.literal('converged'),
  rule: z.enum(CONVERGENCE_RULES),
  reason: z.string(),
});

/** A verification could not judge the winner (too few re-measurements completed, nothing to verify), with why. */
const verificationFailed = z.object({
  kind: z.literal('verification-failed'),
  verificationId: uuid.optional(),
  reason: z.string(),
});

/** One schema per kind; the order is the order kinds are listed to users. */
export const STUDY_EVENT_SCHEMAS = [studyCreated, trialStarted, trialFinished, trialPruned, newBest, converged, studyEnded, verified, noSignificantImprovement, verificationFailed] as const;

/** Kinds that end a verification: after one of them, nothing more happens to the study unless someone asks. */
export const VERIFICATION_END_KINDS: readonly string[] = ['verified', 'no-significant-improvement', 'verification-failed'];

/** Every kind of study event. */
export const STUDY_EVENT_KINDS = STUDY_EVENT_SCHEMAS.map((s) => s.shape.kind.value) as [StudyEventKind, ...StudyEventKind[]];

/** Parses one event (`{kind, ...fields}`), as the readers of the log, the SSE stream and webhooks receive it. */
export const studyEventSchema = z.discriminatedUnion('kind', STUDY_EVENT_SCHEMAS);

export type StudyEvent = z.output<typeof studyEventSchema>;
export type StudyEventKind = StudyEvent['kind'];

/** Compiles only while the named kinds (study-event-kinds.ts) and the schemas' kinds are the same set. */
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKinds: SameKinds<(typeof STUDY_EVENT_KIND_NAMES)[number], StudyEventKind> = true;
void sameKinds;
/** The event of one kind. */
export type StudyEventOf<K extends StudyEventKind> = Extract<StudyEvent, { kind: K }>;

/**
 * An event as it travels (SSE `data:`, webhook body, `attune study watch
 * --json`): the event's own fields plus the study, its per-study sequence
 * number (1, 2, 3, ... without gaps) and when it was written.
 */
export const studyEventMessageSchema = z.intersection(
  z.object({ studyId: uuid, seq: z.number().int().min(1), at: z.string() }),
  studyEventSchema,
);
export type StudyEventMessage = z.output<typeof studyEventMessageSchema>;
