// Response bodies as the OpenAPI document shows them; the swagger plugin turns these types and comments
// into schemas (npm run openapi:generate). They describe what carriers.service.ts returns.

export class RateResponse {
  /** Upper bound of the weight bracket, grams (chargeable weight) */
  maxWeightGrams: number;
  /** Minor units of the carrier currency */
  price: number;
}

export class CarrierServiceResponse {
  serviceLevel: 'STANDARD' | 'EXPRESS';
  zone: string;
  /** Days the carrier promises from dispatch to delivery in this zone */
  promisedDays: number;
  rates: RateResponse[];
}

/** A carrier; its webhook secret is never shown. */
export class CarrierResponse {
  code: string;
  name: string;
  active: boolean;
  /** cm3 per kg; volumetric grams = L x W x H (mm) / divisor */
  volumetricDivisor: number;
  /** ISO 4217 */
  currency: string;
  services: CarrierServiceResponse[];
}

export class CarrierScoreResponse {
  carrier: string;
  /** Outbound shipments created in the period (not cancelled) */
  shipments: number;
  delivered: number;
  /** Delivered by the promise, of those delivered (0..1); null when none was delivered */
  onTimeRate: number | null;
  /** Delayed, lost or damaged, of all (0..1) */
  exceptionRate: number;
  /** Minor units of `currency` */
  averageCost: number;
  currency: string;
  /** Days from dispatch to delivery; null when none was delivered */
  averageDays: number | null;
}

export class ScorecardResponse {
  /** ISO 8601 UTC, inclusive */
  from: string;
  /** ISO 8601 UTC, exclusive */
  to: string;
  carriers: CarrierScoreResponse[];
}
