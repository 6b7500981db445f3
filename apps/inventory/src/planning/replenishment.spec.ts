import { suggestReplenishment } from './replenishment';

const base = {
  unitsSoldInWindow: 56,
  windowDays: 28,
  leadTimeDays: 7,
  reviewDays: 14,
  safetyStock: 10,
  reorderPoint: 0,
  available: 15,
  inbound: 5,
};

describe('suggestReplenishment', () => {
  it('matches the worked example in the README', () => {
    // 56 sold in 28 days = 2/day; reorder point 2*7+10 = 24; target 2*(7+14)+10 = 52; position 15+5 = 20 <= 24; order 52-20 = 32.
    expect(suggestReplenishment(base)).toEqual({
      averageDailySales: 2,
      reorderPoint: 24,
      targetLevel: 52,
      position: 20,
      needsOrder: true,
      suggestedQuantity: 32,
    });
  });

  it('suggests nothing above the reorder point', () => {
    expect(suggestReplenishment({ ...base, available: 20 })).toMatchObject({
      position: 25,
      needsOrder: false,
      suggestedQuantity: 0,
    });
  });

  it('counts inbound units as already ordered', () => {
    expect(suggestReplenishment({ ...base, inbound: 40 })).toMatchObject({ needsOrder: false, suggestedQuantity: 0 });
  });

  it('lets a configured reorder point raise the trigger, and orders at least up to it', () => {
    expect(suggestReplenishment({ ...base, reorderPoint: 100, available: 60, inbound: 0 })).toMatchObject({
      reorderPoint: 100,
      targetLevel: 52,
      needsOrder: true,
      suggestedQuantity: 40,
    });
  });

  it('keeps only the safety stock for a SKU that does not sell', () => {
    expect(suggestReplenishment({ ...base, unitsSoldInWindow: 0, available: 3, inbound: 0 })).toMatchObject({
      reorderPoint: 10,
      targetLevel: 10,
      suggestedQuantity: 7,
    });
    expect(
      suggestReplenishment({ ...base, unitsSoldInWindow: 0, safetyStock: 0, available: 0, inbound: 0 }),
    ).toMatchObject({ needsOrder: false, suggestedQuantity: 0 });
  });

  it('rounds fractional demand up, ignoring floating-point dust', () => {
    // 10/28 a day over 7 days is 2.5 -> 3 (+ safety 0); over 21 days 7.5 -> 8.
    expect(
      suggestReplenishment({ ...base, unitsSoldInWindow: 10, safetyStock: 0, available: 1, inbound: 0 }),
    ).toMatchObject({ reorderPoint: 3, targetLevel: 8, suggestedQuantity: 7 });
    expect(
      suggestReplenishment({
        ...base,
        unitsSoldInWindow: 28,
        windowDays: 28,
        leadTimeDays: 3,
        reviewDays: 0,
        safetyStock: 0,
        available: 0,
        inbound: 0,
      }),
    ).toMatchObject({ reorderPoint: 3, targetLevel: 3 });
  });
});
