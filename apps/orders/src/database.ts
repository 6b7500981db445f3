import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { Orders1763800002000 } from './migrations/1763800002000-orders';
import { Checkout1763800008000 } from './migrations/1763800008000-checkout';
import { SagaPayments1763800008100 } from './migrations/1763800008100-saga-payments';
import { OrderLine } from './orders/order-line.entity';
import { OrderStatusChange } from './orders/order-status-change.entity';
import { Order } from './orders/order.entity';

export const entities = [Order, OrderLine, OrderStatusChange];
export const migrations = [
  ...messagingMigrations,
  IdempotencyKeysTable1763800000001,
  Orders1763800002000,
  Checkout1763800008000,
  SagaPayments1763800008100,
];
