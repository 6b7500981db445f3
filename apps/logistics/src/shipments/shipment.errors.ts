import { DomainError } from '@emporium/platform';

export class IllegalShipmentTransitionError extends DomainError {
  constructor(shipmentId: string, from: string, action: string) {
    super('ILLEGAL_SHIPMENT_TRANSITION', `shipment ${shipmentId} cannot ${action} while ${from}`, 409, {
      shipmentId,
      from,
      action,
    });
  }
}

export class WebhookRefusedError extends DomainError {
  constructor(verdict: string) {
    super(`WEBHOOK_SIGNATURE_${verdict}`, `the webhook signature is ${verdict.toLowerCase()}`, 401);
  }
}

export class TrackingEventReplayedError extends DomainError {
  constructor(carrier: string, eventId: string) {
    super('TRACKING_EVENT_REPLAYED', `carrier ${carrier} event ${eventId} was already recorded; nothing changed`, 409, {
      carrier,
      eventId,
    });
  }
}
