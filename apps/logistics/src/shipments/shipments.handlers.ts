import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  MemberTierChanged,
  MemberTierChangedV1,
  OrderCancelledV2,
  OrderCancelledV2Event,
  OrderConfirmed,
  OrderConfirmedV1,
  ProductPriceChanged,
  ProductPriceChangedV1,
  ReturnApproved,
  ReturnApprovedV1,
  SkuAdded,
  SkuAddedV1,
  StockReserved,
  StockReservedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { MemberTierBenefits } from '../carriers/shipping-benefits';
import { SkuProfiles } from '../carriers/sku-profiles';
import { ReturnsService } from './returns.service';
import { ShipmentIntake } from './shipment-intake.service';

/** Every event logistics consumes, in one place; each handler only hands over to a service or a read model. */
@Controller()
export class ShipmentsHandlers {
  constructor(
    private readonly intake: ShipmentIntake,
    private readonly returns: ReturnsService,
  ) {}

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() event: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await SkuProfiles.remember(event, manager);
  }

  @EventPattern(ProductPriceChanged.type)
  async onPriceChanged(
    @Payload() event: DomainEvent<ProductPriceChangedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await SkuProfiles.rememberPrice(event, manager);
  }

  @EventPattern(MemberTierChanged.type)
  async onMemberTierChanged(
    @Payload() event: DomainEvent<MemberTierChangedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await MemberTierBenefits.remember(event, manager);
  }

  @EventPattern(StockReserved.type)
  async onStockReserved(
    @Payload() event: DomainEvent<StockReservedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.intake.onStockReserved(event, manager);
  }

  @EventPattern(OrderConfirmed.type)
  async onOrderConfirmed(
    @Payload() event: DomainEvent<OrderConfirmedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.intake.onOrderConfirmed(event, manager);
  }

  /** v2 (open reason): orders publishes v1 beside it while v1 subscribers migrate; the consumer skips the v1 copy. */
  @EventPattern(OrderCancelledV2Event.type)
  async onOrderCancelled(
    @Payload() event: DomainEvent<OrderCancelledV2>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.intake.onOrderCancelled(event, manager);
  }

  @EventPattern(ReturnApproved.type)
  async onReturnApproved(
    @Payload() event: DomainEvent<ReturnApprovedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.returns.onReturnApproved(event, manager);
  }
}
