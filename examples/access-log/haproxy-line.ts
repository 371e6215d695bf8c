// Reads one line of HAProxy's HTTP log format (`option httplog`): client, accept date with
// milliseconds, frontend, backend/server, the timers Tq/Tw/Tc/Tr/Tt, status, bytes, termination
// state and the request line.

/** One request as HAProxy logged it. */
export interface AccessLogEntry {
  client: string;
  accepted: Date;
  frontend: string;
  backend: string;
  server: string;
  /** Milliseconds: waiting for the request, in the queue, connecting, waiting for the response, in total. */
  timers: { request: number; queue: number; connect: number; response: number; total: number };
  status: number;
  bytes: number;
  termination: string;
  method: string;
  path: string;
}

const LINE =
  /(\S+:\d+) \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})\.(\d{3})\] (\S+) ([^/\s]+)\/(\S+) (-?\d+)\/(-?\d+)\/(-?\d+)\/(-?\d+)\/(\d+) (\d{3}) (\d+) \S+ \S+ (\S{4}) \S+ \S+ "(\S+) (\S+) [^"]*"$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The entry of one log line, or `undefined` for a line of another kind. Times are UTC. */
export function parseAccessLogLine(line: string): AccessLogEntry | undefined {
  const match = LINE.exec(line.trim());
  if (match === null) return undefined;
  const [, client, day, month, year, hour, minute, second, millis, frontend, backend, server, tq, tw, tc, tr, tt, status, bytes, termination, method, path] = match as unknown as string[];
  const monthIndex = MONTHS.indexOf(month as string);
  if (monthIndex < 0) return undefined;
  const timer = (text: string | undefined): number => Math.max(0, Number(text));
  return {
    client: client as string,
    accepted: new Date(Date.UTC(Number(year), monthIndex, Number(day), Number(hour), Number(minute), Number(second), Number(millis))),
    frontend: frontend as string,
    backend: backend as string,
    server: server as string,
    timers: { request: timer(tq), queue: timer(tw), connect: timer(tc), response: timer(tr), total: timer(tt) },
    status: Number(status),
    bytes: Number(bytes),
    termination: termination as string,
    method: method as string,
    path: path as string,
  };
}
