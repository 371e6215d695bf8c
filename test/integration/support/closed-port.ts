import { createServer } from 'node:net';

/**
 * A loopback port with nothing listening on it: connections are refused, as when a collector is
 * down. The port comes from the system (listen on 0), then is released.
 */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}
