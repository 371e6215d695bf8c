/** Something with a known encoded size; `undefined` means the size could not be computed. */
export interface Sized {
  bytes: number | undefined;
}

/** How a batch is cut into packets. */
export interface PacketPlan<Item extends Sized> {
  /** Groups in their original order; each one's bytes add up to at most the budget. */
  packets: Item[][];
  /** Items that are larger than the budget on their own. */
  oversize: Item[];
}

/**
 * Cuts `items` into consecutive groups whose sizes add up to at most `budgetBytes` each, keeping
 * their order and dropping items that would not fit even alone. An item of unknown size travels in
 * a group of its own, so if it cannot be sent it takes nothing else down with it.
 */
export function planPackets<Item extends Sized>(items: readonly Item[], budgetBytes: number): PacketPlan<Item> {
  const packets: Item[][] = [];
  const oversize: Item[] = [];
  let current: Item[] = [];
  let currentBytes = 0;
  const close = (): void => {
    if (current.length > 0) packets.push(current);
    current = [];
    currentBytes = 0;
  };
  for (const item of items) {
    if (item.bytes === undefined) {
      close();
      packets.push([item]);
      continue;
    }
    if (item.bytes > budgetBytes) {
      oversize.push(item);
      continue;
    }
    if (currentBytes + item.bytes > budgetBytes) close();
    current.push(item);
    currentBytes += item.bytes;
  }
  close();
  return { packets, oversize };
}
