import { Injectable } from '@nestjs/common';
import { DomainEvent, OrderCancelled, OrderCancelledV1, OrderPlaced, OrderPlacedV1 } from '@emporium/contracts';
import { OnEvent } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { StockService } from './stock.service';

@Injectable()
export class StockHandlers {
  constructor(private readonly stock: StockService) {}

  @OnEvent(OrderPlaced)
  async onOrderPlaced(event: DomainEvent<OrderPlacedV1>, manager: EntityManager): Promise<void> {
    await this.stock.reserveForOrder(event, manager);
  }

  @OnEvent(OrderCancelled)
  async onOrderCancelled(event: DomainEvent<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    await this.stock.releaseForOrder(event, manager);
  }
}
