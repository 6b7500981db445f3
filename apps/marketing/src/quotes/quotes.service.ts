import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DomainError, ownerScope, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { MarketingConfig } from '../config';
import { couponRefusal, CouponRow } from '../coupons/coupon-view';
import { CartLine, Promotion, priceCart } from '../promotions/engine';
import { PromotionRow, promotionOf } from '../promotions/promotion-rules';
import { PromotionsService } from '../promotions/promotions.service';
import { ReadModelsService } from '../read-models/read-models.service';
import { QuoteRequestDto } from './dto/quote-request.dto';
import { signQuote } from './quote-token';

type FieldError = { field: string; message: string };

function unprocessable(code: string, message: string, errors: FieldError[]): DomainError {
  return new DomainError(code, message, HttpStatus.UNPROCESSABLE_ENTITY, { errors });
}

@Injectable()
export class QuotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModelsService,
    private readonly promotions: PromotionsService,
    @Inject(SERVICE_CONFIG) private readonly config: MarketingConfig,
  ) {}

  /**
   * Prices a cart: prices from the catalog read model, the customer's facts from the tier and order-history
   * read models, every live promotion plus the ones the coupons unlock. Stores nothing: the quote id is the
   * signed answer, verified when the order is placed.
   */
  async quote(request: QuoteRequestDto, principal: Principal) {
    // A customer quotes for itself whatever the body says; a service names the customer.
    const customerId = ownerScope(principal, 'customer') ?? request.customerId;
    const now = new Date();
    const codes = (request.couponCodes ?? []).map((code) => code.toUpperCase());
    const duplicates = codes.flatMap((code, i) =>
      codes.indexOf(code) !== i ? [{ field: `couponCodes.${i}`, message: `${code} is given twice` }] : [],
    );
    if (duplicates.length > 0) throw unprocessable('DUPLICATE_COUPON', 'a coupon code is given twice', duplicates);

    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const known = await this.readModels.skus(
        manager,
        request.lines.map((line) => line.sku),
      );
      const lineErrors = request.lines.flatMap((line, i): FieldError[] => {
        const sku = known.get(line.sku);
        if (!sku)
          return [
            {
              field: `lines.${i}.sku`,
              message: `${line.sku} is not a SKU marketing knows (catalog never announced it)`,
            },
          ];
        if (!sku.sellable) return [{ field: `lines.${i}.sku`, message: `${line.sku} is delisted` }];
        if (sku.currency !== request.currency)
          return [
            { field: `lines.${i}.sku`, message: `${line.sku} is priced in ${sku.currency}, not ${request.currency}` },
          ];
        return [];
      });
      if (lineErrors.length > 0) throw unprocessable('UNKNOWN_SKU', 'some lines cannot be priced', lineErrors);
      const cart: CartLine[] = request.lines.map((line) => {
        const sku = known.get(line.sku)!;
        return {
          sku: line.sku,
          quantity: line.quantity,
          unitPrice: sku.price,
          merchantId: sku.merchantId,
          categories: sku.categories,
        };
      });

      const live = await this.promotions.live(manager, request.currency);
      const unlocked = await this.couponPromotions(manager, codes, request.currency, customerId, now);
      const rows = [...live, ...unlocked.map((entry) => entry.row)];
      const promotions: Promotion[] = [
        ...live.map((row) => promotionOf(row)),
        ...unlocked.map((entry) => promotionOf(entry.row, entry.code)),
      ];
      // One connection: its queries run one after the other anyway.
      const customer = await this.readModels.customerFacts(manager, customerId, now);
      const flashUnitsAvailable = await this.flashRoom(manager, rows, customerId);

      const priced = priceCart(
        { currency: request.currency, lines: cart, shippingFee: request.shippingFee },
        promotions,
        { now, customer, flashUnitsAvailable },
      );
      // A code whose promotion did not make the best price would be counted for nothing: say so instead.
      const unused = codes.flatMap((code, i) =>
        priced.promotions.some((applied) => applied.couponCode === code)
          ? []
          : [{ field: `couponCodes.${i}`, message: `${code} does not lower this cart's price` }],
      );
      if (unused.length > 0)
        throw unprocessable('COUPON_NOT_APPLICABLE', 'a coupon does not apply to this cart', unused);

      const expiresAt = new Date(now.getTime() + this.config.QUOTE_TTL_SECONDS * 1000);
      const quoteId = signQuote(this.config.QUOTE_SIGNING_SECRET, {
        u: customerId ?? null,
        cur: request.currency,
        exp: expiresAt.getTime(),
        codes,
        dt: priced.discountTotal + priced.shippingDiscount,
        p: priced.promotions.map((applied) => ({
          id: applied.promotionId,
          d: applied.discount + applied.shippingDiscount,
          f: applied.flashUnits,
          ...(applied.couponCode ? { c: applied.couponCode } : {}),
        })),
      });
      return {
        quoteId,
        expiresAt: expiresAt.toISOString(),
        currency: priced.currency,
        lines: priced.lines,
        subtotal: priced.subtotal,
        discountTotal: priced.discountTotal,
        shippingFee: priced.shippingFee,
        shippingDiscount: priced.shippingDiscount,
        total: priced.total,
        couponCodes: codes,
        promotions: priced.promotions.map((applied) => ({
          promotionId: applied.promotionId,
          name: applied.name,
          discount: applied.discount + applied.shippingDiscount,
          couponCode: applied.couponCode,
        })),
      };
    });
  }

  /** The promotions the codes unlock; an unknown or unusable code is a 422 naming `couponCodes.<i>`. */
  private async couponPromotions(
    manager: EntityManager,
    codes: string[],
    currency: string,
    customerId: string | undefined,
    now: Date,
  ) {
    if (codes.length === 0) return [];
    const rows: (CouponRow & { promotion: PromotionRow; campaign_status: string | null; mine: number })[] =
      await manager.query(
        `SELECT c.*, to_jsonb(p) AS promotion, k.status AS campaign_status, coalesce(u.redeemed, 0) AS mine
         FROM coupons c JOIN promotions p ON p.id = c.promotion_id LEFT JOIN campaigns k ON k.id = p.campaign_id
         LEFT JOIN coupon_customers u ON u.code = c.code AND u.customer_id = $2
        WHERE c.code = ANY($1)`,
        [codes, customerId ?? null],
      );
    const errors: FieldError[] = [];
    const found: { code: string; row: PromotionRow }[] = [];
    codes.forEach((code, i) => {
      const row = rows.find((candidate) => candidate.code === code);
      const field = `couponCodes.${i}`;
      if (!row) return errors.push({ field, message: `${code} is not a coupon code` });
      const refusal = couponRefusal(
        {
          ...row,
          valid_from: row.valid_from && new Date(row.valid_from),
          valid_until: row.valid_until && new Date(row.valid_until),
        },
        customerId,
        now,
      );
      if (refusal) return errors.push({ field, message: `${code} cannot be used: ${refusal}` });
      if (row.total_cap !== null && row.redeemed >= row.total_cap)
        return errors.push({ field, message: `${code} cannot be used: TOTAL_CAP_REACHED` });
      if (row.per_customer_cap !== null && row.mine >= row.per_customer_cap)
        return errors.push({ field, message: `${code} cannot be used: CUSTOMER_CAP_REACHED` });
      const promotion = row.promotion;
      if (promotion.status !== 'ACTIVE' || (row.campaign_status && row.campaign_status !== 'ACTIVE'))
        return errors.push({ field, message: `${code} cannot be used: its promotion has ended` });
      if (promotion.currency.trim() !== currency)
        return errors.push({ field, message: `${code} is for carts in ${promotion.currency.trim()}` });
      found.push({
        code,
        row: {
          ...promotion,
          starts_at: promotion.starts_at && new Date(promotion.starts_at),
          ends_at: promotion.ends_at && new Date(promotion.ends_at),
        },
      });
    });
    if (errors.length > 0) throw unprocessable('UNKNOWN_COUPON', 'some coupon codes cannot be used', errors);
    return found;
  }

  /** Flash-sale units still to be had by this customer: min(total left, the customer's room). Redemption decides for good. */
  private async flashRoom(
    manager: EntityManager,
    rows: PromotionRow[],
    customerId: string | undefined,
  ): Promise<Record<string, number>> {
    const flash = rows.filter((row) => row.rule.type === 'FLASH_SALE');
    if (flash.length === 0) return {};
    const bought: { promotion_id: string; units: number }[] = customerId
      ? await manager.query(
          `SELECT promotion_id, units FROM flash_sale_buyers WHERE customer_id = $1 AND promotion_id = ANY($2)`,
          [customerId, flash.map((row) => row.id)],
        )
      : [];
    return Object.fromEntries(
      flash.map((row) => {
        const rule = row.rule as { totalCap: number; perCustomerCap: number };
        const mine = bought.find((entry) => entry.promotion_id === row.id)?.units ?? 0;
        return [row.id, Math.max(0, Math.min(rule.totalCap - row.flash_sold, rule.perCustomerCap - mine))];
      }),
    );
  }
}
