import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  StockReservationExpired,
  StockReservationExpiredV1,
  StockReservationFailed,
  StockReservationFailedV1,
  StockReserved,
  StockReservedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { OrdersService } from './orders.service';

@Controller()
export class OrdersHandlers {
  constructor(private readonly orders: OrdersService) {}

  @EventPattern(StockReserved.type)
  async onStockReserved(@Payload() event: DomainEvent<StockReservedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onStockReserved(event, manager);
  }

  @EventPattern(StockReservationFailed.type)
  async onStockReservationFailed(@Payload() event: DomainEvent<StockReservationFailedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onStockReservationFailed(event, manager);
  }

  @EventPattern(StockReservationExpired.type)
  async onStockReservationExpired(@Payload() event: DomainEvent<StockReservationExpiredV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onStockReservationExpired(event, manager);
  }
}
