/** The platform's HTTP API as the benchmarks call it: JSON in and out, an optional bearer token. */
export interface ApiResponse<T> {
  status: number;
  body: T;
  text: string;
}

export class BenchApiClient {
  constructor(readonly apiUrl: string) {}

  async request<T>(method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed as T, text };
  }

  /** A request that must succeed (2xx); anything else ends the benchmark with the problem. */
  async ok<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await this.request<T>(method, path, token, body);
    if (response.status < 200 || response.status > 299) {
      throw new Error(`${method} ${path} answered ${response.status}: ${response.text.slice(0, 500)}`);
    }
    return response.body;
  }
}
