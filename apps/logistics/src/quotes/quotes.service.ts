import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DomainError, NotFoundError, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ShippingPlanner } from '../carriers/shipping-planner';
import { RateTable } from '../carriers/rate-table';
import type { LogisticsConfig } from '../config';
import { QuoteRequestDto } from './dto/quote-request.dto';

export class UnknownSkuError extends DomainError {
  constructor(fields: { field: string; message: string }[]) {
    super(
      'UNKNOWN_SKU',
      'logistics does not know the weight of some SKUs (catalog never announced them)',
      HttpStatus.UNPROCESSABLE_ENTITY,
      { errors: fields },
    );
  }
}

export interface StoredQuote {
  id: string;
  zone: string;
  deliveryOption: string;
  carrier: string;
  serviceLevel: string;
  chargeableWeightGrams: number;
  carrierCost: number;
  fee: number;
  currency: string;
  promisedDays: number;
  expiresAt: string;
}

@Injectable()
export class QuotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ShippingPlanner,
    private readonly rates: RateTable,
    @Inject(SERVICE_CONFIG) private readonly config: LogisticsConfig,
  ) {}

  /**
   * Prices the whole order as one parcel and stores the answer. orders puts the quote id and fee on its
   * events; when the shipments are created logistics charges exactly this stored fee (split over the
   * parcels), whatever the rate cards say by then.
   */
  async quote(request: QuoteRequestDto, principal: Principal) {
    const customerId = onlyCustomer(principal) ? principal.subject : request.customerId;
    return this.dataSource.transaction(async (manager) => {
      const profiles = await this.planner.profiles(
        manager,
        request.lines.map((line) => line.sku),
      );
      const unknown = request.lines.flatMap((line, i) =>
        profiles.has(line.sku)
          ? []
          : [{ field: `lines.${i}.sku`, message: `${line.sku} is not a SKU logistics knows` }],
      );
      if (unknown.length > 0) throw new UnknownSkuError(unknown);
      const { zone } = await this.rates.zoneOf(manager, request.shippingAddress, this.config.DEFAULT_SHIPPING_ZONE);
      const goodsValue = this.planner.goodsValueOf(request.lines, profiles);
      const choice = await this.planner.choose(manager, {
        parcel: this.planner.parcelOf(request.lines, profiles),
        zone,
        option: request.deliveryOption,
        customerId,
        goodsValue,
      });
      const id = randomUUID();
      const expiresAt = new Date(Date.now() + this.config.SHIPPING_QUOTE_TTL_SECONDS * 1000);
      await manager.query(
        `INSERT INTO shipping_quotes (id, customer_id, zone, delivery_option, carrier_code, service_level, chargeable_weight_grams, carrier_cost, fee, currency, promised_days, request, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          id,
          customerId ?? null,
          zone,
          request.deliveryOption,
          choice.carrier,
          choice.serviceLevel,
          choice.chargeableWeightGrams,
          choice.carrierCost,
          choice.fee,
          choice.currency,
          choice.promisedDays,
          request,
          expiresAt,
        ],
      );
      return {
        id,
        zone,
        deliveryOption: request.deliveryOption,
        carrier: choice.carrier,
        serviceLevel: choice.serviceLevel,
        promisedDays: choice.promisedDays,
        promiseMet: choice.promiseMet,
        chargeableWeightGrams: choice.chargeableWeightGrams,
        fee: choice.fee,
        currency: choice.currency,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  async get(id: string): Promise<StoredQuote> {
    const quote = await this.find(this.dataSource.manager, id);
    if (!quote) throw new NotFoundError('shipping quote', id);
    return quote;
  }

  async find(manager: EntityManager, id: string): Promise<StoredQuote | undefined> {
    const [row] = await manager.query(`SELECT * FROM shipping_quotes WHERE id = $1`, [id]);
    if (!row) return undefined;
    return {
      id: row.id,
      zone: row.zone,
      deliveryOption: row.delivery_option,
      carrier: row.carrier_code,
      serviceLevel: row.service_level,
      chargeableWeightGrams: row.chargeable_weight_grams,
      carrierCost: row.carrier_cost,
      fee: row.fee,
      currency: row.currency.trim(),
      promisedDays: row.promised_days,
      expiresAt: row.expires_at.toISOString(),
    };
  }
}

function onlyCustomer(principal: Principal): boolean {
  return principal.roles.every((role) => role === 'customer');
}
