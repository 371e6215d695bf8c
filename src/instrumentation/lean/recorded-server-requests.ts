import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The recorded server requests still in flight, kept beside Node's objects rather than on them:
 * neither the request, the response nor the socket gets a property or a listener of its own for
 * being recorded (beyond one `close` listener per connection that ever carried one). A property
 * or listener on 1 request in 100 would give those objects a second shape, and the inline caches
 * of Node's and Express's per-request code, which every request runs through, would turn
 * polymorphic for everyone.
 *
 * A request leaves when {@link take} finds it (its response finished) or when its connection
 * closes first (the client went away), which hands it to the aborted handler.
 */
export class RecordedServerRequests<State> {
  readonly #states = new WeakMap<IncomingMessage, State>();
  readonly #openBySocket = new WeakMap<Socket, Set<IncomingMessage>>();
  readonly #onSocketClose: (this: Socket) => void;

  /** `onAborted` gets each request whose connection closed before its response finished. */
  constructor(onAborted: (request: IncomingMessage, state: State) => void) {
    const states = this.#states;
    const openBySocket = this.#openBySocket;
    // One listener function for every connection: `this` is the socket that closed.
    this.#onSocketClose = function onRecordedSocketClose(this: Socket): void {
      const open = openBySocket.get(this);
      if (open === undefined) return;
      openBySocket.delete(this);
      for (const request of open) {
        const state = states.get(request);
        if (state === undefined) continue;
        states.delete(request);
        onAborted(request, state);
      }
    };
  }

  /** Notes that `request`, on `socket`, is recorded with `state`. */
  add(request: IncomingMessage, socket: Socket, state: State): void {
    this.#states.set(request, state);
    let open = this.#openBySocket.get(socket);
    if (open === undefined) {
      open = new Set();
      this.#openBySocket.set(socket, open);
      socket.once('close', this.#onSocketClose);
    }
    open.add(request);
  }

  /** The state of `request` if it is recorded and in flight, which it then no longer is. */
  take(request: IncomingMessage, socket: Socket | null | undefined): State | undefined {
    const state = this.#states.get(request);
    if (state === undefined) return undefined;
    this.#states.delete(request);
    if (socket !== null && socket !== undefined) this.#openBySocket.get(socket)?.delete(request);
    return state;
  }
}
