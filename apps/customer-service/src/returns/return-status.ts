/**
 * REQUESTED: waiting for ops (a reason other than NO_REASON, or outside the window).
 * APPROVED: logistics books the return parcel (customer-service.return.approved).
 * RECEIVED: the parcel is back at the warehouse (logistics.shipment.return-received).
 * INSPECTED: an exchange waits for ops to send the replacement (or to refund instead).
 * REFUND_REQUESTED: orders was asked to refund the units (customer-service.return.refund-requested).
 * REFUNDED, EXCHANGED, REJECTED, CANCELLED: final.
 */
export const RETURN_STATUSES = [
  'REQUESTED',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'RECEIVED',
  'INSPECTED',
  'REFUND_REQUESTED',
  'REFUNDED',
  'EXCHANGED',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export type ReturnAction =
  'approve' | 'reject' | 'cancel' | 'receive' | 'inspect' | 'refund' | 'fulfil-exchange' | 'mark-refunded';

/** The statuses each action may start from; everything else is a 409 naming the status. */
export const RETURN_ACTION_FROM: Record<ReturnAction, readonly ReturnStatus[]> = {
  approve: ['REQUESTED'],
  reject: ['REQUESTED'],
  cancel: ['REQUESTED'],
  receive: ['APPROVED'],
  inspect: ['RECEIVED'],
  // An exchange whose replacement cannot be sent (out of stock) is refunded instead.
  refund: ['INSPECTED'],
  'fulfil-exchange': ['INSPECTED'],
  'mark-refunded': ['REFUND_REQUESTED'],
};

/** Statuses whose units are spoken for: they count against what the customer may still return. */
export const RETURN_HOLDS_UNITS: readonly ReturnStatus[] = [
  'REQUESTED',
  'APPROVED',
  'RECEIVED',
  'INSPECTED',
  'REFUND_REQUESTED',
  'REFUNDED',
  'EXCHANGED',
];

export function mayStart(action: ReturnAction, status: ReturnStatus): boolean {
  return RETURN_ACTION_FROM[action].includes(status);
}
