import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CompensationRequested,
  CompensationRequestedV1,
  DomainEvent,
  OrderCancelledV2,
  OrderCancelledV2Event,
  OrderCompleted,
  OrderCompletedV1,
  OrderPlaced,
  OrderPlacedV1,
  OrderRefunded,
  OrderRefundedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { ReadModelsService } from '../read-models/read-models.service';
import { CouponsService } from './coupons.service';
import { RedemptionService } from './redemption.service';

/** orders' events (redemption, restoration, order history) and customer-service's compensation requests. */
@Controller()
export class CouponsHandlers {
  constructor(
    private readonly redemption: RedemptionService,
    private readonly coupons: CouponsService,
    private readonly readModels: ReadModelsService,
  ) {}

  @EventPattern(OrderPlaced.type)
  async onOrderPlaced(@Payload() event: DomainEvent<OrderPlacedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.readModels.onOrderPlaced(event, manager);
    await this.redemption.onOrderPlaced(event, manager);
  }

  // v2 only: the consumer skips the v1 copy orders still publishes beside it.
  @EventPattern(OrderCancelledV2Event.type)
  async onOrderCancelled(
    @Payload() event: DomainEvent<OrderCancelledV2>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onOrderCancelled(event, manager);
    await this.redemption.onOrderCancelled(event, manager);
  }

  @EventPattern(OrderCompleted.type)
  async onOrderCompleted(
    @Payload() event: DomainEvent<OrderCompletedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onOrderCompleted(event, manager);
  }

  @EventPattern(OrderRefunded.type)
  async onOrderRefunded(
    @Payload() event: DomainEvent<OrderRefundedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onOrderRefunded(event, manager);
    await this.redemption.onOrderRefunded(event, manager);
  }

  @EventPattern(CompensationRequested.type)
  async onCompensationRequested(
    @Payload() event: DomainEvent<CompensationRequestedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.coupons.onCompensationRequested(event, manager);
  }
}
