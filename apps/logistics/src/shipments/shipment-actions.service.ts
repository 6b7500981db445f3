import { Injectable } from '@nestjs/common';
import { ShipmentDamaged, ShipmentDispatched, ShipmentLost, ShipmentReturnReceived } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { logisticsMetrics } from './logistics.metrics';
import { IllegalShipmentTransitionError } from './shipment.errors';
import { lockShipment, updateShipment } from './shipment-rows';
import { DISPATCHABLE } from './shipment-status';
import { Shipment, shipmentView } from './shipment.view';

/**
 * What people do to a shipment once it exists: the warehouse dispatches it or receives a return, ops
 * declare it lost or damaged. Each action checks the states it may start from and publishes its event.
 */
@Injectable()
export class ShipmentActions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** The warehouse handed the parcel to the carrier: inventory commits the stock, orders captures payment. */
  async dispatch(id: string) {
    return this.dataSource.transaction(async (manager) => {
      const shipment = await lockShipment(manager, id);
      if (shipment.kind !== 'OUTBOUND' || !DISPATCHABLE.includes(shipment.status))
        throw new IllegalShipmentTransitionError(id, shipment.status, 'be dispatched');
      const dispatched = await updateShipment(manager, id, `status = 'DISPATCHED', dispatched_at = now()`);
      logisticsMetrics.shipments.inc({ status: 'DISPATCHED', carrier: dispatched.carrier, kind: 'OUTBOUND' });
      await this.outbox.publish(manager, ShipmentDispatched, {
        shipmentId: dispatched.id,
        orderId: dispatched.orderId,
        warehouseId: dispatched.warehouseId,
        carrier: dispatched.carrier,
        trackingNumber: dispatched.trackingNumber!,
        lines: dispatched.lines,
        dispatchedAt: dispatched.dispatchedAt!.toISOString(),
      });
      return shipmentView(dispatched);
    });
  }

  /** Ops declare a parcel lost or damaged (carriers can say the same through the webhook). */
  async declareException(id: string, type: 'LOST' | 'DAMAGED', detail: string | undefined) {
    return this.dataSource.transaction(async (manager) => {
      const shipment = await lockShipment(manager, id);
      if (shipment.kind !== 'OUTBOUND' || !['DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'].includes(shipment.status)) {
        throw new IllegalShipmentTransitionError(id, shipment.status, `be declared ${type.toLowerCase()}`);
      }
      const updated = await this.markException(manager, shipment, type, detail, 'OPS', new Date());
      return shipmentView(updated);
    });
  }

  /** Sets LOST or DAMAGED and publishes it; the caller has checked the shipment may take it. */
  async markException(
    manager: EntityManager,
    shipment: Shipment,
    type: 'LOST' | 'DAMAGED',
    detail: string | undefined,
    reportedBy: 'OPS' | 'CARRIER',
    at: Date,
  ): Promise<Shipment> {
    const updated = await updateShipment(
      manager,
      shipment.id,
      `status = $2, exception_at = $3, exception_detail = $4`,
      [type, at, detail ?? null],
    );
    const data = {
      shipmentId: updated.id,
      orderId: updated.orderId,
      merchantId: updated.merchantId ?? undefined,
      carrier: updated.carrier,
      trackingNumber: updated.trackingNumber!,
      lines: updated.lines,
      reportedBy,
      detail,
      reportedAt: at.toISOString(),
    };
    if (type === 'LOST') await this.outbox.publish(manager, ShipmentLost, data);
    else await this.outbox.publish(manager, ShipmentDamaged, data);
    return updated;
  }

  /** A return parcel arrived at the warehouse. */
  async receiveReturn(id: string) {
    return this.dataSource.transaction(async (manager) => {
      const shipment = await lockShipment(manager, id);
      if (
        shipment.kind !== 'RETURN' ||
        !['READY', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'].includes(shipment.status)
      ) {
        throw new IllegalShipmentTransitionError(id, shipment.status, 'be received back');
      }
      const received = await updateShipment(manager, id, `status = 'RECEIVED', received_at = now()`);
      logisticsMetrics.shipments.inc({ status: 'RECEIVED', carrier: received.carrier, kind: 'RETURN' });
      await this.outbox.publish(manager, ShipmentReturnReceived, {
        shipmentId: received.id,
        returnId: received.returnId!,
        orderId: received.orderId,
        customerId: received.customerId!,
        merchantId: received.merchantId!,
        warehouseId: received.warehouseId,
        lines: received.lines,
        receivedAt: received.receivedAt!.toISOString(),
      });
      return shipmentView(received);
    });
  }
}
