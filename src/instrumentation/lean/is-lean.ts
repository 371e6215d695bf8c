import type { Instrumentation } from '@opentelemetry/instrumentation';
import { LeanFetchInstrumentation } from './lean-fetch-instrumentation';
import { LeanHttpInstrumentation } from './lean-http-instrumentation';

/** Whether `instrumentation` is one of this package's lean ones, which need no registration machinery. */
export function isLeanInstrumentation(instrumentation: Instrumentation): boolean {
  return instrumentation instanceof LeanHttpInstrumentation || instrumentation instanceof LeanFetchInstrumentation;
}
