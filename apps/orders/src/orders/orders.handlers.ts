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

  /** Batched: a chunk of answers confirms its orders in a few statements. */
  @EventPattern(StockReserved.type, { batch: true })
  async onStockReserved(@Payload() events: DomainEvent<StockReservedV1>[], @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.confirmReserved(events, manager);
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
