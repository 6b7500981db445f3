/** A warehouse that could supply a line, with what it has available now. */
export interface AllocationCandidate {
  warehouseId: string;
  region: string;
  priority: number;
  available: number;
}

export interface Allocation {
  warehouseId: string;
  quantity: number;
}

/**
 * The order in which warehouses are asked: those in the order's shipping region first, then by
 * priority (lower first), then by id so the choice is deterministic.
 */
export function preferenceOrder<T extends Omit<AllocationCandidate, 'available'>>(
  candidates: T[],
  shippingRegion?: string,
): T[] {
  return [...candidates].sort(
    (a, b) =>
      Number(b.region === shippingRegion) - Number(a.region === shippingRegion) ||
      a.priority - b.priority ||
      (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0),
  );
}

/**
 * Where one line's units come from, or null when all warehouses together lack them. The first
 * warehouse in preference order that can supply the whole line does (one parcel beats a nearer
 * split); only when none can is the line split, greedily in preference order.
 */
export function allocateLine(
  candidates: AllocationCandidate[],
  quantity: number,
  shippingRegion?: string,
): Allocation[] | null {
  const ordered = preferenceOrder(candidates, shippingRegion).filter((candidate) => candidate.available > 0);
  if (ordered.reduce((sum, candidate) => sum + candidate.available, 0) < quantity) return null;
  const whole = ordered.find((candidate) => candidate.available >= quantity);
  if (whole) return [{ warehouseId: whole.warehouseId, quantity }];
  const split: Allocation[] = [];
  let remaining = quantity;
  for (const candidate of ordered) {
    const take = Math.min(candidate.available, remaining);
    split.push({ warehouseId: candidate.warehouseId, quantity: take });
    remaining -= take;
    if (remaining === 0) break;
  }
  return split;
}
