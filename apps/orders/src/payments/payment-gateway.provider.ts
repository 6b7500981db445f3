import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource } from 'typeorm';
import type { OrdersConfig } from '../config';
import { PaymentGateway } from './payment-gateway';
import { SandboxPaymentGateway } from './sandbox-payment-gateway';

/** The sandbox is the only adapter in the project; a real provider's adapter implements the same port. */
export const paymentGatewayProvider = {
  provide: PaymentGateway,
  inject: [DataSource, SERVICE_CONFIG],
  useFactory: (dataSource: DataSource, config: OrdersConfig): PaymentGateway =>
    new SandboxPaymentGateway(dataSource, config.PAYMENT_GATEWAY_TIMEOUT_MS * 3),
};
