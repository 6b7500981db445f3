import type { ShippingAddressV1 } from '@emporium/contracts';
import type { ShipmentKind, ShipmentStatus } from './shipment-status';

export interface ShipmentLine {
  sku: string;
  quantity: number;
}

/** A shipment as the service works with it (one row of `shipments`). */
export interface Shipment {
  id: string;
  kind: ShipmentKind;
  orderId: string;
  returnId: string | null;
  customerId: string | null;
  merchantId: string | null;
  warehouseId: string;
  carrier: string;
  serviceLevel: 'STANDARD' | 'EXPRESS';
  zone: string;
  deliveryOption: string;
  routingSource: 'ADDRESS' | 'DEFAULT';
  destination: ShippingAddressV1 | null;
  lines: ShipmentLine[];
  actualWeightGrams: number;
  chargeableWeightGrams: number;
  carrierCost: number;
  shippingFee: number;
  currency: string;
  promiseMet: boolean;
  status: ShipmentStatus;
  trackingNumber: string | null;
  label: Record<string, unknown> | null;
  labelError: string | null;
  dispatchBy: Date;
  promisedBy: Date;
  createdAt: Date;
  bookedAt: Date | null;
  dispatchedAt: Date | null;
  deliveredAt: Date | null;
  receivedAt: Date | null;
  cancelledAt: Date | null;
  delayedAt: Date | null;
  delayStage: string | null;
  exceptionAt: Date | null;
  exceptionDetail: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row as pg returns it
export function shipmentFromRow(row: any): Shipment {
  return {
    id: row.id,
    kind: row.kind,
    orderId: row.order_id,
    returnId: row.return_id,
    customerId: row.customer_id,
    merchantId: row.merchant_id,
    warehouseId: row.warehouse_id,
    carrier: row.carrier_code,
    serviceLevel: row.service_level,
    zone: row.zone,
    deliveryOption: row.delivery_option,
    routingSource: row.routing_source,
    destination: row.destination,
    lines: row.lines,
    actualWeightGrams: row.actual_weight_grams,
    chargeableWeightGrams: row.chargeable_weight_grams,
    carrierCost: row.carrier_cost,
    shippingFee: row.shipping_fee,
    currency: row.currency.trim(),
    promiseMet: row.promise_met,
    status: row.status,
    trackingNumber: row.tracking_number,
    label: row.label,
    labelError: row.label_error,
    dispatchBy: row.dispatch_by,
    promisedBy: row.promised_by,
    createdAt: row.created_at,
    bookedAt: row.booked_at,
    dispatchedAt: row.dispatched_at,
    deliveredAt: row.delivered_at,
    receivedAt: row.received_at,
    cancelledAt: row.cancelled_at,
    delayedAt: row.delayed_at,
    delayStage: row.delay_stage,
    exceptionAt: row.exception_at,
    exceptionDetail: row.exception_detail,
  };
}

export interface TrackingEntry {
  status: string;
  occurredAt: string;
  location: string | null;
  detail: string | null;
  carrierEventId: string;
}

/** The API's view; the destination address is personal data and shown only to ops, warehouse and the customer. */
export function shipmentView(shipment: Shipment, timeline?: TrackingEntry[], showAddress = true) {
  const { destination, labelError, ...rest } = shipment;
  return {
    ...rest,
    ...(showAddress ? { destination } : {}),
    ...(labelError ? { labelError } : {}),
    ...(timeline ? { timeline } : {}),
  };
}
