/**
 * W3C Baggage size limits applied on extract and inject.
 *
 * - {@link MAX_BAGGAGE_BYTES}: the spec requires platforms to propagate a baggage-string of
 *   8192 bytes; more is read from no carrier and written to none.
 * - {@link MAX_BAGGAGE_MEMBERS}: the spec's grammar allows at most 180 list members
 *   (`list-member 0*179( "," list-member )`), the number `@opentelemetry/core` applies too.
 */

/** At most this many bytes of baggage are read from a carrier (all `baggage` values together) or written to one. */
export const MAX_BAGGAGE_BYTES = 8192;

/** At most this many baggage list members are read from a carrier or written to one. */
export const MAX_BAGGAGE_MEMBERS = 180;
