import { Module } from '@nestjs/common';
import { OrderDeadlines } from './order-deadlines';
import { OrdersController } from './orders.controller';
import { OrdersHandlers } from './orders.handlers';
import { OrdersService } from './orders.service';

@Module({
  controllers: [OrdersController],
  providers: [OrdersService, OrdersHandlers, OrderDeadlines],
})
export class OrdersModule {}
