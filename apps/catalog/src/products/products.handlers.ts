import { Injectable } from '@nestjs/common';
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
import { OnEvent } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { ProductsService } from './products.service';

/** Read models fed by other services: merchant standing, rating summaries, sales. */
@Injectable()
export class ProductsHandlers {
  constructor(private readonly products: ProductsService) {}

  @OnEvent(MerchantRegistered)
  async onMerchantRegistered(event: DomainEvent<MerchantRegisteredV1>, manager: EntityManager): Promise<void> {
    await this.products.applyMerchantStatus(event, manager);
  }

  @OnEvent(MerchantApproved)
  async onMerchantApproved(event: DomainEvent<MerchantApprovedV1>, manager: EntityManager): Promise<void> {
    await this.products.applyMerchantStatus(event, manager);
  }

  @OnEvent(MerchantRejected)
  async onMerchantRejected(event: DomainEvent<MerchantRejectedV1>, manager: EntityManager): Promise<void> {
    await this.products.applyMerchantStatus(event, manager);
  }

  @OnEvent(MerchantSuspended)
  async onMerchantSuspended(event: DomainEvent<MerchantSuspendedV1>, manager: EntityManager): Promise<void> {
    await this.products.applyMerchantStatus(event, manager);
  }

  @OnEvent(MerchantReinstated)
  async onMerchantReinstated(event: DomainEvent<MerchantReinstatedV1>, manager: EntityManager): Promise<void> {
    await this.products.applyMerchantStatus(event, manager);
  }

  @OnEvent(ReviewPublished)
  async onReviewPublished(event: DomainEvent<ReviewPublishedV1>, manager: EntityManager): Promise<void> {
    await this.products.applyReview(event.data, manager);
  }

  @OnEvent(OrderCompleted)
  async onOrderCompleted(event: DomainEvent<OrderCompletedV1>, manager: EntityManager): Promise<void> {
    await this.products.applySale(event.data, manager);
  }
}
