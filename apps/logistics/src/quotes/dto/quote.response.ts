// Response bodies as the OpenAPI document shows them; the swagger plugin turns these types and comments
// into schemas (npm run openapi:generate). They describe what quotes.service.ts returns.

/** A stored shipping quote: the shipments later charge exactly its fee. */
export class QuoteResponse {
  id: string;
  zone: string;
  deliveryOption: string;
  /** Carrier code */
  carrier: string;
  serviceLevel: string;
  promisedDays: number;
  chargeableWeightGrams: number;
  /** Minor units of `currency`: what the customer pays for shipping */
  fee: number;
  /** ISO 4217 */
  currency: string;
  /** ISO 8601 UTC; orders must use the quote before then */
  expiresAt: string;
}

export class CreatedQuoteResponse extends QuoteResponse {
  /** Whether the chosen carrier's promise meets the delivery option */
  promiseMet: boolean;
}

export class StoredQuoteResponse extends QuoteResponse {
  /** Minor units of `currency`: what the carrier charges */
  carrierCost: number;
}
