import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { since, type DoctorStep } from './step';

/** What name resolution found. */
export interface Resolved {
  step: DoctorStep;
  addresses: string[];
}

/** Resolves `host` as the exporter's HTTP client would (the system resolver, every family). */
export async function probeDns(prefix: string, host: string): Promise<Resolved> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return { step: { name: `${prefix} dns`, status: 'ok', detail: `${bare} is an address, no lookup needed`, millis: 0 }, addresses: [bare] };
  const start = performance.now();
  try {
    const found = await lookup(bare, { all: true });
    const addresses = found.map((entry) => entry.address);
    return { step: { name: `${prefix} dns`, status: 'ok', detail: `${bare} -> ${addresses.join(', ')}`, millis: since(start) }, addresses };
  } catch (error) {
    return { step: { name: `${prefix} dns`, status: 'fail', detail: `${bare} does not resolve (${errorText(error)})`, millis: since(start) }, addresses: [] };
  }
}

/** Opens a TCP connection to the first address that accepts one. */
export async function probeTcp(prefix: string, addresses: readonly string[], port: number, timeoutMillis: number): Promise<{ step: DoctorStep; address?: string }> {
  const start = performance.now();
  const failures: string[] = [];
  for (const address of addresses) {
    try {
      await withSocket(netConnect({ host: address, port }), 'connect', timeoutMillis);
      return { step: { name: `${prefix} tcp`, status: 'ok', detail: `connected to ${hostPort(address, port)}`, millis: since(start) }, address };
    } catch (error) {
      failures.push(`${hostPort(address, port)}: ${errorText(error)}`);
    }
  }
  return { step: { name: `${prefix} tcp`, status: 'fail', detail: `cannot connect (${failures.join('; ') || 'no address'})`, millis: since(start) } };
}

/** A TLS handshake with certificate verification, as the exporter's HTTPS client does it. */
export async function probeTls(prefix: string, address: string, port: number, serverName: string, timeoutMillis: number): Promise<DoctorStep> {
  const start = performance.now();
  const servername = isIP(serverName.replace(/^\[|\]$/g, '')) === 0 ? serverName : undefined;
  const socket = tlsConnect({ host: address, port, ...(servername === undefined ? {} : { servername }), rejectUnauthorized: true, ALPNProtocols: ['http/1.1'] });
  try {
    await withSocket(socket, 'secureConnect', timeoutMillis);
    const certificate = socket.getPeerCertificate();
    const validTo = certificate.valid_to === undefined ? '' : `, certificate valid until ${certificate.valid_to}`;
    return { name: `${prefix} tls`, status: 'ok', detail: `${socket.getProtocol() ?? 'TLS'} handshake with ${serverName}${validTo}`, millis: since(start) };
  } catch (error) {
    return { name: `${prefix} tls`, status: 'fail', detail: `handshake with ${serverName} failed (${errorText(error)})`, millis: since(start) };
  } finally {
    socket.destroy();
  }
}

function withSocket(socket: Socket, readyEvent: string, timeoutMillis: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMillis} ms`));
    }, timeoutMillis);
    timer.unref();
    socket.once(readyEvent, () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

function hostPort(address: string, port: number): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/** An error's code and message, for a report line. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
