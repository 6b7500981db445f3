import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DeliveryOption } from '@emporium/contracts';
import { DomainError, SERVICE_CONFIG } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import type { LogisticsConfig } from '../config';
import { CarrierChoice, chooseCarrier } from './carrier-choice';
import { measureParcel, ParcelItem, ParcelMeasure } from './parcel';
import { RateTable } from './rate-table';
import { ShippingBenefitsPort } from './shipping-benefits';

export class NoCarrierError extends DomainError {
  constructor(zone: string, chargeableHint: number) {
    super(
      'NO_CARRIER_FOR_PARCEL',
      `no active carrier serves zone ${zone} for a parcel of ${chargeableHint} g`,
      HttpStatus.UNPROCESSABLE_ENTITY,
      { zone },
    );
  }
}

export interface SkuProfile {
  sku: string;
  merchantId: string;
  weightGrams: number;
  dimensionsMm: { lengthMm: number; widthMm: number; heightMm: number };
  /** Catalog's price, minor units (unknown for SKUs announced before logistics kept prices). */
  price?: number;
}

/** The one path from lines to a priced carrier choice: quotes and shipments both use it, so they agree. */
@Injectable()
export class ShippingPlanner {
  constructor(
    private readonly rates: RateTable,
    private readonly benefits: ShippingBenefitsPort,
    @Inject(SERVICE_CONFIG) private readonly config: LogisticsConfig,
  ) {}

  async profiles(manager: EntityManager, skus: string[]): Promise<Map<string, SkuProfile>> {
    const rows: {
      sku: string;
      merchant_id: string;
      weight_grams: number;
      length_mm: number;
      width_mm: number;
      height_mm: number;
      price: number | null;
    }[] = await manager.query(
      `SELECT sku, merchant_id, weight_grams, length_mm, width_mm, height_mm, price FROM sku_profiles WHERE sku = ANY($1)`,
      [skus],
    );
    return new Map(
      rows.map((row) => [
        row.sku,
        {
          sku: row.sku,
          merchantId: row.merchant_id,
          weightGrams: row.weight_grams,
          dimensionsMm: { lengthMm: row.length_mm, widthMm: row.width_mm, heightMm: row.height_mm },
          price: row.price ?? undefined,
        },
      ]),
    );
  }

  /** A SKU catalog never announced weighs the configured default and adds no volume. */
  parcelOf(lines: { sku: string; quantity: number }[], profiles: Map<string, SkuProfile>): ParcelMeasure {
    const items: ParcelItem[] = lines.map((line) => {
      const profile = profiles.get(line.sku);
      return profile
        ? { quantity: line.quantity, weightGrams: profile.weightGrams, dimensionsMm: profile.dimensionsMm }
        : { quantity: line.quantity, weightGrams: this.config.DEFAULT_ITEM_WEIGHT_GRAMS };
    });
    return measureParcel(items);
  }

  /** `goodsValue` (minor units, after discounts) decides a member's free shipping; without it nothing is free. */
  /** The goods value of lines at catalog's prices; undefined when a price is unknown (then nothing ships free). */
  goodsValueOf(lines: { sku: string; quantity: number }[], profiles: Map<string, SkuProfile>): number | undefined {
    let total = 0;
    for (const line of lines) {
      const price = profiles.get(line.sku)?.price;
      if (price === undefined) return undefined;
      total += price * line.quantity;
    }
    return total;
  }

  async choose(
    manager: EntityManager,
    input: { parcel: ParcelMeasure; zone: string; option: DeliveryOption; customerId?: string; goodsValue?: number },
  ): Promise<CarrierChoice> {
    // One after another: inside a transaction the three share one connection, and pg only queues (and
    // deprecates) queries sent to a connection that is still answering another.
    const offers = await this.rates.offers(manager, input.zone);
    const promises = await this.rates.promises(manager, input.zone);
    const benefits = await this.benefits.benefitsFor(manager, input.customerId, input.goodsValue);
    const choice = promises
      ? chooseCarrier({ parcel: input.parcel, option: input.option, promises, offers, benefits })
      : undefined;
    if (!choice) throw new NoCarrierError(input.zone, input.parcel.actualGrams);
    return choice;
  }
}
