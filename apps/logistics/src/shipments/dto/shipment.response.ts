// Response bodies as the OpenAPI document shows them; the swagger plugin turns these types and comments
// into schemas (npm run openapi:generate). They describe what shipment.view.ts returns, as JSON: the same
// fields, but dates are ISO strings and every field is documented, so the two are not one type. The check
// at the end keeps their field lists equal.
import { ShippingAddressDto } from '../../quotes/dto/shipping-address.dto';
import type { ShipmentKind, ShipmentStatus } from '../shipment-status';
import type { shipmentView } from '../shipment.view';

export class ShipmentLineResponse {
  sku: string;
  quantity: number;
}

export class TrackingEntryResponse {
  /** The carrier's status of this scan */
  status: string;
  /** ISO 8601 UTC, as the carrier reported it */
  occurredAt: string;
  location: string | null;
  detail: string | null;
  carrierEventId: string;
}

export class ShipmentSummaryResponse {
  id: string;
  /** OUTBOUND to the customer, or RETURN to the warehouse */
  kind: ShipmentKind;
  orderId: string;
  /** Set for a RETURN shipment */
  returnId: string | null;
  customerId: string | null;
  /** The merchant whose SKUs are in the parcel */
  merchantId: string | null;
  warehouseId: string;
  /** Carrier code */
  carrier: string;
  serviceLevel: 'STANDARD' | 'EXPRESS';
  zone: string;
  deliveryOption: string;
  /** ADDRESS: zone from the shipping address; DEFAULT: the configured default zone */
  routingSource: 'ADDRESS' | 'DEFAULT';
  /** Shown to ops, warehouse, services and the customer only (personal data); absent for a merchant */
  destination?: ShippingAddressDto | null;
  lines: ShipmentLineResponse[];
  actualWeightGrams: number;
  /** max(actual, volumetric) weight the carrier charges on */
  chargeableWeightGrams: number;
  /** Minor units of `currency`: what the carrier charges */
  carrierCost: number;
  /** Minor units of `currency`: what the customer paid for this parcel */
  shippingFee: number;
  /** ISO 4217 */
  currency: string;
  /** Whether the chosen carrier's promise meets the delivery option */
  promiseMet: boolean;
  status: ShipmentStatus;
  trackingNumber: string | null;
  /** The carrier's label as booked */
  label: Record<string, unknown> | null;
  /** Why booking the label failed (only while it did) */
  labelError?: string;
  /** ISO 8601 UTC */
  dispatchBy: string;
  /** ISO 8601 UTC */
  promisedBy: string;
  /** ISO 8601 UTC */
  createdAt: string;
  bookedAt: string | null;
  dispatchedAt: string | null;
  deliveredAt: string | null;
  receivedAt: string | null;
  cancelledAt: string | null;
  delayedAt: string | null;
  delayStage: string | null;
  exceptionAt: string | null;
  exceptionDetail: string | null;
}

export class ShipmentResponse extends ShipmentSummaryResponse {
  /** The carrier's tracking updates, oldest first (on a single shipment only) */
  timeline?: TrackingEntryResponse[];
}

export class ShipmentPageResponse {
  /** Newest first, without timelines */
  items: ShipmentSummaryResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export class TrackingUpdateResponse {
  shipmentId: string;
  /** The shipment's status after the update */
  status: ShipmentStatus;
  /** false when the update was history only (it did not move the shipment forward) */
  applied: boolean;
}

/** Fails to compile when a field is added to the view and not documented here, or the other way round. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Assert<T extends true> = T;
export type ShipmentResponseDocumentsTheView = Assert<SameKeys<ShipmentResponse, ReturnType<typeof shipmentView>>>;
