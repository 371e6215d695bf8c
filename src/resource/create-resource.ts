import { hostname } from 'node:os';
import type { Attributes } from '@opentelemetry/api';
import type { Resource } from '../sdk/sdk-types';
import { defaultResource, resourceFromAttributes } from '../sdk/resource';

/**
 * The resource of every span: SDK identity, host and process facts, then the resolved attributes
 * (which already hold `OTEL_RESOURCE_ATTRIBUTES`, code attributes and the service identity).
 * Everything here is synchronous and local: no cloud metadata requests.
 */
export function createResource(attributes: Attributes): Resource {
  const hostAndProcess: Attributes = {
    'host.name': hostname(),
    'host.arch': process.arch,
    'os.type': process.platform,
    'process.pid': process.pid,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': process.versions.node,
    'process.executable.name': process.title,
    'process.command_args': process.argv.slice(1),
  };
  return defaultResource().merge(resourceFromAttributes(hostAndProcess)).merge(resourceFromAttributes(attributes));
}
