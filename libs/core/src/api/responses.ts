import type { Params } from '@attune/core/search-space/parameter';

/** The coordinator's REST API responses, as the CLI and the dashboard read them (see api-contract). */
export type StudyState = 'RUNNING' | 'COMPLETE' | 'FAILED' | 'STOPPED';
export const STUDY_STATES: readonly StudyState[] = ['RUNNING', 'COMPLETE', 'FAILED', 'STOPPED'];
export const TRIAL_STATES = ['QUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'PRUNED', 'TIMED_OUT', 'CANCELLED'] as const;
export type TrialStateName = (typeof TRIAL_STATES)[number];

export interface TrialCounts {
  total: number;
  queued: number;
  running: number;
  complete: number;
  failed: number;
  pruned: number;
  timedOut: number;
  cancelled: number;
}

/** How a trial compares with the baseline; positive is better (0.25 = 25% better). */
export interface Improvement {
  perMetric: Record<string, number>;
  score?: number;
}

export type TrialOrigin = 'baseline' | 'enqueued' | 'warm-start' | 'reused';

export interface BestTrial {
  number: number;
  params: Params;
  /** Absent for several objectives. */
  value?: number;
  metrics?: Record<string, number>;
  origin?: TrialOrigin;
  feasible?: boolean;
  violation?: number;
  improvement?: Improvement;
  traceId?: string;
}

/** GET /studies/:id/best as JSON: one trial, or for several objectives the Pareto front. */
export type BestAnswer = BestTrial | { front: BestTrial[] };

/** The formats GET /studies/:id/best writes. */
export const BEST_FORMATS = ['json', 'yaml', 'env'] as const;
export type BestFormat = (typeof BEST_FORMATS)[number];

export interface ObjectiveTerm {
  metric: string;
  direction: 'minimize' | 'maximize';
  /** Composite scores. */
  weight?: number;
}

/** A study's measurement model as summaries show it. */
export interface StudyObjectives {
  kind: 'single' | 'composite' | 'pareto';
  objectives: ObjectiveTerm[];
  constraints?: { metric: string; min?: number; max?: number }[];
  measurement: { repeats: number; warmup: number; aggregate: 'median' | 'mean' };
  /** As the spec gives it: true (the parameters' defaults) or {params}. */
  baseline?: true | { params: Params };
}

/** The baseline trial of a study, once it has one. */
export interface BaselineTrial {
  number: number;
  state: TrialStateName;
  params: Params;
  value?: number;
  metrics?: Record<string, number>;
  feasible?: boolean;
}

export interface StudySummary {
  id: string;
  name: string;
  description?: string;
  target: string;
  state: StudyState;
  /** Absent for several objectives (and `metric` is "score" for a composite). */
  direction?: 'minimize' | 'maximize';
  metric?: string;
  /** The objective in one line; absent from coordinators older than the measurement model. */
  objective?: string;
  objectives?: StudyObjectives;
  strategy: { name: string; seed: number; options: Record<string, unknown> };
  budget: { maxTrials: number; parallelism: number; trialTimeoutSec: number; maxFailedTrials?: number };
  parameters: unknown[];
  notify?: { url: string; events: string[] };
  stopReason?: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  trials: TrialCounts;
  baseline?: BaselineTrial;
  best?: BestTrial;
}

/** A study as POST /studies and GET /studies/:id return it: the summary and what keeps it from progressing. */
export interface StudyDetail extends StudySummary {
  /** Absent from coordinators older than the worker registry. */
  warnings?: string[];
}

/** A live worker, as GET /workers lists it. */
export interface WorkerRow {
  id: string;
  host: string;
  pid: number;
  targets: string[];
  concurrency: number;
  version: string;
  startedAt: string;
  heartbeatAt: string;
  expiresAt: string;
}

export interface TrialRow {
  id: string;
  studyId: string;
  number: number;
  state: TrialStateName;
  params: Params;
  value?: number;
  metrics?: Record<string, unknown>;
  origin?: TrialOrigin;
  feasible?: boolean;
  violation?: number;
  score?: { improvement?: Improvement; losses?: number[]; spread?: Record<string, { sd: number; count: number }> };
  note?: string;
  error?: string;
  workerId?: string;
  /** The trial's OpenTelemetry trace; absent when it was not traced. */
  traceId?: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Trials that will not run any more. */
export function finishedCount(t: TrialCounts): number {
  return t.complete + t.failed + t.pruned + t.timedOut + t.cancelled;
}

/** What POST /studies/:id/trials answers: the new trials by number (QUEUED, or COMPLETE when a measurement was reused). */
export interface EnqueuedTrials {
  trials: (TrialRow & { origin?: string })[];
  warnings: string[];
}

/** An improvement over the baseline with its 95% interval (fractions; null ends: unbounded). */
export interface ImprovementJson {
  readonly estimate: number;
  readonly low: number | null;
  readonly high: number | null;
}

/** How one re-measured candidate compares with the re-measured baseline. */
export interface ComparisonJson {
  readonly improvement: ImprovementJson;
  readonly p: number;
  readonly test: 'welch' | 'rank';
  readonly significant: boolean;
  readonly count: { readonly candidate: number; readonly baseline: number };
  readonly note?: string;
}

/** GET /studies/:id/verification. */
export interface VerificationJson {
  readonly id: string;
  readonly state: 'RUNNING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';
  readonly options: { readonly repeats: number; readonly top: number; readonly seed: number; readonly candidatesBy?: 'posterior-mean' | 'measured' };
  readonly progress: { readonly taken: number; readonly total: number };
  readonly candidates: readonly number[];
  readonly error?: string;
  readonly report?: {
    readonly winner?: number;
    readonly front?: readonly number[];
    readonly significant: boolean;
    readonly reason?: string;
    readonly baselineTrial: number;
    readonly winnerParams?: Readonly<Record<string, string | number | boolean>>;
    readonly measured: number;
    readonly failed: number;
    readonly candidates: readonly { readonly trial: number; readonly comparison?: ComparisonJson; readonly perMetric: Readonly<Record<string, ComparisonJson>>; readonly significant: boolean; readonly reason?: string }[];
  };
}

/** One parameter's share of the objective's variance (GET /studies/:id/importance). */
export interface ParameterShareJson {
  readonly name: string;
  readonly importance: number;
  readonly firstOrder: number;
  readonly total: number;
}

/** GET /studies/:id/importance: the shares, most important first, or why there are none yet. */
export type ImportanceJson =
  | { readonly method: string; readonly objective: string; readonly note: string; readonly trials: number; readonly modelPoints: number; readonly evaluations: number; readonly parameters: readonly ParameterShareJson[] }
  | { readonly objective: string; readonly problem: string; readonly trials: number };
