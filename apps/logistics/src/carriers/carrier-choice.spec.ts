import { allocateFee, CarrierOffer, chooseCarrier } from './carrier-choice';
import { chargeableGrams, measureParcel, volumetricGrams } from './parcel';

// The seeded DOMESTIC offers (migration 1763800005000), as in the README's worked example.
const domestic: CarrierOffer[] = [
  {
    carrier: 'SANDBOX-POST',
    serviceLevel: 'STANDARD',
    promisedDays: 3,
    volumetricDivisor: 6000,
    currency: 'EUR',
    rates: [
      { maxWeightGrams: 1000, price: 490 },
      { maxWeightGrams: 5000, price: 690 },
      { maxWeightGrams: 10000, price: 1090 },
      { maxWeightGrams: 31500, price: 1690 },
    ],
  },
  {
    carrier: 'SANDBOX-POST',
    serviceLevel: 'EXPRESS',
    promisedDays: 1,
    volumetricDivisor: 6000,
    currency: 'EUR',
    rates: [
      { maxWeightGrams: 1000, price: 990 },
      { maxWeightGrams: 5000, price: 1290 },
      { maxWeightGrams: 10000, price: 1790 },
      { maxWeightGrams: 31500, price: 2490 },
    ],
  },
  {
    carrier: 'SANDBOX-PARCEL',
    serviceLevel: 'STANDARD',
    promisedDays: 2,
    volumetricDivisor: 5000,
    currency: 'EUR',
    rates: [
      { maxWeightGrams: 2000, price: 450 },
      { maxWeightGrams: 5000, price: 590 },
      { maxWeightGrams: 10000, price: 990 },
      { maxWeightGrams: 31500, price: 1490 },
    ],
  },
];
const promises = { STANDARD: 5, EXPRESS: 2 };
// Two units of a 1.5 kg speaker boxed 500 x 400 x 150 mm.
const speakers = measureParcel([
  { quantity: 2, weightGrams: 1500, dimensionsMm: { lengthMm: 500, widthMm: 400, heightMm: 150 } },
]);

describe('volumetric weight', () => {
  it('is mm3 / divisor, rounded up to the gram', () => {
    expect(speakers).toEqual({ actualGrams: 3000, volumeMm3: 60_000_000 });
    expect(volumetricGrams(60_000_000, 6000)).toBe(10_000);
    expect(volumetricGrams(60_000_000, 5000)).toBe(12_000);
    expect(volumetricGrams(10_001, 5000)).toBe(3);
  });

  it('charges the heavier of actual and volumetric', () => {
    expect(chargeableGrams(speakers, 6000)).toBe(10_000);
    expect(chargeableGrams({ actualGrams: 20_000, volumeMm3: 60_000_000 }, 6000)).toBe(20_000);
  });

  it('ignores units without dimensions for volume', () => {
    expect(measureParcel([{ quantity: 3, weightGrams: 200 }])).toEqual({ actualGrams: 600, volumeMm3: 0 });
  });

  it('refuses a divisor of zero', () => {
    expect(() => volumetricGrams(1, 0)).toThrow(RangeError);
  });
});

describe('carrier choice (the README worked example)', () => {
  it('STANDARD: every offer meets 5 days; Post is cheapest because its divisor makes the parcel lighter', () => {
    // Post 10,000 g -> 1090; Parcel 12,000 g -> 1490; Post express 10,000 g -> 1790.
    expect(chooseCarrier({ parcel: speakers, option: 'STANDARD', promises, offers: domestic })).toEqual({
      carrier: 'SANDBOX-POST',
      serviceLevel: 'STANDARD',
      promisedDays: 5,
      chargeableWeightGrams: 10_000,
      carrierCost: 1090,
      fee: 1090,
      currency: 'EUR',
      promiseMet: true,
      appliedOption: 'STANDARD',
    });
  });

  it("EXPRESS: Post standard (3 days) misses the 2-day promise; Parcel's standard service meets it for less than Post express", () => {
    expect(chooseCarrier({ parcel: speakers, option: 'EXPRESS', promises, offers: domestic })).toMatchObject({
      carrier: 'SANDBOX-PARCEL',
      serviceLevel: 'STANDARD',
      promisedDays: 2,
      chargeableWeightGrams: 12_000,
      carrierCost: 1490,
      fee: 1490,
      promiseMet: true,
    });
  });

  it('one speaker: Post standard 690 (5,000 g) beats Parcel 990 (6,000 g)', () => {
    const one = measureParcel([
      { quantity: 1, weightGrams: 1500, dimensionsMm: { lengthMm: 500, widthMm: 400, heightMm: 150 } },
    ]);
    expect(chooseCarrier({ parcel: one, option: 'STANDARD', promises, offers: domestic })).toMatchObject({
      carrier: 'SANDBOX-POST',
      carrierCost: 690,
      chargeableWeightGrams: 5000,
    });
  });

  it('free shipping keeps the carrier cost but charges the customer nothing; priority applies the EXPRESS promise at the STANDARD price', () => {
    const free = chooseCarrier({
      parcel: speakers,
      option: 'STANDARD',
      promises,
      offers: domestic,
      benefits: { freeShipping: true, priority: false },
    });
    expect(free).toMatchObject({ carrier: 'SANDBOX-POST', carrierCost: 1090, fee: 0 });
    const priority = chooseCarrier({
      parcel: speakers,
      option: 'STANDARD',
      promises,
      offers: domestic,
      benefits: { freeShipping: false, priority: true },
    });
    // Parcel (2 days, 1490) meets the EXPRESS promise; the customer pays STANDARD's cheapest: Post 1090.
    expect(priority).toMatchObject({
      carrier: 'SANDBOX-PARCEL',
      appliedOption: 'EXPRESS',
      promisedDays: 2,
      carrierCost: 1490,
      fee: 1090,
    });
    // Both: shipped to the EXPRESS promise for nothing.
    const both = chooseCarrier({
      parcel: speakers,
      option: 'STANDARD',
      promises,
      offers: domestic,
      benefits: { freeShipping: true, priority: true },
    });
    expect(both).toMatchObject({ carrier: 'SANDBOX-PARCEL', appliedOption: 'EXPRESS', carrierCost: 1490, fee: 0 });
    // A customer who chose EXPRESS pays the EXPRESS price, priority or not.
    const express = chooseCarrier({
      parcel: speakers,
      option: 'EXPRESS',
      promises,
      offers: domestic,
      benefits: { freeShipping: false, priority: true },
    });
    expect(express).toMatchObject({ carrier: 'SANDBOX-PARCEL', fee: 1490 });
  });

  it('takes the fastest offer, flagged, when none meets the promise', () => {
    const slow = domestic.map((offer) => ({ ...offer, promisedDays: offer.promisedDays + 5 }));
    expect(chooseCarrier({ parcel: speakers, option: 'EXPRESS', promises, offers: slow })).toMatchObject({
      carrier: 'SANDBOX-POST',
      serviceLevel: 'EXPRESS',
      promisedDays: 6,
      promiseMet: false,
      carrierCost: 1790,
    });
  });

  it('skips offers whose heaviest bracket is too light, and answers nothing when no offer fits', () => {
    const heavy = { actualGrams: 31_501, volumeMm3: 0 };
    expect(chooseCarrier({ parcel: heavy, option: 'STANDARD', promises, offers: domestic })).toBeUndefined();
  });

  it('breaks a price tie by speed, then by carrier code', () => {
    const tie: CarrierOffer[] = [
      { ...domestic[0], carrier: 'B', promisedDays: 3, rates: [{ maxWeightGrams: 99_999, price: 500 }] },
      { ...domestic[0], carrier: 'A', promisedDays: 3, rates: [{ maxWeightGrams: 99_999, price: 500 }] },
      { ...domestic[0], carrier: 'C', promisedDays: 2, rates: [{ maxWeightGrams: 99_999, price: 500 }] },
    ];
    expect(chooseCarrier({ parcel: speakers, option: 'STANDARD', promises, offers: tie })?.carrier).toBe('C');
    expect(chooseCarrier({ parcel: speakers, option: 'STANDARD', promises, offers: tie.slice(0, 2) })?.carrier).toBe(
      'A',
    );
  });
});

describe('fee allocation over split parcels', () => {
  it('adds up to the fee, in proportion to carrier costs', () => {
    // 1090 x 690 / 1180 = 637.37 -> 637, 1090 x 490 / 1180 = 452.63 -> 452; the cent left goes to the first.
    expect(allocateFee(1090, [690, 490])).toEqual([638, 452]);
    expect(allocateFee(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(allocateFee(0, [690, 490])).toEqual([0, 0]);
    expect(allocateFee(500, [0, 0])).toEqual([500, 0]);
    expect(allocateFee(500, [])).toEqual([]);
  });
});
