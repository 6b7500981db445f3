import type { DeliveryOption } from '@emporium/contracts';
import { chargeableGrams, ParcelMeasure } from './parcel';

export type ServiceLevel = 'STANDARD' | 'EXPRESS';

/** One carrier service for the destination zone, with its rate card (brackets by upper weight bound). */
export interface CarrierOffer {
  carrier: string;
  serviceLevel: ServiceLevel;
  promisedDays: number;
  volumetricDivisor: number;
  currency: string;
  rates: { maxWeightGrams: number; price: number }[];
}

/** What the member's tier grants (membership's tier-changed benefits). */
export interface ShippingBenefits {
  freeShipping: boolean;
  /** Priority: the customer gets the EXPRESS promise at the price of the option it chose. */
  priority: boolean;
}

export const NO_BENEFITS: ShippingBenefits = { freeShipping: false, priority: false };

export interface CarrierChoice {
  carrier: string;
  serviceLevel: ServiceLevel;
  promisedDays: number;
  chargeableWeightGrams: number;
  /** What the carrier charges logistics. */
  carrierCost: number;
  /** What the customer pays: the carrier cost, 0 with free shipping, the chosen option's price under priority. */
  fee: number;
  currency: string;
  /** False only when no offer met the promise and the fastest was taken instead. */
  promiseMet: boolean;
  /** The option whose promise applied (EXPRESS under priority shipping). */
  appliedOption: DeliveryOption;
}

export interface ChoiceInput {
  parcel: ParcelMeasure;
  option: DeliveryOption;
  /** Days the platform promises per option in this zone. */
  promises: Record<DeliveryOption, number>;
  offers: CarrierOffer[];
  benefits?: ShippingBenefits;
}

interface Priced {
  offer: CarrierOffer;
  chargeable: number;
  price: number;
}

function price(offer: CarrierOffer, parcel: ParcelMeasure): Priced | undefined {
  const chargeable = chargeableGrams(parcel, offer.volumetricDivisor);
  const bracket = [...offer.rates]
    .sort((a, b) => a.maxWeightGrams - b.maxWeightGrams)
    .find((rate) => rate.maxWeightGrams >= chargeable);
  return bracket ? { offer, chargeable, price: bracket.price } : undefined;
}

/** Cheapest first; equal prices go to the faster service, then to the carrier code (stable, testable). */
function cheapest(a: Priced, b: Priced): number {
  return (
    a.price - b.price ||
    a.offer.promisedDays - b.offer.promisedDays ||
    a.offer.carrier.localeCompare(b.offer.carrier) ||
    a.offer.serviceLevel.localeCompare(b.offer.serviceLevel)
  );
}

/**
 * The cheapest offer (any carrier, any service level) whose promised days meet the platform's promise for
 * the chosen option; each offer is priced with its own volumetric divisor. When none meets the promise the
 * fastest one is taken and `promiseMet` is false, so a parcel always ships. Undefined when no carrier
 * serves the zone at that weight.
 */
export function chooseCarrier(input: ChoiceInput): CarrierChoice | undefined {
  const benefits = input.benefits ?? NO_BENEFITS;
  const appliedOption: DeliveryOption = benefits.priority ? 'EXPRESS' : input.option;
  const promise = input.promises[appliedOption];
  const priced = input.offers.map((offer) => price(offer, input.parcel)).filter((p): p is Priced => p !== undefined);
  if (priced.length === 0) return undefined;
  const meeting = priced.filter((p) => p.offer.promisedDays <= promise).sort(cheapest);
  const chosen =
    meeting[0] ?? [...priced].sort((a, b) => a.offer.promisedDays - b.offer.promisedDays || cheapest(a, b))[0];
  // Priority ships to the EXPRESS promise but charges what the customer's own option would have cost.
  const ownOption = priced.filter((p) => p.offer.promisedDays <= input.promises[input.option]).sort(cheapest)[0];
  const charged = appliedOption !== input.option && ownOption ? Math.min(ownOption.price, chosen.price) : chosen.price;
  return {
    carrier: chosen.offer.carrier,
    serviceLevel: chosen.offer.serviceLevel,
    promisedDays: meeting[0] ? promise : chosen.offer.promisedDays,
    chargeableWeightGrams: chosen.chargeable,
    carrierCost: chosen.price,
    fee: benefits.freeShipping ? 0 : charged,
    currency: chosen.offer.currency,
    promiseMet: meeting.length > 0,
    appliedOption,
  };
}

/**
 * Splits an order's shipping fee over its parcels in proportion to their carrier costs, so the parts add
 * up to exactly the fee the customer paid at checkout. Remainders go to the first parcels (largest
 * fraction first would also do; this is simpler and deterministic).
 */
export function allocateFee(fee: number, costs: number[]): number[] {
  if (costs.length === 0) return [];
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const shares =
    total === 0 ? costs.map((_, i) => (i === 0 ? fee : 0)) : costs.map((cost) => Math.floor((fee * cost) / total));
  let rest = fee - shares.reduce((sum, share) => sum + share, 0);
  for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i]++;
  return shares;
}
