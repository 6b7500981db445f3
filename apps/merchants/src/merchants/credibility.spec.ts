import { credibility, CredibilityInputs } from './credibility';

const clean: CredibilityInputs = {
  windowDays: 90,
  completedOrders: 0,
  complaints: 0,
  lateShipments: 0,
  returns: 0,
  reviews: 0,
  averageRating: 0,
};

describe('credibility score', () => {
  it('starts a new merchant at 100', () => {
    expect(credibility(clean).score).toBe(100);
  });

  it('does not sink a new merchant for one complaint', () => {
    // 1 / (0 + 20) = 5% complaint rate: half of the 30 points.
    expect(credibility({ ...clean, complaints: 1 })).toMatchObject({ score: 85, penalties: { complaints: 15 } });
  });

  it('weighs complaints against order volume', () => {
    expect(credibility({ ...clean, completedOrders: 980, complaints: 1 }).score).toBe(100);
    expect(credibility({ ...clean, completedOrders: 180, complaints: 20 }).penalties.complaints).toBe(30);
  });

  it('caps every penalty at its weight, so the score stays within 0..100', () => {
    const worst = credibility({
      ...clean,
      complaints: 1000,
      lateShipments: 1000,
      returns: 1000,
      reviews: 1000,
      averageRating: 1,
    });
    expect(worst.penalties).toMatchObject({ complaints: 30, lateShipments: 25, returns: 20 });
    expect(worst.penalties.rating).toBeCloseTo(25, 0);
    expect(worst.score).toBe(0);
  });

  it('pulls a few bad reviews towards the prior, many bad reviews all the way', () => {
    const few = credibility({ ...clean, reviews: 1, averageRating: 1 });
    const many = credibility({ ...clean, reviews: 200, averageRating: 1 });
    expect(few.penalties.rating).toBeGreaterThan(0);
    expect(few.penalties.rating).toBeLessThan(5);
    expect(many.penalties.rating).toBeGreaterThan(23);
  });

  it('gives no rating penalty at 4.5 stars or above', () => {
    expect(credibility({ ...clean, reviews: 50, averageRating: 4.8 }).penalties.rating).toBe(0);
  });

  it('combines the penalties', () => {
    // complaints 2/60 → 10, late 3/60 → 6.25, returns 3/60 → 6.7, rating (4*20+4.5*5)/25 = 4.1 → 2.9
    const result = credibility({
      windowDays: 90,
      completedOrders: 40,
      complaints: 2,
      lateShipments: 3,
      returns: 3,
      reviews: 20,
      averageRating: 4,
    });
    expect(result.penalties).toEqual({ complaints: 10, lateShipments: 6.3, returns: 6.7, rating: 2.9 });
    expect(result.score).toBe(74);
  });
});
