import type { Server } from 'node:http';

/** Marks the package's own HTTP servers (the Prometheus endpoint): never traced, never counted. */
const kInternal = Symbol.for('otel-bootstrap.internal-server');

type MarkedServer = Server & { [kInternal]?: true };

/** Marks `server` as the package's own. */
export function markInternalServer(server: Server): void {
  (server as MarkedServer)[kInternal] = true;
}

/** Whether `server` is one of the package's own. */
export function isInternalServer(server: Server | undefined): boolean {
  return server !== undefined && (server as MarkedServer)[kInternal] === true;
}
