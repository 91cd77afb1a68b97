import type { Page, StudyDetail, TrialRow } from '@attune/core/api/responses';
import type { SeedSummary } from './seed-study';

/** The page size the dashboard reads trials with (apps/dashboard/src/api/api-client.ts). */
const PAGE = 1000;

/**
 * Fails unless the coordinator's API says of a seeded study what was written:
 * COMPLETE, `count` trials in its counts (none pending), and every trial
 * number 0..count-1 once across the trial pages the dashboard reads.
 */
export async function checkSeeded(url: string, studyId: string, count: number, seeded: SeedSummary): Promise<StudyDetail> {
  const study = await getJson<StudyDetail>(`${url}/studies/${studyId}`);
  const problems: string[] = [];
  if (study.state !== 'COMPLETE') problems.push(`state ${study.state}`);
  if (study.trials.total !== count) problems.push(`${study.trials.total} trials counted`);
  if (study.trials.complete + study.trials.failed !== count) problems.push(`${study.trials.complete} complete + ${study.trials.failed} failed`);
  if (study.trials.failed !== seeded.failed) problems.push(`${study.trials.failed} failed, ${seeded.failed} seeded`);
  const offsets = Array.from({ length: Math.ceil(count / PAGE) }, (_, i) => i * PAGE);
  const pages = await Promise.all(offsets.map((o) => getJson<Page<TrialRow>>(`${url}/studies/${studyId}/trials?limit=${PAGE}&offset=${o}`)));
  const numbers = new Set(pages.flatMap((p) => p.items.map((t) => t.number)));
  const items = pages.reduce((n, p) => n + p.items.length, 0);
  if (pages.some((p) => p.total !== count)) problems.push(`a page says total ${pages.find((p) => p.total !== count)?.total}`);
  if (items !== count || numbers.size !== count || ![...numbers].every((n) => n >= 0 && n < count)) problems.push(`the pages hold ${items} trials, ${numbers.size} distinct numbers`);
  if (problems.length > 0) throw new Error(`study ${studyId} through the API: ${problems.join('; ')} (expected ${count} trials, COMPLETE)`);
  return study;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}
