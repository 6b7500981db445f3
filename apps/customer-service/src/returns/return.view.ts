import { ReturnResponse } from './dto/return.response';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
export function returnView(row: any, lines: any[]): ReturnResponse {
  return {
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    merchantId: row.merchant_id,
    status: row.status,
    reason: row.reason,
    description: row.description,
    photoUrls: row.photo_urls,
    exchange: row.exchange,
    automatic: row.automatic,
    withinWindow: row.within_window,
    currency: row.currency,
    expectedAmount: row.expected_amount,
    refundedAmount: row.refunded_amount,
    refundId: row.refund_id,
    warehouseId: row.warehouse_id,
    returnShipmentId: row.return_shipment_id,
    trackingNumber: row.tracking_number,
    decisionNote: row.decision_note,
    lines: lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      resaleable: line.resaleable,
      damaged: line.damaged,
      note: line.note,
    })),
    requestedAt: row.requested_at.toISOString(),
    decidedAt: iso(row.decided_at),
    receivedAt: iso(row.received_at),
    inspectedAt: iso(row.inspected_at),
    refundRequestedAt: iso(row.refund_requested_at),
    closedAt: iso(row.closed_at),
  };
}
