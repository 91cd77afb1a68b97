import type { EnqueuedTrials, ImportanceJson, MeasurementRow, Page, ProjectJson, SessionJson, StepRow, StudyDetail, StudySummary, TrialCurve, TrialRow, VerificationJson } from '@attune/core/api/responses';

/** A refusal or failure of the coordinator, with the message its error body gives (it names the field and the problem). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A 401: authentication is on and the page is not signed in (or its session ended); the app shows the sign-in view. */
export class UnauthenticatedError extends ApiError {
  constructor(message: string) {
    super(401, message);
  }
}

/** The readable cookie the coordinator sets at sign-in, sent back as X-CSRF-Token on every unsafe request. */
const CSRF_COOKIE = 'attune_csrf';

/** Called on every 401 (but a refused sign-in's): the app turns it into the sign-in view. */
const unauthenticatedListeners = new Set<(error: UnauthenticatedError) => void>();

/** Listens for the 401s of any request; returns the unsubscribe. */
export function onUnauthenticated(listener: (error: UnauthenticatedError) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** GET /dashboard/config. */
export interface DashboardSettings {
  readonly traceUrl?: string;
}

/** The most trials one GET /studies/:id/trials answers. */
export const TRIALS_PAGE_LIMIT = 1000;

/** The most learning curves (trials) one GET /studies/:id/steps answers (the coordinator thins a page to 20,000 points). */
export const CURVES_PAGE_LIMIT = 200;

/**
 * The coordinator's REST API as the dashboard uses it: the same routes as the
 * CLI and any script (the page is served by the coordinator: same origin).
 */
export const api = {
  /** Who the page is signed in as (with authentication off: an admin of every project); an UnauthenticatedError when it must sign in. */
  session: () => get<SessionJson>('session'),
  /** Exchanges a token for the session cookies; an ApiError with the coordinator's message when refused (401, 429). */
  signIn: (token: string) => send<SessionJson>('POST', 'session', { token }, { quietOn401: true }),
  signOut: () => send<void>('DELETE', 'session'),
  /** What the deployment tells the dashboard (the trace UI's address). */
  config: () => get<DashboardSettings>('dashboard/config'),
  /** The studies, newest first; only one project's when `project` is given (GET /studies?project=). */
  studies: (offset = 0, limit = 1000, project?: string) =>
    get<Page<StudySummary>>(`studies?limit=${limit}&offset=${offset}${project ? `&project=${encodeURIComponent(project)}` : ''}`),
  /** The projects the session sees (its own, or every one for a token of every project). */
  projects: () => get<ProjectJson[]>('projects'),
  study: (id: string) => get<StudyDetail>(`studies/${encodeURIComponent(id)}`),
  trials: (id: string, offset: number, limit = TRIALS_PAGE_LIMIT) => get<Page<TrialRow>>(`studies/${encodeURIComponent(id)}/trials?limit=${limit}&offset=${offset}`),
  measurements: (id: string, trial: number) => get<Page<MeasurementRow>>(`studies/${encodeURIComponent(id)}/trials/${trial}/measurements`),
  /** A trial's intermediate values, every one, by step, as its target reported them while it ran (of a PRUNED trial, also those that came after its stop). */
  steps: (id: string, trial: number) => get<Page<StepRow>>(`studies/${encodeURIComponent(id)}/trials/${trial}/steps`),
  /** The objective's learning curve of each trial that reported steps, a page of trials by number (a long curve thinned, its first and last steps kept). */
  curves: (id: string, offset: number, limit = CURVES_PAGE_LIMIT) => get<Page<TrialCurve>>(`studies/${encodeURIComponent(id)}/steps?limit=${limit}&offset=${offset}`),
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

function post<T>(path: string, body?: unknown): Promise<T> {
  return send<T>('POST', path, body);
}

/** An unsafe request: with the CSRF cookie's value as X-CSRF-Token (the coordinator refuses a cookie-authenticated one without it). */
async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, options: { quietOn401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = cookieValue(CSRF_COOKIE);
  if (csrf) headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) };
  return answer<T>(await fetch(apiUrl(path), init), options);
}

/** A cookie the page's script may read, by name (document.cookie); undefined when absent or empty. */
export function cookieValue(name: string, cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = decodeURIComponent(part.slice(at + 1).trim());
    return value === '' ? undefined : value;
  }
  return undefined;
}

async function answer<T>(response: Response, options: { quietOn401?: boolean } = {}): Promise<T> {
  const text = await response.text();
  if (response.ok) return (text === '' ? undefined : JSON.parse(text)) as T;
  const message = errorMessage(response, text);
  if (response.status === 401 && !options.quietOn401) {
    const error = new UnauthenticatedError(message);
    for (const listener of unauthenticatedListeners) listener(error);
    throw error;
  }
  throw new ApiError(response.status, message);
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
