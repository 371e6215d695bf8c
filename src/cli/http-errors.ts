/** Listening problems turned into messages that say what to change. */

/** Thrown when a port the command needs is taken. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly flag: string,
    what: string,
  ) {
    super(`port ${port} (${what}) is already in use on 127.0.0.1; stop whatever listens there or choose another port with ${flag} <port>.`);
    this.name = 'PortInUseError';
  }
}

/** Listens on 127.0.0.1:`port`, turning EADDRINUSE into a {@link PortInUseError}. */
export function listenOn(server: import('node:net').Server, port: number, flag: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, flag, what) : error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as import('node:net').AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}
