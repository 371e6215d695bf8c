/** Length of the hex digest kept by {@link shortHash}. */
export const SHORT_HASH_LENGTH = 12;

/** A stable short hash (first 12 hex characters of SHA-256) standing in for a high-cardinality value. */
export function shortHash(text: string): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(text).digest('hex').slice(0, SHORT_HASH_LENGTH);
}
