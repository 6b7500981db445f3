import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  OrderCancelled,
  OrderCancelledV1,
  OrderConfirmed,
  OrderConfirmedV1,
  ReturnApproved,
  ReturnApprovedV1,
  SkuAdded,
  SkuAddedV1,
  StockReserved,
  StockReservedV1,
} from '@emporium/contracts';
import { OnEvent } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { ReturnsService } from './returns.service';
import { ShipmentsService } from './shipments.service';

/** Every event logistics consumes, in one place; each handler only hands over to a service. */
@Injectable()
export class ShipmentsHandlers {
  constructor(
    private readonly shipments: ShipmentsService,
    private readonly returns: ReturnsService,
  ) {}

  @OnEvent(SkuAdded)
  async onSkuAdded(event: DomainEvent<SkuAddedV1>, manager: EntityManager): Promise<void> {
    await this.shipments.rememberSku(event, manager);
  }

  @OnEvent(StockReserved)
  async onStockReserved(event: DomainEvent<StockReservedV1>, manager: EntityManager): Promise<void> {
    await this.shipments.onStockReserved(event, manager);
  }

  @OnEvent(OrderConfirmed)
  async onOrderConfirmed(event: DomainEvent<OrderConfirmedV1>, manager: EntityManager): Promise<void> {
    await this.shipments.onOrderConfirmed(event, manager);
  }

  @OnEvent(OrderCancelled)
  async onOrderCancelled(event: DomainEvent<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    await this.shipments.onOrderCancelled(event, manager);
  }

  @OnEvent(ReturnApproved)
  async onReturnApproved(event: DomainEvent<ReturnApprovedV1>, manager: EntityManager): Promise<void> {
    await this.returns.onReturnApproved(event, manager);
  }
}
