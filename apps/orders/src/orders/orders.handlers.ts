import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  StockReservationExpired,
  StockReservationExpiredV1,
  StockReservationFailed,
  StockReservationFailedV1,
  StockReserved,
  StockReservedV1,
} from '@emporium/contracts';
import { OnEvent } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { OrdersService } from './orders.service';

@Injectable()
export class OrdersHandlers {
  constructor(private readonly orders: OrdersService) {}

  @OnEvent(StockReserved)
  async onStockReserved(event: DomainEvent<StockReservedV1>, manager: EntityManager): Promise<void> {
    await this.orders.onStockReserved(event, manager);
  }

  @OnEvent(StockReservationFailed)
  async onStockReservationFailed(event: DomainEvent<StockReservationFailedV1>, manager: EntityManager): Promise<void> {
    await this.orders.onStockReservationFailed(event, manager);
  }

  @OnEvent(StockReservationExpired)
  async onStockReservationExpired(event: DomainEvent<StockReservationExpiredV1>, manager: EntityManager): Promise<void> {
    await this.orders.onStockReservationExpired(event, manager);
  }
}
