import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  OrderCancelledV2,
  OrderCancelledV2Event,
  OrderCompleted,
  OrderCompletedV1,
  OrderConfirmed,
  OrderConfirmedV1,
  OrderPlaced,
  OrderPlacedV1,
  OrderRefunded,
  OrderRefundedV1,
  ReviewPublished,
  ReviewPublishedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { RewardsService } from '../rewards/rewards.service';
import { PointHolds } from './point-holds.service';
import { PointsEarning } from './points-earning.service';

/** Every event membership consumes, in one place; each handler only hands over to a service. */
@Controller()
export class PointsHandlers {
  constructor(
    private readonly holds: PointHolds,
    private readonly earning: PointsEarning,
    private readonly rewards: RewardsService,
  ) {}

  @EventPattern(OrderPlaced.type)
  async onOrderPlaced(@Payload() event: DomainEvent<OrderPlacedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.holds.onOrderPlaced(event, manager);
  }

  @EventPattern(OrderConfirmed.type)
  async onOrderConfirmed(
    @Payload() event: DomainEvent<OrderConfirmedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.holds.onOrderConfirmed(event, manager);
  }

  /** v2 only: v1 copies of the same cancellations are skipped by the consumer. */
  @EventPattern(OrderCancelledV2Event.type)
  async onOrderCancelled(
    @Payload() event: DomainEvent<OrderCancelledV2>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.holds.onOrderCancelled(event, manager);
  }

  @EventPattern(OrderCompleted.type)
  async onOrderCompleted(
    @Payload() event: DomainEvent<OrderCompletedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.earning.onOrderCompleted(event, manager);
  }

  @EventPattern(OrderRefunded.type)
  async onOrderRefunded(
    @Payload() event: DomainEvent<OrderRefundedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.earning.onOrderRefunded(event, manager);
  }

  @EventPattern(ReviewPublished.type)
  async onReviewPublished(
    @Payload() event: DomainEvent<ReviewPublishedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.rewards.onReviewPublished(event, manager);
  }
}
