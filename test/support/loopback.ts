import net from 'node:net';

/** The address every server of the test bed listens on. */
export const LOOPBACK = '127.0.0.1';

/**
 * A port that was free a moment ago on the loopback address. Another process may take it before the
 * caller binds it, so callers retry with a new one when their server fails to bind.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
