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

/** A registered user's access token and a project they own. */
export interface BenchProject {
  apiUrl: string;
  accessToken: string;
  projectId: string;
}

const BENCH_PASSWORD = 'Bench-password-1';

/** Registers `email`, signs in and creates a project it owns (the start of every API benchmark). */
export async function registerProjectOwner(
  apiUrl: string,
  owner: { email: string; name: string },
  project: { name: string; key: string },
): Promise<BenchProject> {
  const client = new BenchApiClient(apiUrl);
  await client.ok('POST', '/v1/auth/register', undefined, { ...owner, password: BENCH_PASSWORD });
  const { accessToken } = await client.ok<{ accessToken: string }>('POST', '/v1/auth/login', undefined, {
    email: owner.email,
    password: BENCH_PASSWORD,
  });
  const { id: projectId } = await client.ok<{ id: string }>('POST', '/v1/projects', accessToken, project);
  return { apiUrl, accessToken, projectId };
}
