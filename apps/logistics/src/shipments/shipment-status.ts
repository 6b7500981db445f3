/**
 * LABEL_PENDING: created, label not booked with the carrier yet (booked outside any transaction).
 * READY: label and tracking number exist, waiting for the warehouse to hand it over.
 * DISPATCHED .. DELIVERED: the carrier has it. LOST, DAMAGED: exceptions, final.
 * RECEIVED: a return parcel arrived back at the warehouse. CANCELLED: the order was cancelled before dispatch.
 */
export const SHIPMENT_STATUSES = [
  'LABEL_PENDING',
  'READY',
  'DISPATCHED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'LOST',
  'DAMAGED',
  'RECEIVED',
  'CANCELLED',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
export type ShipmentKind = 'OUTBOUND' | 'RETURN';

/** What a carrier reports in its webhook. */
export const TRACKING_STATUSES = [
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'FAILED_ATTEMPT',
  'DELIVERED',
  'LOST',
  'DAMAGED',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** Statuses a dispatch may start from (a return is handed over by the customer, never dispatched). */
export const DISPATCHABLE: readonly ShipmentStatus[] = ['READY'];
/** Statuses in which the carrier has the parcel and tracking moves it on. */
const WITH_CARRIER: readonly ShipmentStatus[] = ['DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'];
/** Statuses that tracking never changes again. */
const FINAL: readonly ShipmentStatus[] = ['DELIVERED', 'LOST', 'DAMAGED', 'RECEIVED', 'CANCELLED'];
export const CANCELLABLE: readonly ShipmentStatus[] = ['LABEL_PENDING', 'READY'];

const RANK: Partial<Record<ShipmentStatus, number>> = {
  READY: 0,
  DISPATCHED: 1,
  IN_TRANSIT: 2,
  OUT_FOR_DELIVERY: 3,
  DELIVERED: 4,
};
const TARGET: Record<TrackingStatus, ShipmentStatus | undefined> = {
  PICKED_UP: 'IN_TRANSIT',
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  // A failed attempt goes on the timeline; the parcel stays where it was (usually out for delivery again tomorrow).
  FAILED_ATTEMPT: undefined,
  DELIVERED: 'DELIVERED',
  LOST: 'LOST',
  DAMAGED: 'DAMAGED',
};

export type TrackingOutcome =
  | { accepted: false; reason: 'NOT_WITH_CARRIER' }
  /** `next` equals `current` when the update is only history (late, or a failed attempt). */
  | { accepted: true; next: ShipmentStatus; advanced: boolean };

/**
 * Applies a carrier's update, tolerating any arrival order: the status only moves forward (an in-transit
 * scan that arrives after delivery is kept on the timeline and changes nothing), and final statuses stay.
 * A return parcel is tracked from READY (the customer hands it over; nobody dispatches it).
 */
export function applyTracking(kind: ShipmentKind, current: ShipmentStatus, update: TrackingStatus): TrackingOutcome {
  const tracked =
    WITH_CARRIER.includes(current) || FINAL.includes(current) || (kind === 'RETURN' && current === 'READY');
  if (!tracked || current === 'CANCELLED') return { accepted: false, reason: 'NOT_WITH_CARRIER' };
  const target = TARGET[update];
  if (!target || FINAL.includes(current)) return { accepted: true, next: current, advanced: false };
  if (target === 'LOST' || target === 'DAMAGED') return { accepted: true, next: target, advanced: true };
  const advanced = (RANK[target] ?? 0) > (RANK[current] ?? 0);
  return { accepted: true, next: advanced ? target : current, advanced };
}
