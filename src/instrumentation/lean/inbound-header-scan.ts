/**
 * Whether a request carries any header that can change its trace: the propagators' headers, the
 * debug headers and the trusted sampling headers. Most requests to a service carry none of them;
 * the raw header list tells that without looking each name up in the request's `headers` object,
 * a dictionary where every absent name is a slow lookup.
 */

/** Tells from a request's `rawHeaders` whether one of the headers is there. */
export type InboundHeaderScan = (rawHeaders: readonly string[]) => boolean;

/** Builds the scan for these lower-case names and name prefixes (`uberctx-`). */
export function createInboundHeaderScan(names: readonly string[], prefixes: readonly string[]): InboundHeaderScan {
  const byLength = new Map<number, Set<string>>();
  for (const name of names) {
    const lower = name.toLowerCase();
    let sameLength = byLength.get(lower.length);
    if (sameLength === undefined) byLength.set(lower.length, (sameLength = new Set()));
    sameLength.add(lower);
  }
  const lowerPrefixes = prefixes.map((prefix) => prefix.toLowerCase());
  return (rawHeaders) => {
    for (let index = 0; index < rawHeaders.length; index += 2) {
      const name = rawHeaders[index] as string;
      // Only a name of a length that occurs is lower-cased and compared.
      if (byLength.get(name.length)?.has(name.toLowerCase()) === true) return true;
      for (const prefix of lowerPrefixes) if (name.length > prefix.length && name.slice(0, prefix.length).toLowerCase() === prefix) return true;
    }
    return false;
  };
}
