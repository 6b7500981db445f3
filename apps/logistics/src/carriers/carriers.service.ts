import { Injectable } from '@nestjs/common';
import { InvalidInputException } from '@emporium/platform';
import { DataSource } from 'typeorm';
import { ScorecardQuery } from './dto/scorecard.query';
import { UpsertCarrierDto } from './dto/upsert-carrier.dto';

const CARRIER_CODE = /^[A-Z0-9][A-Z0-9_-]{1,63}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CarrierView {
  code: string;
  name: string;
  active: boolean;
  volumetricDivisor: number;
  currency: string;
  services: {
    serviceLevel: string;
    zone: string;
    promisedDays: number;
    rates: { maxWeightGrams: number; price: number }[];
  }[];
}

@Injectable()
export class CarriersService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<CarrierView[]> {
    const rows = await this.dataSource.query(
      `SELECT c.code, c.name, c.active, c.volumetric_divisor, c.currency,
              coalesce(json_agg(json_build_object('serviceLevel', s.service_level, 'zone', s.zone, 'promisedDays', s.promised_days,
                'rates', (SELECT json_agg(json_build_object('maxWeightGrams', r.max_weight_grams, 'price', r.price) ORDER BY r.max_weight_grams)
                            FROM rate_cards r WHERE r.carrier_code = s.carrier_code AND r.service_level = s.service_level AND r.zone = s.zone))
                ORDER BY s.zone, s.service_level) FILTER (WHERE s.zone IS NOT NULL), '[]') AS services
         FROM carriers c LEFT JOIN carrier_services s ON s.carrier_code = c.code
        GROUP BY c.code ORDER BY c.code`,
    );
    return rows.map(carrierView);
  }

  async get(code: string): Promise<CarrierView | undefined> {
    return (await this.list()).find((carrier) => carrier.code === code);
  }

  /** Replaces the carrier's services and rate cards in one transaction: a quote never sees half a card. */
  async upsert(code: string, request: UpsertCarrierDto): Promise<{ created: boolean; carrier: CarrierView }> {
    if (!CARRIER_CODE.test(code))
      throw new InvalidInputException([
        { field: 'code', message: 'must be 2-64 of A-Z, 0-9, _ and -, starting with a letter or digit' },
      ]);
    validateServices(request);
    const created = await this.dataSource.transaction(async (manager) => {
      const [existing] = await manager.query(`SELECT code FROM carriers WHERE code = $1 FOR UPDATE`, [code]);
      if (!existing && !request.webhookSecret)
        throw new InvalidInputException([{ field: 'webhookSecret', message: 'is required for a new carrier' }]);
      await manager.query(
        `INSERT INTO carriers (code, name, active, volumetric_divisor, currency, webhook_secret) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET name = $2, active = $3, volumetric_divisor = $4, currency = $5,
           webhook_secret = coalesce($7, carriers.webhook_secret), updated_at = now()`,
        [
          code,
          request.name,
          request.active ?? true,
          request.volumetricDivisor,
          request.currency,
          request.webhookSecret ?? '',
          request.webhookSecret ?? null,
        ],
      );
      await manager.query(`DELETE FROM carrier_services WHERE carrier_code = $1`, [code]);
      for (const service of request.services) {
        await manager.query(
          `INSERT INTO carrier_services (carrier_code, service_level, zone, promised_days) VALUES ($1, $2, $3, $4)`,
          [code, service.serviceLevel, service.zone, service.promisedDays],
        );
        await manager.query(
          `INSERT INTO rate_cards (carrier_code, service_level, zone, max_weight_grams, price) SELECT $1, $2, $3, unnest($4::int[]), unnest($5::int[])`,
          [
            code,
            service.serviceLevel,
            service.zone,
            service.rates.map((rate) => rate.maxWeightGrams),
            service.rates.map((rate) => rate.price),
          ],
        );
      }
      return !existing;
    });
    return { created, carrier: (await this.get(code))! };
  }

  /**
   * Per carrier, over outbound shipments created in the period: on-time rate (delivered by the promise,
   * of those delivered), exception rate (delayed, lost or damaged, of all), average carrier cost and
   * average days from dispatch to delivery.
   */
  async scorecard(query: ScorecardQuery) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new InvalidInputException([{ field: 'from', message: 'must be before to' }]);
    const rows = await this.dataSource.query(
      `SELECT carrier_code,
              count(*)::int AS shipments,
              count(delivered_at)::int AS delivered,
              count(*) FILTER (WHERE delivered_at <= promised_by)::int AS on_time,
              count(*) FILTER (WHERE delayed_at IS NOT NULL OR status IN ('LOST', 'DAMAGED'))::int AS exceptions,
              round(avg(carrier_cost))::int AS average_cost,
              max(currency) AS currency,
              round((avg(extract(epoch FROM delivered_at - dispatched_at)) / 86400)::numeric, 2)::float AS average_days
         FROM shipments
        WHERE kind = 'OUTBOUND' AND status <> 'CANCELLED' AND created_at >= $1 AND created_at < $2
        GROUP BY carrier_code ORDER BY carrier_code`,
      [from, to],
    );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      carriers: rows.map((row: Record<string, number | string | null>) => ({
        carrier: row.carrier_code,
        shipments: row.shipments,
        delivered: row.delivered,
        onTimeRate: Number(row.delivered) > 0 ? round(Number(row.on_time) / Number(row.delivered)) : null,
        exceptionRate: round(Number(row.exceptions) / Number(row.shipments)),
        averageCost: row.average_cost,
        currency: typeof row.currency === 'string' ? row.currency.trim() : row.currency,
        averageDays: row.average_days,
      })),
    };
  }
}

const round = (value: number) => Math.round(value * 10000) / 10000;

function validateServices(request: UpsertCarrierDto): void {
  const seen = new Set<string>();
  request.services.forEach((service, i) => {
    const key = `${service.serviceLevel}/${service.zone}`;
    if (seen.has(key))
      throw new InvalidInputException([{ field: `services.${i}.zone`, message: `${key} is listed twice` }]);
    seen.add(key);
    const brackets = new Set<number>();
    service.rates.forEach((rate, j) => {
      if (brackets.has(rate.maxWeightGrams))
        throw new InvalidInputException([
          { field: `services.${i}.rates.${j}.maxWeightGrams`, message: 'bracket is listed twice' },
        ]);
      brackets.add(rate.maxWeightGrams);
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row as pg returns it
function carrierView(row: any): CarrierView {
  return {
    code: row.code,
    name: row.name,
    active: row.active,
    volumetricDivisor: row.volumetric_divisor,
    currency: row.currency.trim(),
    services: row.services,
  };
}
