import { createServer } from 'node:net';

/**
 * A port that is free on every interface right now. Needed for emulators we start as child
 * processes (DynamoDB Local binds all interfaces and cannot be told port 0); our own
 * servers listen on port 0 instead, which has no race.
 */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    // No host: Node binds the IPv6/IPv4 wildcard, the same as the emulators do.
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('Could not allocate a port'))));
    });
  });
}
