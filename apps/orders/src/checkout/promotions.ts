import { callService, DomainError, SERVICE_CONFIG, ServiceCallFailed } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import type { PricedLine } from '../sellable/sellable-skus';
import { serviceToken } from './service-token';

export interface PromotionsRequest {
  customerId: string;
  currency: string;
  lines: { sku: string; quantity: number }[];
  couponCodes?: string[];
  shippingFee: number;
}

/** marketing's `POST /quotes` answer (docs/architecture.md; the contract in notes/JOURNEY-CONTRACT). */
export interface PromotionsQuote {
  quoteId: string;
  currency: string;
  lines: { sku: string; quantity: number; unitPrice: number; lineTotal: number; discount: number }[];
  subtotal: number;
  discountTotal: number;
  shippingFee: number;
  shippingDiscount: number;
  total: number;
  couponCodes: string[];
}

/** The port: what promotions and coupons take off a cart. */
export abstract class Promotions {
  /** undefined: no promotions engine (orders tested alone), the order is priced without discounts. */
  abstract quote(request: PromotionsRequest): Promise<PromotionsQuote | undefined>;
}

export class PromotionsUnavailableError extends DomainError {
  constructor(detail: string) {
    super('PROMOTIONS_UNAVAILABLE', `promotions cannot be applied right now (${detail}); try again shortly`, 503);
  }
}

/** The two read models of catalog (orders' and marketing's) disagree for a moment: the customer retries. */
export class PriceDisagreementError extends DomainError {
  constructor(sku: string, ours: number, theirs: number) {
    super(
      'PRICE_DISAGREEMENT',
      `${sku} is ${ours} here but ${theirs} in the promotions quote; prices are changing, try again`,
      409,
    );
  }
}

/**
 * marketing's `POST /quotes` as the `service` role, with a timeout. Its 422 (an unknown coupon, naming
 * `couponCodes[i]`) is passed on; a timeout, a refused connection or a 5xx is a 503 and nothing is written.
 */
export class HttpPromotions extends Promotions {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly token: () => string,
  ) {
    super();
  }

  async quote(request: PromotionsRequest): Promise<PromotionsQuote> {
    const response = await callService({
      method: 'POST',
      baseUrl: this.baseUrl,
      path: '/quotes',
      token: this.token(),
      body: request,
      timeoutMs: this.timeoutMs,
    }).catch((error: ServiceCallFailed) => {
      throw new PromotionsUnavailableError(
        error.reason === 'timeout' ? `no answer within ${this.timeoutMs} ms` : 'marketing unreachable',
      );
    });
    const body = response.body;
    if (response.status === 200 || response.status === 201) return body as unknown as PromotionsQuote;
    if (response.status === 422) {
      throw new DomainError(
        String(body.code ?? 'PROMOTION_REFUSED'),
        `marketing refused the quote: ${String(body.detail ?? '')}`,
        422,
        body.errors ? { errors: body.errors } : {},
      );
    }
    throw new PromotionsUnavailableError(`marketing answered ${response.status}`);
  }
}

/** Without MARKETING_URL: no promotions and no coupons (documented); the platform sets it. */
export class NoPromotions extends Promotions {
  async quote(): Promise<undefined> {
    return undefined;
  }
}

export const promotionsProvider = {
  provide: Promotions,
  inject: [SERVICE_CONFIG],
  useFactory: (config: OrdersConfig): Promotions =>
    config.MARKETING_URL
      ? new HttpPromotions(config.MARKETING_URL, config.MARKETING_TIMEOUT_MS, serviceToken(config))
      : new NoPromotions(),
};

/**
 * The discounts of a quote on orders' own priced lines. A quote price that differs from ours is a 409
 * (never trust either silently). The shipping discount is taken off the fee the customer pays.
 */
export function applyQuote(lines: PricedLine[], shippingFee: number, quote: PromotionsQuote | undefined) {
  if (!quote)
    return {
      lines: lines.map((line) => ({ ...line, discount: 0 })),
      shippingFee,
      quoteId: undefined,
      couponCodes: undefined,
    };
  const discounted = lines.map((line) => {
    const quoted = quote.lines.find((q) => q.sku === line.sku);
    if (!quoted || quoted.unitPrice !== line.unitPrice)
      throw new PriceDisagreementError(line.sku, line.unitPrice, quoted?.unitPrice ?? -1);
    return { ...line, discount: Math.min(quoted.discount, line.unitPrice * line.quantity) };
  });
  return {
    lines: discounted,
    shippingFee: Math.max(0, shippingFee - quote.shippingDiscount),
    quoteId: quote.quoteId,
    couponCodes: quote.couponCodes.length > 0 ? quote.couponCodes : undefined,
  };
}
