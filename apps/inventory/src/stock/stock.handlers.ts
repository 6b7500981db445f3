import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  OrderCancelled,
  OrderCancelledV1,
  OrderConfirmed,
  OrderConfirmedV1,
  OrderPlaced,
  OrderPlacedV1,
  ReturnInspected,
  ReturnInspectedV1,
  ShipmentDispatched,
  ShipmentDispatchedV1,
  SkuAdded,
  SkuAddedV1,
} from '@emporium/contracts';
import { OnEvent } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { ReservationsService } from './reservations.service';
import { StockService } from './stock.service';

@Injectable()
export class StockHandlers {
  constructor(
    private readonly stock: StockService,
    private readonly reservations: ReservationsService,
  ) {}

  @OnEvent(SkuAdded)
  async onSkuAdded(event: DomainEvent<SkuAddedV1>, manager: EntityManager): Promise<void> {
    await this.stock.registerSku(event, manager);
  }

  @OnEvent(OrderPlaced)
  async onOrderPlaced(event: DomainEvent<OrderPlacedV1>, manager: EntityManager): Promise<void> {
    await this.reservations.reserveForOrder(event, manager);
  }

  @OnEvent(OrderConfirmed)
  async onOrderConfirmed(event: DomainEvent<OrderConfirmedV1>, manager: EntityManager): Promise<void> {
    await this.reservations.confirmForOrder(event, manager);
  }

  @OnEvent(OrderCancelled)
  async onOrderCancelled(event: DomainEvent<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    await this.reservations.releaseForOrder(event, manager);
  }

  @OnEvent(ShipmentDispatched)
  async onShipmentDispatched(event: DomainEvent<ShipmentDispatchedV1>, manager: EntityManager): Promise<void> {
    await this.reservations.commitForShipment(event, manager);
  }

  @OnEvent(ReturnInspected)
  async onReturnInspected(event: DomainEvent<ReturnInspectedV1>, manager: EntityManager): Promise<void> {
    await this.stock.receiveReturn(event, manager);
  }
}
