import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  OrderCompleted,
  OrderCompletedV1,
  ReturnApproved,
  ReturnApprovedV1,
  ReviewPublished,
  ReviewPublishedV1,
  ShipmentDelayed,
  ShipmentDelayedV1,
  TicketOpened,
  TicketOpenedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { CredibilityFacts } from './credibility-facts.service';

/** Facts from other services that move a merchant's credibility score. */
@Controller()
export class MerchantsHandlers {
  constructor(private readonly credibility: CredibilityFacts) {}

  /** Completed orders are the denominator of the complaint, late-shipment and return rates. */
  @EventPattern(OrderCompleted.type)
  async onOrderCompleted(
    @Payload() event: DomainEvent<OrderCompletedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    for (const merchantId of new Set(event.data.lines.map((line) => line.merchantId))) {
      await this.credibility.recordFact(
        { merchantId, kind: 'COMPLETED_ORDER', sourceId: event.data.orderId, occurredAt: event.data.completedAt },
        manager,
        event.metadata,
      );
    }
  }

  @EventPattern(TicketOpened.type)
  async onTicketOpened(@Payload() event: DomainEvent<TicketOpenedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    const { kind, merchantId, ticketId, openedAt } = event.data;
    if (kind !== 'COMPLAINT' || !merchantId) return;
    await this.credibility.recordFact(
      { merchantId, kind: 'COMPLAINT', sourceId: ticketId, occurredAt: openedAt },
      manager,
      event.metadata,
    );
  }

  /** A late hand-over to the carrier is the merchant's doing; a late delivery is the carrier's. */
  @EventPattern(ShipmentDelayed.type)
  async onShipmentDelayed(
    @Payload() event: DomainEvent<ShipmentDelayedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    if (event.data.stage !== 'DISPATCH') return;
    await this.credibility.recordFact(
      {
        merchantId: event.data.merchantId,
        kind: 'LATE_SHIPMENT',
        sourceId: event.data.shipmentId,
        occurredAt: event.data.detectedAt,
      },
      manager,
      event.metadata,
    );
  }

  @EventPattern(ReturnApproved.type)
  async onReturnApproved(
    @Payload() event: DomainEvent<ReturnApprovedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.credibility.recordFact(
      {
        merchantId: event.data.merchantId,
        kind: 'RETURN',
        sourceId: event.data.returnId,
        occurredAt: event.data.approvedAt,
      },
      manager,
      event.metadata,
    );
  }

  @EventPattern(ReviewPublished.type)
  async onReviewPublished(
    @Payload() event: DomainEvent<ReviewPublishedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const { merchantId, reviewId, publishedAt, rating } = event.data;
    await this.credibility.recordFact(
      { merchantId, kind: 'REVIEW', sourceId: reviewId, occurredAt: publishedAt, rating },
      manager,
      event.metadata,
    );
  }
}
