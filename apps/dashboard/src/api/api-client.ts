import type { EnqueuedTrials, ImportanceJson, MeasurementRow, Page, StudyDetail, StudySummary, TrialRow, VerificationJson } from '@attune/core/api/responses';

/** A refusal or failure of the coordinator, with the message its error body gives (it names the field and the problem). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET /dashboard/config. */
export interface DashboardSettings {
  readonly traceUrl?: string;
}

/** The most trials one GET /studies/:id/trials answers. */
export const TRIALS_PAGE_LIMIT = 1000;

/**
 * The coordinator's REST API as the dashboard uses it: the same routes as the
 * CLI and any script (the page is served by the coordinator: same origin).
 */
export const api = {
  /** What the deployment tells the dashboard (the trace UI's address). */
  config: () => get<DashboardSettings>('dashboard/config'),
  studies: (offset = 0, limit = 1000) => get<Page<StudySummary>>(`studies?limit=${limit}&offset=${offset}`),
  study: (id: string) => get<StudyDetail>(`studies/${encodeURIComponent(id)}`),
  trials: (id: string, offset: number, limit = TRIALS_PAGE_LIMIT) => get<Page<TrialRow>>(`studies/${encodeURIComponent(id)}/trials?limit=${limit}&offset=${offset}`),
  measurements: (id: string, trial: number) => get<Page<MeasurementRow>>(`studies/${encodeURIComponent(id)}/trials/${trial}/measurements`),
  importance: (id: string) => get<ImportanceJson>(`studies/${encodeURIComponent(id)}/importance`),
  /** The latest verification, or undefined when the study was never verified. */
  verification: (id: string) => get<VerificationJson>(`studies/${encodeURIComponent(id)}/verification`).catch(absentOn404),
  stop: (id: string) => post<StudySummary>(`studies/${encodeURIComponent(id)}/stop`),
  verify: (id: string) => post<VerificationJson>(`studies/${encodeURIComponent(id)}/verify`),
  enqueue: (id: string, params: Record<string, string | number | boolean>) => post<EnqueuedTrials>(`studies/${encodeURIComponent(id)}/trials`, { trials: [{ params }] }),
};

/** The URL of an API path, relative to the page (the coordinator serves both). */
export function apiUrl(path: string): string {
  return new URL(path, document.baseURI).toString();
}

async function get<T>(path: string): Promise<T> {
  return answer<T>(await fetch(apiUrl(path), { headers: { accept: 'application/json' } }));
}

async function post<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit = body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return answer<T>(await fetch(apiUrl(path), init));
}

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (response.ok) return JSON.parse(text) as T;
  throw new ApiError(response.status, errorMessage(response, text));
}

/** The coordinator's own message (`message`, with each field's issue), or the status. */
function errorMessage(response: Response, text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; issues?: { path?: string; message?: string }[] };
    const issues = (body.issues ?? []).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message ?? ''}`).filter((line) => line.length > 0);
    if (issues.length > 0) return issues.join('; ');
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: a proxy's page, say
  }
  return `${response.status} ${response.statusText}`.trim();
}

function absentOn404(e: unknown): undefined {
  if (e instanceof ApiError && e.status === 404) return undefined;
  throw e;
}
