import { Module } from '@nestjs/common';
import { promotionsProvider } from '../checkout/promotions';
import { shippingQuotesProvider } from '../checkout/shipping-quotes';
import { paymentGatewayProvider } from '../payments/payment-gateway.provider';
import { PaymentCalls } from '../payments/payment-calls';
import { PaymentLedger } from '../payments/payment-ledger';
import { PaymentWebhooksController } from '../payments/payment-webhooks.controller';
import { SellableModule } from '../sellable/sellable.module';
import { OrderCompletions, OrderDeadlines } from './order-deadlines';
import { OrderDelivery } from './order-delivery.service';
import { OrderQueries } from './order-queries.service';
import { OrderRefunds } from './order-refunds.service';
import { OrderRequests } from './order-requests.service';
import { OrderSaga } from './order-saga.service';
import { OrderTransitions } from './order-transitions';
import { OrdersController } from './orders.controller';
import { OrdersHandlers } from './orders.handlers';

@Module({
  imports: [SellableModule],
  controllers: [OrdersHandlers, OrdersController, PaymentWebhooksController],
  providers: [
    OrderRequests,
    OrderQueries,
    OrderSaga,
    OrderDelivery,
    OrderRefunds,
    OrderTransitions,
    PaymentLedger,
    PaymentCalls,
    paymentGatewayProvider,
    shippingQuotesProvider,
    promotionsProvider,
    OrderDeadlines,
    OrderCompletions,
  ],
})
export class OrdersModule {}
