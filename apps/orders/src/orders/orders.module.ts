import { Module } from '@nestjs/common';
import { OrderDeadlines } from './order-deadlines';
import { OrdersController } from './orders.controller';
import { OrdersHandlers } from './orders.handlers';
import { OrdersService } from './orders.service';

@Module({
  controllers: [OrdersHandlers, OrdersController],
  providers: [OrdersService, OrderDeadlines],
})
export class OrdersModule {}
