import type { ResolvedConfig } from '../config/options';

/**
 * The processor an exporter gets: the one `processor` forces, else batch for a network exporter
 * (a simple processor would make one request per span) and simple for an in-process one.
 */
export function processorKind(processor: ResolvedConfig['processor'], remote: boolean): 'batch' | 'simple' {
  if (processor !== 'auto') return processor;
  return remote ? 'batch' : 'simple';
}
