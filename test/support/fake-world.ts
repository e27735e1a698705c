import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake world received. */
export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
}

/**
 * A loopback server standing in for the CI system (POST /ci, answered 202) and the
 * environment itself (deploy target POST /deploy, health GET /health). Health is 200 once a
 * version is deployed, unless that version is in `unhealthy` (then 503); it names the
 * running version in its body (`{"version"}`) and in `x-app-version`. With `slowRollouts`
 * a deploy only accepts the version (`pendingVersion`) until `finishRollout()`.
 */
export class FakeWorld {
  readonly received: Received[] = [];
  readonly unhealthy = new Set<string>();
  deployedVersion: string | undefined;
  pendingVersion: string | undefined;
  slowRollouts = false;
  healthProbes = 0;
  url = '';
  private server: Server | undefined;

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '/';
        if (request.method === 'GET' && path === '/health') {
          this.healthProbes += 1;
          const healthy = this.deployedVersion !== undefined && !this.unhealthy.has(this.deployedVersion);
          const version = this.deployedVersion ?? '';
          response
            .writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'x-app-version': version })
            .end(JSON.stringify({ version }));
          return;
        }
        let json: Record<string, unknown> = {};
        try {
          json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
          // Recorded as is: an assertion on it will show what came.
        }
        this.received.push({ path, headers: request.headers, body, json });
        if (path === '/deploy' && this.slowRollouts) this.pendingVersion = json.version as string;
        else if (path === '/deploy') this.deployedVersion = json.version as string;
        response.writeHead(path === '/ci' ? 202 : 200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The slow rollout is over: the pending version runs now. */
  finishRollout(): void {
    this.deployedVersion = this.pendingVersion;
  }

  /** What one deployment sent to `path` (`/ci` or `/deploy`). */
  callsTo(path: string, deploymentId: string): Received[] {
    return this.received.filter((call) => call.path === path && call.json.deploymentId === deploymentId);
  }
}
