import { DeliveryOption, ShippingAddressV1 } from '@emporium/contracts';
import { callService, DomainError, SERVICE_CONFIG, ServiceCallFailed } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import { serviceToken } from './service-token';

export interface ShippingQuoteRequest {
  customerId: string;
  shippingAddress: ShippingAddressV1;
  deliveryOption: DeliveryOption;
  lines: { sku: string; quantity: number }[];
}

/** What logistics will charge; `quoteId` absent when no logistics priced it (see NoShippingQuotes). */
export interface ShippingQuote {
  quoteId?: string;
  fee: number;
  currency?: string;
}

/** The port: the fee the customer pays is the one logistics will charge (docs/architecture.md). */
export abstract class ShippingQuotes {
  abstract quote(request: ShippingQuoteRequest): Promise<ShippingQuote>;
}

export class ShippingUnavailableError extends DomainError {
  constructor(detail: string) {
    super('SHIPPING_UNAVAILABLE', `shipping cannot be priced right now (${detail}); try again shortly`, 503);
  }
}

/**
 * `POST /shipping-quotes` on logistics, as the `service` role, with a timeout: the customer is waiting.
 * logistics' 422 (a SKU it cannot ship, no carrier for the parcel) is passed on as a 422; anything else
 * (timeout, refused connection, 5xx) is a 503 and nothing is written.
 */
export class HttpShippingQuotes extends ShippingQuotes {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly token: () => string,
  ) {
    super();
  }

  async quote(request: ShippingQuoteRequest): Promise<ShippingQuote> {
    const response = await callService({
      method: 'POST',
      baseUrl: this.baseUrl,
      path: '/shipping-quotes',
      token: this.token(),
      body: request,
      timeoutMs: this.timeoutMs,
    }).catch((error: ServiceCallFailed) => {
      throw new ShippingUnavailableError(
        error.reason === 'timeout' ? `no answer within ${this.timeoutMs} ms` : 'logistics unreachable',
      );
    });
    const body = response.body;
    if (response.status === 201 || response.status === 200) {
      return { quoteId: String(body.id), fee: Number(body.fee), currency: String(body.currency) };
    }
    if (response.status === 422) {
      throw new DomainError(
        String(body.code ?? 'SHIPPING_NOT_POSSIBLE'),
        `logistics cannot ship this order: ${String(body.detail ?? '')}`,
        422,
        body.errors ? { errors: body.errors } : {},
      );
    }
    throw new ShippingUnavailableError(`logistics answered ${response.status}`);
  }
}

/**
 * Without LOGISTICS_URL (orders tested alone): no fee and no quote id. logistics then prices the shipment
 * itself when the order is confirmed; the platform always sets LOGISTICS_URL, so customers never see this.
 */
export class NoShippingQuotes extends ShippingQuotes {
  async quote(): Promise<ShippingQuote> {
    return { fee: 0 };
  }
}

export const shippingQuotesProvider = {
  provide: ShippingQuotes,
  inject: [SERVICE_CONFIG],
  useFactory: (config: OrdersConfig): ShippingQuotes =>
    config.LOGISTICS_URL
      ? new HttpShippingQuotes(config.LOGISTICS_URL, config.LOGISTICS_TIMEOUT_MS, serviceToken(config))
      : new NoShippingQuotes(),
};
