import type { StudySummary, VerificationJson } from '@attune/core/api/responses';
import type { CoordinatorClient } from '../client/coordinator-client';
import { followStudy } from '../client/follow-study';
import { watchStudy } from '../client/watch-study';
import { writeLine } from '../cli-io';
import { parameterOrder } from '../output/format';
import { printStudyOutcome } from '../output/study-outcome';
import { createStudyProgress } from '../output/study-progress';
import { reportLines } from '../output/verification-lines';
import { followVerification } from '../client/follow-verification';
import { TrialLines } from './trial-lines';

/** What a demo study came to: its final summary and, when it was verified, the verification. */
export interface DemoOutcome {
  readonly study: StudySummary;
  readonly verification?: VerificationJson;
}

const log = (message: string) => writeLine(process.stderr, `demo: ${message}`);

/** A fast study: the live progress bar, then the best configuration. */
export async function followWithProgressBar(client: CoordinatorClient, study: StudySummary, signal: AbortSignal): Promise<DemoOutcome | undefined> {
  const progress = createStudyProgress({ stream: process.stderr, json: false });
  const final = await followStudy(client, study.id, progress, { intervalMs: 250, signal });
  if (!final) return undefined;
  writeLine(process.stdout);
  printStudyOutcome(process.stdout, final);
  return { study: final };
}

/**
 * A slow study (seconds per trial): a line per trial as it starts and ends,
 * the best configuration, then the verification's progress and its verdict:
 * the winner re-measured against the baseline, with intervals and p-values.
 */
export async function followWithTrialLines(client: CoordinatorClient, study: StudySummary, metrics: readonly string[], signal: AbortSignal): Promise<DemoOutcome | undefined> {
  const order = parameterOrder(study.parameters);
  const lines = new TrialLines(client, study.id, process.stderr, order, metrics);
  const end = await watchStudy(
    client,
    study.id,
    (e) => {
      if (e.kind === 'trial-started') lines.started(e.number);
      if (e.kind === 'trial-finished') lines.finished(e.number);
    },
    { signal },
  );
  await lines.drain();
  if (!end) return undefined;
  const final = await client.getStudy(study.id);
  writeLine(process.stdout);
  printStudyOutcome(process.stdout, final);
  if (final.state !== 'COMPLETE') return { study: final };
  writeLine(process.stdout);
  log('verifying: the best candidates and the baseline, re-measured in a seeded random order');
  const verification = await followVerification(client, study.id, {
    signal,
    onProgress: (v) => log(`verification ${v.progress.taken}/${v.progress.total} measurements (trials ${v.candidates.map((n) => `#${n}`).join(', ')})`),
  });
  if (!verification) return undefined;
  for (const line of verification.report ? reportLines(verification.report, order) : [`verification ${verification.state}: ${verification.error ?? 'no report'}`]) process.stdout.write(`${line}\n`);
  return { study: final, verification };
}
