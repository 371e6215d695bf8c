import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, SdkSpan, SpanProcessor } from '../sdk/sdk-types';

/**
 * Notes whether any span ended since the last check, so the `beforeExit` flush runs only when
 * there is something new (a flush schedules work, which would otherwise emit `beforeExit` again).
 */
export class ActivityMarker implements SpanProcessor {
  private active = false;

  /** True when a span ended since the previous call. */
  takeActivity(): boolean {
    const was = this.active;
    this.active = false;
    return was;
  }

  onStart(_span: SdkSpan, _context: Context): void {}

  onEnd(_span: ReadableSpan): void {
    this.active = true;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
