import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  MemberTierChanged,
  MemberTierChangedV1,
  ProductCreated,
  ProductCreatedV1,
  ProductDelisted,
  ProductDelistedV1,
  ProductListed,
  ProductListedV1,
  ProductPriceChanged,
  ProductPriceChangedV1,
  ProductUpdated,
  ProductUpdatedV1,
  SkuAdded,
  SkuAddedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { ReadModelsService } from './read-models.service';

/** catalog's and membership's events, kept as marketing's read models. */
@Controller()
export class ReadModelsHandlers {
  constructor(private readonly readModels: ReadModelsService) {}

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() event: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.readModels.onSkuAdded(event, manager);
  }

  @EventPattern(ProductCreated.type)
  async onProductCreated(
    @Payload() event: DomainEvent<ProductCreatedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onProductCategorised(event.data, manager);
  }

  @EventPattern(ProductUpdated.type)
  async onProductUpdated(
    @Payload() event: DomainEvent<ProductUpdatedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onProductCategorised(event.data, manager);
  }

  @EventPattern(ProductListed.type)
  async onProductListed(
    @Payload() event: DomainEvent<ProductListedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onProductListed(event, manager);
  }

  @EventPattern(ProductPriceChanged.type)
  async onPriceChanged(
    @Payload() event: DomainEvent<ProductPriceChangedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onPriceChanged(event, manager);
  }

  @EventPattern(ProductDelisted.type)
  async onProductDelisted(
    @Payload() event: DomainEvent<ProductDelistedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onProductDelisted(event, manager);
  }

  @EventPattern(MemberTierChanged.type)
  async onTierChanged(
    @Payload() event: DomainEvent<MemberTierChangedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.readModels.onTierChanged(event, manager);
  }
}
