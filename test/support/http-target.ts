import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A target on loopback answering every request with `listener`: its URL and how to stop it. */
export async function startTarget(listener: RequestListener): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
