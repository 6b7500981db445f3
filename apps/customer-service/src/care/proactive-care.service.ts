import { Inject, Injectable, Logger } from '@nestjs/common';
import { CompensationRequested } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import type { CustomerServiceConfig } from '../config';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderHistoryService } from '../orders/order-history.service';
import { TicketOpening } from '../tickets/ticket-opening.service';

export type ShipmentExceptionCause = 'SHIPMENT_DELAYED' | 'SHIPMENT_LOST' | 'SHIPMENT_DAMAGED';

export interface ShipmentException {
  cause: ShipmentExceptionCause;
  shipmentId: string;
  orderId: string;
  merchantId?: string;
  detail?: string;
}

const SUBJECTS: Record<ShipmentExceptionCause, string> = {
  SHIPMENT_DELAYED: 'Your parcel is running late',
  SHIPMENT_LOST: 'Your parcel was lost by the carrier',
  SHIPMENT_DAMAGED: 'Your parcel was damaged in transit',
};

/**
 * Proactive care: a delivery exception opens a LOGISTICS ticket for the customer before they have to ask,
 * asks marketing for a compensation coupon and tells the customer, once per shipment and cause (the
 * ticket's source key is unique, and the coupon request and the notice are written only with the ticket).
 */
@Injectable()
export class ProactiveCareService {
  private readonly logger = new Logger(ProactiveCareService.name);

  constructor(
    private readonly orders: OrderHistoryService,
    private readonly tickets: TicketOpening,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsService,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerServiceConfig,
  ) {}

  async onShipmentException(exception: ShipmentException, manager: EntityManager): Promise<void> {
    const order = await this.orders.find(manager, exception.orderId);
    if (!order) {
      // Without orders' confirmation nobody is known to tell: logged for ops, nothing to compensate.
      this.logger.warn({
        msg: 'shipment exception for an order customer-service never heard of',
        orderId: exception.orderId,
        cause: exception.cause,
      });
      return;
    }
    const ticketId = await this.tickets.openInternal(manager, {
      kind: 'LOGISTICS',
      priority: exception.cause === 'SHIPMENT_DELAYED' ? 'HIGH' : 'URGENT',
      customerId: order.customerId,
      orderId: order.orderId,
      merchantId: exception.merchantId,
      subject: SUBJECTS[exception.cause],
      body: `${SUBJECTS[exception.cause]} (shipment ${exception.shipmentId})${exception.detail ? `: ${exception.detail}` : ''}.`,
      source: 'PROACTIVE',
      sourceKey: `${exception.cause}:${exception.shipmentId}`,
    });
    if (!ticketId) return; // this exception was handled already
    await this.outbox.publish(manager, CompensationRequested, {
      ticketId,
      customerId: order.customerId,
      orderId: order.orderId,
      cause: exception.cause,
      amount: this.config.COMPENSATION_AMOUNT,
      currency: order.currency,
      requestedAt: new Date().toISOString(),
    });
    await this.notifications.queue(manager, {
      memberId: order.customerId,
      template: exception.cause,
      dedupeKey: `${exception.cause}:${exception.shipmentId}`,
      data: { orderId: order.orderId, shipmentId: exception.shipmentId, ticketId },
    });
  }
}
