import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  MerchantApproved,
  MerchantApprovedV1,
  MerchantRegistered,
  MerchantRegisteredV1,
  MerchantReinstated,
  MerchantReinstatedV1,
  MerchantRejected,
  MerchantRejectedV1,
  MerchantSuspended,
  MerchantSuspendedV1,
  OrderCompleted,
  OrderCompletedV1,
  ReviewPublished,
  ReviewPublishedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { ProductProjections } from './product-projections.service';

/** Read models fed by other services: merchant standing, rating summaries, sales. */
@Controller()
export class ProductsHandlers {
  constructor(private readonly projections: ProductProjections) {}

  @EventPattern(MerchantRegistered.type)
  async onMerchantRegistered(
    @Payload() event: DomainEvent<MerchantRegisteredV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.projections.applyMerchantStatus(event, manager);
  }

  @EventPattern(MerchantApproved.type)
  async onMerchantApproved(
    @Payload() event: DomainEvent<MerchantApprovedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.projections.applyMerchantStatus(event, manager);
  }

  @EventPattern(MerchantRejected.type)
  async onMerchantRejected(
    @Payload() event: DomainEvent<MerchantRejectedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.projections.applyMerchantStatus(event, manager);
  }

  @EventPattern(MerchantSuspended.type)
  async onMerchantSuspended(
    @Payload() event: DomainEvent<MerchantSuspendedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.projections.applyMerchantStatus(event, manager);
  }

  @EventPattern(MerchantReinstated.type)
  async onMerchantReinstated(
    @Payload() event: DomainEvent<MerchantReinstatedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.projections.applyMerchantStatus(event, manager);
  }

  @EventPattern(ReviewPublished.type)
  async onReviewPublished(
    @Payload() event: DomainEvent<ReviewPublishedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.projections.applyReview(event.data, manager);
  }

  @EventPattern(OrderCompleted.type)
  async onOrderCompleted(
    @Payload() event: DomainEvent<OrderCompletedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.projections.applySale(event.data, manager);
  }
}
