/** Bits 0-7 of OTLP span and link flags: the W3C trace flags. */
const TRACE_FLAGS_MASK = 0xff;
/** Bit 8: whether the remote-ness of the parent (or linked) context is known. */
const CONTEXT_HAS_IS_REMOTE = 0x100;
/** Bit 9: the parent (or linked) context came from another process. */
const CONTEXT_IS_REMOTE = 0x200;

/**
 * OTLP `flags` of a span (about its parent) or a link (about the linked context): the trace
 * flags, plus "remote-ness known" (always: the SDK knows whether a context was extracted) and
 * "is remote". A root span has no remote parent, so it is reported as known and not remote.
 */
export function otlpSpanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & TRACE_FLAGS_MASK) | CONTEXT_HAS_IS_REMOTE | (isRemote === true ? CONTEXT_IS_REMOTE : 0);
}
