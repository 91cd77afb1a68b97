/** A response as tests read it. */
export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
}

/** Minimal JSON client for the coordinator's REST API in tests. */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  get<T = any>(path: string): Promise<JsonResponse<T>> {
    return this.request('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<JsonResponse<T>> {
    return this.request('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}
