import { Injectable } from '@nestjs/common';
import type { DeliveryOption, ShippingAddressV1 } from '@emporium/contracts';
import { EntityManager } from 'typeorm';
import { CarrierOffer, ServiceLevel } from './carrier-choice';

/** Countries without a row in shipping_zones ship as WORLD. */
export const FALLBACK_ZONE = 'WORLD';

export interface Routing {
  zone: string;
  option: DeliveryOption;
  /** ADDRESS when the order said where and how; DEFAULT when configuration filled a gap. */
  source: 'ADDRESS' | 'DEFAULT';
}

/** Reads what carrier choice needs (offers, promises, zones) from the tables ops manage. */
@Injectable()
export class RateTable {
  async zoneOf(
    manager: EntityManager,
    address: ShippingAddressV1 | undefined,
    defaultZone: string,
  ): Promise<{ zone: string; fromAddress: boolean }> {
    if (!address) return { zone: defaultZone, fromAddress: false };
    const [row] = await manager.query(`SELECT zone FROM shipping_zones WHERE country = $1`, [
      address.country.toUpperCase(),
    ]);
    return { zone: row?.zone ?? FALLBACK_ZONE, fromAddress: true };
  }

  async offers(manager: EntityManager, zone: string): Promise<CarrierOffer[]> {
    const rows: {
      carrier_code: string;
      service_level: ServiceLevel;
      promised_days: number;
      volumetric_divisor: number;
      currency: string;
      rates: { maxWeightGrams: number; price: number }[];
    }[] = await manager.query(
      `SELECT s.carrier_code, s.service_level, s.promised_days, c.volumetric_divisor, c.currency,
                json_agg(json_build_object('maxWeightGrams', r.max_weight_grams, 'price', r.price) ORDER BY r.max_weight_grams) AS rates
           FROM carrier_services s
           JOIN carriers c ON c.code = s.carrier_code AND c.active
           JOIN rate_cards r USING (carrier_code, service_level, zone)
          WHERE s.zone = $1
          GROUP BY s.carrier_code, s.service_level, s.promised_days, c.volumetric_divisor, c.currency`,
      [zone],
    );
    return rows.map((row) => ({
      carrier: row.carrier_code,
      serviceLevel: row.service_level,
      promisedDays: row.promised_days,
      volumetricDivisor: row.volumetric_divisor,
      currency: row.currency.trim(),
      rates: row.rates,
    }));
  }

  async promises(manager: EntityManager, zone: string): Promise<Record<DeliveryOption, number> | undefined> {
    const rows: { delivery_option: DeliveryOption; promised_days: number }[] = await manager.query(
      `SELECT delivery_option, promised_days FROM delivery_promises WHERE zone = $1`,
      [zone],
    );
    const promises = Object.fromEntries(rows.map((row) => [row.delivery_option, row.promised_days])) as Record<
      DeliveryOption,
      number
    >;
    return promises.STANDARD && promises.EXPRESS ? promises : undefined;
  }
}
