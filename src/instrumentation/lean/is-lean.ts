import type { Instrumentation } from '../../sdk/sdk-types';
import { LeanInstrumentation } from './lean-instrumentation';

/** Whether `instrumentation` is one of this package's lean ones, which need no registration machinery. */
export function isLeanInstrumentation(instrumentation: Instrumentation): boolean {
  return instrumentation instanceof LeanInstrumentation;
}
