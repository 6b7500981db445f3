import { Injectable } from '@nestjs/common';
import { ShipmentDelivered, ShipmentInTransit, ShipmentOutForDelivery } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DomainError, InvalidInputException, NotFoundError } from '@emporium/platform';
import { DataSource } from 'typeorm';
import { TrackingWebhookDto } from './dto/tracking-webhook.dto';
import { logisticsMetrics } from './logistics.metrics';
import { TrackingEventReplayedError } from './shipment.errors';
import { applyTracking } from './shipment-status';
import { ShipmentActions } from './shipment-actions.service';
import { lockShipment, updateShipment } from './shipment-rows';

@Injectable()
export class TrackingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly actions: ShipmentActions,
  ) {}

  /**
   * One carrier update, in one transaction: the carrier's event id is recorded (a replay is a 409 and
   * changes nothing), the update joins the timeline, and the status moves only forward, so updates that
   * arrive out of order end in the right place. Each stage's event is published when the status reaches it.
   */
  async record(carrier: string, headerEventId: string, update: TrackingWebhookDto) {
    if (update.eventId !== headerEventId)
      throw new InvalidInputException([{ field: 'eventId', message: 'must equal the Carrier-Event-Id header' }]);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`SELECT id FROM shipments WHERE carrier_code = $1 AND tracking_number = $2`, [
        carrier,
        update.trackingNumber,
      ]);
      if (!row) throw new NotFoundError('shipment with tracking number', update.trackingNumber);
      const shipment = await lockShipment(manager, row.id);
      const occurredAt = new Date(update.occurredAt);
      const inserted = await manager.query(
        `INSERT INTO tracking_events (shipment_id, carrier_code, carrier_event_id, status, occurred_at, location, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (carrier_code, carrier_event_id) DO NOTHING RETURNING id`,
        [
          shipment.id,
          carrier,
          update.eventId,
          update.status,
          occurredAt,
          update.location ?? null,
          update.detail ?? null,
        ],
      );
      if (inserted.length === 0) {
        logisticsMetrics.webhooks.inc({ carrier, outcome: 'replayed' });
        throw new TrackingEventReplayedError(carrier, update.eventId);
      }

      const outcome = applyTracking(shipment.kind, shipment.status, update.status);
      // Thrown, so the transaction rolls back and the carrier's retry after dispatch is not a "replay".
      if (!outcome.accepted) {
        logisticsMetrics.webhooks.inc({ carrier, outcome: 'not-with-carrier' });
        throw new DomainError(
          'SHIPMENT_NOT_WITH_CARRIER',
          `shipment ${shipment.id} is ${shipment.status}; the carrier cannot have it yet`,
          409,
        );
      }
      logisticsMetrics.webhooks.inc({ carrier, outcome: outcome.advanced ? 'applied' : 'history' });
      if (outcome.advanced) logisticsMetrics.shipments.inc({ status: outcome.next, carrier, kind: shipment.kind });
      if (!outcome.advanced) return { shipmentId: shipment.id, status: shipment.status, applied: false };

      if (outcome.next === 'LOST' || outcome.next === 'DAMAGED') {
        if (shipment.kind === 'OUTBOUND')
          await this.actions.markException(manager, shipment, outcome.next, update.detail, 'CARRIER', occurredAt);
        else
          await updateShipment(manager, shipment.id, `status = $2, exception_at = $3, exception_detail = $4`, [
            outcome.next,
            occurredAt,
            update.detail ?? null,
          ]);
        return { shipmentId: shipment.id, status: outcome.next, applied: true };
      }
      const moved = await updateShipment(
        manager,
        shipment.id,
        outcome.next === 'DELIVERED' ? `status = $2, delivered_at = $3` : `status = $2`,
        outcome.next === 'DELIVERED' ? [outcome.next, occurredAt] : [outcome.next],
      );
      // A return's stages are its own business: orders and customers follow outbound parcels only.
      if (moved.kind === 'OUTBOUND') {
        const common = {
          shipmentId: moved.id,
          orderId: moved.orderId,
          merchantId: moved.merchantId ?? undefined,
          carrier: moved.carrier,
          trackingNumber: moved.trackingNumber!,
        };
        if (outcome.next === 'IN_TRANSIT')
          await this.outbox.publish(manager, ShipmentInTransit, {
            ...common,
            location: update.location,
            occurredAt: occurredAt.toISOString(),
          });
        if (outcome.next === 'OUT_FOR_DELIVERY')
          await this.outbox.publish(manager, ShipmentOutForDelivery, {
            ...common,
            occurredAt: occurredAt.toISOString(),
          });
        if (outcome.next === 'DELIVERED') {
          await this.outbox.publish(manager, ShipmentDelivered, {
            ...common,
            onTime: occurredAt <= moved.promisedBy,
            promisedBy: moved.promisedBy.toISOString(),
            deliveredAt: occurredAt.toISOString(),
          });
        }
      }
      return { shipmentId: moved.id, status: moved.status, applied: true };
    });
  }
}
