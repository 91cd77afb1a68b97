import { studyEventMessageSchema, type StudyEventMessage } from '@attune/core/events/study-event';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { CliError } from '../cli-error';
import type { BestAnswer, BestFormat, EnqueuedTrials, ImportanceJson, Page, StepRow, VerificationJson, StudyDetail, StudySummary, TrialCurve, TrialRow, WorkerRow } from '@attune/core/api/responses';
import type { AuditEntry, CreatedToken, ProjectJson, SessionJson, TokenJson } from '@attune/core/api/auth.schema';
import type { CreateProjectRequest, CreateTokenRequest, UpdateProjectRequest } from '@attune/core/auth/auth-requests.schema';

/** The subset of `fetch` the client uses; tests may pass their own. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Query of a paged list. */
export type ListQuery = {
  state?: string;
  project?: string;
  limit?: number;
  offset?: number;
};

export interface CoordinatorClientOptions {
  /** Replaces global fetch (tests). */
  readonly fetch?: FetchLike;
  /** The API token, sent as `Authorization: Bearer …`; none for a coordinator running open. */
  readonly token?: string;
  readonly timeoutMs?: number;
}

/**
 * The coordinator's REST API. Every failure becomes a CliError whose message
 * is the server's own (HTTP errors) or says which URL could not be reached.
 */
/** The coordinator could not be reached at all (as opposed to answering with an error). */
export class CoordinatorUnreachableError extends CliError {}

export class CoordinatorClient {
  private readonly fetchImpl: FetchLike;
  private readonly token?: string;
  private readonly timeoutMs: number;

  constructor(
    readonly baseUrl: string,
    options: CoordinatorClientOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Submits a study, in `project` when given (else the token's own project, or `default`). */
  createStudy(spec: unknown, project?: string): Promise<StudyDetail> {
    return this.request('POST', `/studies${toQuery({ project })}`, spec);
  }

  listStudies(query: ListQuery = {}): Promise<Page<StudySummary>> {
    return this.request('GET', `/studies${toQuery(query)}`);
  }

  getStudy(id: string): Promise<StudyDetail> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}`);
  }

  listTrials(id: string, query: ListQuery = {}): Promise<Page<TrialRow>> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}/trials${toQuery(query)}`);
  }

  /** Every step trial `number` reported while it ran, rising (GET /studies/:id/trials/:number/steps). */
  listSteps(id: string, number: number): Promise<Page<StepRow>> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}/trials/${number}/steps`);
  }

  /** A page of the study's learning curves, by trial number (GET /studies/:id/steps). */
  listCurves(id: string, query: { limit?: number; offset?: number; metric?: string } = {}): Promise<Page<TrialCurve>> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}/steps${toQuery(query)}`);
  }

  /** The best trial (or `trial`), or for several objectives the Pareto front. */
  getBest(id: string, trial?: number): Promise<BestAnswer> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}/best${toQuery({ trial })}`);
  }

  /** The best trial (or `trial`) as the coordinator writes it in a text format (yaml, env), as it is. */
  getBestText(id: string, format: Exclude<BestFormat, 'json'>, trial?: number): Promise<string> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}/best${toQuery({ format, trial })}`, undefined, 'text');
  }

  /** Which parameters matter, for the study's objective or the one named (see GET /studies/:id/importance). */
  getImportance(id: string, objective?: string): Promise<ImportanceJson> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}/importance${toQuery({ objective })}`);
  }

  listWorkers(): Promise<Page<WorkerRow>> {
    return this.request('GET', '/workers');
  }

  /** Starts a verification of an ended study's winner (202). */
  verify(id: string, options: { repeats?: number; top?: number }): Promise<VerificationJson> {
    return this.request('POST', `/studies/${encodeURIComponent(id)}/verify`, options);
  }

  /** The study's latest verification, with its re-measurements and report. */
  getVerification(id: string): Promise<VerificationJson> {
    return this.request('GET', `/studies/${encodeURIComponent(id)}/verification`);
  }

  /** Adds configurations to measure next (see POST /studies/:id/trials). */
  enqueueTrials(id: string, body: { trials: readonly { params: Record<string, unknown> }[] }): Promise<EnqueuedTrials> {
    return this.request('POST', `/studies/${encodeURIComponent(id)}/trials`, body);
  }

  stopStudy(id: string): Promise<StudySummary> {
    return this.request('POST', `/studies/${encodeURIComponent(id)}/stop`);
  }

  /** Who the token is: its role and project (GET /session). */
  getSession(): Promise<SessionJson> {
    return this.request('GET', '/session');
  }

  listTokens(): Promise<TokenJson[]> {
    return this.request('GET', '/tokens');
  }

  createToken(body: CreateTokenRequest): Promise<CreatedToken> {
    return this.request('POST', '/tokens', body);
  }

  revokeToken(id: string): Promise<TokenJson> {
    return this.request('DELETE', `/tokens/${encodeURIComponent(id)}`);
  }

  listProjects(): Promise<ProjectJson[]> {
    return this.request('GET', '/projects');
  }

  createProject(body: CreateProjectRequest): Promise<ProjectJson> {
    return this.request('POST', '/projects', body);
  }

  updateProject(name: string, body: UpdateProjectRequest): Promise<ProjectJson> {
    return this.request('PATCH', `/projects/${encodeURIComponent(name)}`, body);
  }

  listAudit(query: ListQuery = {}): Promise<Page<AuditEntry>> {
    return this.request('GET', `/audit${toQuery(query)}`);
  }

  /**
   * Opens the study's event stream (SSE) after event `afterSeq` and yields each
   * event, parsed, until the server ends the stream. A connection that cannot
   * be made is a CoordinatorUnreachableError; one lost mid-stream is a
   * StreamInterruptedError; an HTTP error is a CliError with the server's message.
   */
  async *streamEvents(id: string, afterSeq: number, signal?: AbortSignal): AsyncGenerator<StudyEventMessage> {
    const path = `/studies/${encodeURIComponent(id)}/events`;
    // Times out the connection, and later a stream silent for longer than three heartbeats.
    const watchdog = new AbortController();
    let timer = setTimeout(() => watchdog.abort(new DOMException('no answer', 'TimeoutError')), this.timeoutMs);
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => watchdog.abort(new DOMException('stream silent', 'TimeoutError')), STREAM_SILENCE_MS);
    };
    try {
      let res: Response;
      try {
        res = await this.fetchImpl(`${this.baseUrl}${path}`, {
          headers: { ...this.authorization(), accept: 'text/event-stream', 'last-event-id': String(afterSeq) },
          signal: signal ? AbortSignal.any([signal, watchdog.signal]) : watchdog.signal,
        });
      } catch (e) {
        if (signal?.aborted) return;
        throw connectionError(this.baseUrl, e);
      }
      if (!res.ok || !res.body) {
        const text = await res.text();
        throw httpError('GET', path, res.status, parseJson(text), text, this.token !== undefined);
      }
      alive();
      yield* readEvents(res.body, path, alive, signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private async request<T>(method: string, path: string, body?: unknown, answer: 'json' | 'text' = 'json'): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: { ...this.authorization(), ...(body === undefined ? { accept: answer === 'text' ? '*/*' : 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw connectionError(this.baseUrl, e);
    }
    const text = await res.text();
    const json = parseJson(text);
    if (!res.ok) throw httpError(method, path, res.status, json, text, this.token !== undefined);
    if (answer === 'text') return text as T;
    if (json === undefined) throw new CliError(`${method} ${path}: the coordinator answered ${res.status} without JSON`);
    return json as T;
  }

  private authorization(): Record<string, string> {
    return this.token === undefined ? {} : { authorization: `Bearer ${this.token}` };
  }
}

/** The event stream broke off before the server ended it (a restart, a lost network). */
export class StreamInterruptedError extends CliError {}

// The coordinator sends a heartbeat comment every 15 s.
const STREAM_SILENCE_MS = 45_000;

async function* readEvents(body: ReadableStream<Uint8Array>, path: string, alive: () => void, signal?: AbortSignal): AsyncGenerator<StudyEventMessage> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => queue.push(e) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (signal?.aborted) return;
        throw new StreamInterruptedError(`the event stream ${path} broke off: ${(e as Error).message}`);
      }
      if (chunk.done) return;
      alive();
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      for (const message of queue.splice(0)) yield parseEvent(message, path);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function parseEvent(message: EventSourceMessage, path: string): StudyEventMessage {
  const parsed = studyEventMessageSchema.safeParse(parseJson(message.data));
  if (!parsed.success) throw new CliError(`${path}: the coordinator sent an event this CLI cannot read (${message.event ?? 'message'} #${message.id ?? '?'})`);
  return parsed.data;
}

function toQuery(query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function connectionError(baseUrl: string, e: unknown): CliError {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return new CoordinatorUnreachableError(`the coordinator at ${baseUrl} did not answer in time`);
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNRESET') {
    const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ECONNRESET' ? 'connection reset' : 'host not found';
    return new CoordinatorUnreachableError(`cannot reach the coordinator at ${baseUrl} (${why}): start it with \`attune coordinator\`, or pass --url / set ATTUNE_URL`);
  }
  return new CoordinatorUnreachableError(`cannot reach the coordinator at ${baseUrl}: ${err.cause?.message ?? err.message ?? String(e)}`);
}

function httpError(method: string, path: string, status: number, json: unknown, text: string, sentToken: boolean): CliError {
  const body = (json ?? {}) as { message?: unknown; issues?: { path?: string; message?: string }[] };
  const message = Array.isArray(body.message) ? body.message.join('; ') : typeof body.message === 'string' ? body.message : text.slice(0, 200) || 'no message';
  if (Array.isArray(body.issues) && body.issues.length === 1) {
    const [issue] = body.issues;
    return new CliError(`${issue.path ? `${issue.path}: ` : ''}${issue.message} (HTTP ${status} on ${method} ${path})`, [], 1, status);
  }
  if (Array.isArray(body.issues) && body.issues.length > 1) {
    const details = body.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : String(i.message)));
    return new CliError(`the coordinator rejected the request (HTTP ${status}):`, details, 1, status);
  }
  return new CliError(`${message} (HTTP ${status} on ${method} ${path})`, authHints(status, sentToken), 1, status);
}

/** What to do about a refused token, said once under the server's message. */
function authHints(status: number, sentToken: boolean): string[] {
  if (status !== 401) return [];
  return sentToken
    ? ['the token sent (--token or ATTUNE_TOKEN) is unknown, expired or revoked: ask an admin for another (`attune token create`)']
    : ['this coordinator needs an API token: set ATTUNE_TOKEN or pass --token (`attune admin bootstrap` creates the first)'];
}
