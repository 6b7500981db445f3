import { Module } from '@nestjs/common';
import { promotionsProvider } from '../checkout/promotions';
import { shippingQuotesProvider } from '../checkout/shipping-quotes';
import { paymentGatewayProvider } from '../payments/payment-gateway.provider';
import { PaymentLedger } from '../payments/payment-ledger';
import { PaymentWebhooksController } from '../payments/payment-webhooks.controller';
import { SellableModule } from '../sellable/sellable.module';
import { OrderCompletions, OrderDeadlines } from './order-deadlines';
import { OrderFulfilment } from './order-fulfilment.service';
import { OrderSaga } from './order-saga.service';
import { OrderTransitions } from './order-transitions';
import { OrdersController } from './orders.controller';
import { OrdersHandlers } from './orders.handlers';
import { OrdersService } from './orders.service';

@Module({
  imports: [SellableModule],
  controllers: [OrdersHandlers, OrdersController, PaymentWebhooksController],
  providers: [
    OrdersService,
    OrderSaga,
    OrderFulfilment,
    OrderTransitions,
    PaymentLedger,
    paymentGatewayProvider,
    shippingQuotesProvider,
    promotionsProvider,
    OrderDeadlines,
    OrderCompletions,
  ],
})
export class OrdersModule {}
