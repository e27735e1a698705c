import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on 127.0.0.1 (port 0 = a free one) and answers the base URL. */
export async function listenOnLoopback(server: Server, port: number | undefined): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server, dropping keep-alive connections so stopping never hangs. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An AWS JSON-protocol answer (`application/x-amz-json-1.0` or `-1.1`), with a request id as AWS sends. */
export function sendAwsJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  protocolVersion: '1.0' | '1.1',
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': `application/x-amz-json-${protocolVersion}`,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}
