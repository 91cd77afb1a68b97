import type { Interval } from '@attune/core/statistics/interval';
import type { Params } from '@attune/core/search-space/parameter';
import { sleep } from '../e2e/e2e-processes';
import type { BenchStack } from '../e2e/e2e-stack';

/** One demo study's verified outcome: its winner and the verified interval of the winner's score improvement. */
export interface VerifiedRun {
  readonly studyId: string;
  readonly winner: number;
  readonly winnerParams: Readonly<Params>;
  readonly baselineParams: Readonly<Params>;
  readonly verified: Interval;
  readonly significant: boolean;
  readonly seconds: number;
}

interface VerificationBody {
  readonly state: string;
  readonly error?: string;
  readonly report?: {
    readonly winner?: number;
    readonly reason?: string;
    readonly significant: boolean;
    readonly baselineTrial: number;
    readonly winnerParams?: Readonly<Params>;
    readonly candidates: readonly { readonly trial: number; readonly comparison?: { readonly improvement: Interval } }[];
  };
}

/** Runs the demo study (a fresh one) on the stack and waits for it and its verification to end. */
export async function runDemoStudy(stack: BenchStack, document: Record<string, unknown>, timeoutMs: number): Promise<VerifiedRun> {
  const started = Date.now();
  const studyId = await stack.submit(document);
  if (!(await stack.waitEnded([studyId], timeoutMs))) throw new Error(`study ${studyId} did not end within ${timeoutMs / 1000}s`);
  const v = await finishedVerification(stack.url, studyId, started + timeoutMs);
  const report = v.report;
  if (v.state !== 'COMPLETE' || !report || report.winner === undefined || !report.winnerParams) {
    throw new Error(`study ${studyId}: verification ${v.state}: ${v.error ?? report?.reason ?? 'no winner'}`);
  }
  const comparison = report.candidates.find((c) => c.trial === report.winner)?.comparison;
  if (!comparison) throw new Error(`study ${studyId}: the winner #${report.winner} has no score comparison`);
  const rows = await stack.sql<{ params: Params }>('SELECT params FROM trials WHERE study_id = $1 AND number = $2', [studyId, report.baselineTrial]);
  if (rows.length !== 1) throw new Error(`study ${studyId}: no baseline trial #${report.baselineTrial}`);
  return {
    studyId,
    winner: report.winner,
    winnerParams: report.winnerParams,
    baselineParams: rows[0].params,
    verified: comparison.improvement,
    significant: report.significant,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Polls GET /studies/:id/verification until it exists and is no longer RUNNING. */
async function finishedVerification(url: string, studyId: string, deadline: number): Promise<VerificationBody> {
  for (;;) {
    const res = await fetch(`${url}/studies/${studyId}/verification`);
    if (res.ok) {
      const body = (await res.json()) as VerificationBody;
      if (body.state !== 'RUNNING') return body;
    }
    // 404 until the driver has created it, right after the study completes.
    else if (res.status !== 404) throw new Error(`GET /studies/${studyId}/verification answered ${res.status}`);
    if (Date.now() > deadline) throw new Error(`study ${studyId}: verification not finished in time`);
    await sleep(1000);
  }
}
