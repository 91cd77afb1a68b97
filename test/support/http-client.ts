/** A response as tests read it. */
export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
}

/** Minimal JSON client for the coordinator's REST API in tests. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    /** Sent as `Authorization: Bearer …` on every request. */
    readonly token?: string,
  ) {}

  /** The same client, authenticated with `token`. */
  withToken(token: string): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  get<T = any>(path: string): Promise<JsonResponse<T>> {
    return this.request('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<JsonResponse<T>> {
    return this.request('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(this.token !== undefined && { authorization: `Bearer ${this.token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}
