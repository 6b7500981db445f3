import type { ShippingAddressV1 } from '@emporium/contracts';

export interface LabelRequest {
  /** The gateway must answer the same label for the same key: a retried booking never books twice. */
  idempotencyKey: string;
  carrier: string;
  serviceLevel: string;
  kind: 'OUTBOUND' | 'RETURN';
  /** The warehouse for outbound parcels; the customer for returns (and the other way round for `to`). */
  warehouseId: string;
  address?: ShippingAddressV1;
  chargeableWeightGrams: number;
}

export interface Label {
  trackingNumber: string;
  /** What the warehouse prints: format, where to fetch it, and the routing data on it. */
  label: { format: string; url: string; routingCode: string; carrier: string; serviceLevel: string };
}

/** A carrier's API for labels and tracking numbers. Calls run outside any database transaction. */
export abstract class CarrierGateway {
  abstract createLabel(request: LabelRequest): Promise<Label>;
}
