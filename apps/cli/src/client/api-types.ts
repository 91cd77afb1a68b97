import type { Params } from '@attune/core/search-space/parameter';

/** Types of the coordinator's REST API as the CLI reads them (see api-contract). */
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

export interface BestTrial {
  number: number;
  params: Params;
  value: number;
}

export interface StudySummary {
  id: string;
  name: string;
  description?: string;
  target: string;
  state: StudyState;
  direction: 'minimize' | 'maximize';
  metric: string;
  strategy: { name: string; seed: number; options: Record<string, unknown> };
  budget: { maxTrials: number; parallelism: number; trialTimeoutSec: number; maxFailedTrials?: number };
  parameters: unknown[];
  notify?: { url: string; events: string[] };
  stopReason?: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  trials: TrialCounts;
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
  note?: string;
  error?: string;
  workerId?: string;
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
