import { shippingQuotesProvider } from '../checkout/shipping-quotes';
import { SellableModule } from '../sellable/sellable.module';
import { Module } from '@nestjs/common';
import { OrderDeadlines } from './order-deadlines';
import { OrdersController } from './orders.controller';
import { OrdersHandlers } from './orders.handlers';
import { OrdersService } from './orders.service';

@Module({
  imports: [SellableModule],
  controllers: [OrdersHandlers, OrdersController],
  providers: [OrdersService, OrderDeadlines, shippingQuotesProvider],
})
export class OrdersModule {}
