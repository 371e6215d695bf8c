import type { ViewAttributes } from '../trace-model';

/** The name shown for spans whose resource has no `service.name`. */
export const UNKNOWN_SERVICE = 'unknown_service';

/** `service.name` of a resource, or {@link UNKNOWN_SERVICE}. */
export function serviceOf(attributes: ViewAttributes): string {
  const name = attributes['service.name'];
  return typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
}
