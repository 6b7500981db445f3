import { birthdayIn, earnedPoints, expiringPoints, Lot, pointsToReverse, splitReversal } from './points-rules';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const lot = (id: string, points: number, earned: string, expires: string): Lot => ({
  id,
  points,
  earnedAt: day(earned),
  expiresAt: day(expires),
});

describe('earnedPoints: floor(amount × rate × multiplier / 10,000)', () => {
  it.each([
    // 39.98 EUR at 1 point per EUR: ORDINARY 39.98 -> 39; GOLD ×1.5 -> 59.97 -> 59; DIAMOND ×2 -> 79.96 -> 79
    [3998, 1, 100, 39],
    [3998, 1, 150, 59],
    [3998, 1, 200, 79],
    // SILVER ×1.25 on 100.00 EUR -> 125
    [10000, 1, 125, 125],
    // 2 points per EUR, GOLD, 0.99 EUR -> 2.97 -> 2
    [99, 2, 150, 2],
    [0, 1, 150, 0],
    [-5, 1, 100, 0],
  ])('%i minor units at %i/unit ×%i%% -> %i', (amount, rate, multiplier, expected) => {
    expect(earnedPoints(amount, rate, multiplier)).toBe(expected);
  });
});

describe('pointsToReverse: the refunded share of what the order earned', () => {
  it('a partial refund takes back the proportional share, rounded down', () => {
    // earned 59 on 3998; 1799 refunded -> 59 × 1799 / 3998 = 26.55 -> 26
    expect(pointsToReverse({ points: 59, earnedOn: 3998, reversed: 0 }, 1799, false)).toBe(26);
  });
  it('the refund that completes the order takes back exactly the rest', () => {
    // second half: 59 × 2199 / 3998 = 32.45 -> 32 would leave 1 behind; fully refunded -> 59 - 26 = 33
    expect(pointsToReverse({ points: 59, earnedOn: 3998, reversed: 26 }, 2199, true)).toBe(33);
  });
  it('never more than is left', () => {
    expect(pointsToReverse({ points: 59, earnedOn: 3998, reversed: 50 }, 3998, false)).toBe(9);
    expect(pointsToReverse({ points: 0, earnedOn: 0, reversed: 0 }, 100, false)).toBe(0);
  });
  it('what was already spent is unrecovered, the balance stays >= 0', () => {
    expect(splitReversal(26, 100)).toEqual({ taken: 26, unrecovered: 0 });
    expect(splitReversal(26, 10)).toEqual({ taken: 10, unrecovered: 16 });
    expect(splitReversal(26, 0)).toEqual({ taken: 0, unrecovered: 26 });
  });
});

describe('expiringPoints: FIFO consumption, the unspent rest of an expired lot expires', () => {
  const lots = [
    lot('a', 100, '2025-01-10', '2026-01-10'),
    lot('b', 200, '2025-03-01', '2026-03-01'),
    lot('c', 50, '2025-12-01', '2026-12-01'),
  ];

  it('spent 120 of 350 (balance 230): a is used up, b keeps 180; on 2026-03-01 b expires 180', () => {
    // consumed = 350 - 230 = 120 -> a 100 (all), b 20 -> b left 180
    expect(expiringPoints(lots, 230, day('2026-03-01'))).toEqual([{ lotId: 'b', points: 180 }]);
  });
  it('nothing unspent in expired lots -> nothing expires', () => {
    // consumed = 350 - 50 = 300 -> a 100, b 200 -> nothing left in expired lots
    expect(expiringPoints(lots, 50, day('2026-06-01'))).toEqual([]);
  });
  it('two lots expire at once, oldest first', () => {
    // consumed = 350 - 330 = 20 -> a left 80, b left 200 -> both expired by 2026-03-02
    expect(expiringPoints(lots, 330, day('2026-03-02'))).toEqual([
      { lotId: 'a', points: 80 },
      { lotId: 'b', points: 200 },
    ]);
  });
  it('idempotent: after recording the expiry (balance down by 180) nothing more expires', () => {
    expect(expiringPoints(lots, 230 - 180, day('2026-03-01'))).toEqual([]);
  });
  it('"oldest" is by expiry: a lot recorded later but dated earlier is consumed first', () => {
    // d recorded last but expiring first (a completion event that arrived late): consumed 100 -> d 100 (all)
    const late = [lot('x', 100, '2025-05-01', '2026-05-01'), lot('d', 100, '2025-06-01', '2026-04-01')];
    expect(expiringPoints(late, 100, day('2026-04-01'))).toEqual([]);
    expect(expiringPoints(late, 100, day('2026-05-01'))).toEqual([{ lotId: 'x', points: 100 }]);
  });
  it('before any expiry date nothing expires', () => {
    expect(expiringPoints(lots, 350, day('2026-01-09'))).toEqual([]);
  });
});

describe('birthdayIn', () => {
  it('is the same month and day, 29 February on 28 February outside leap years', () => {
    expect(birthdayIn(2026, '1990-07-04')).toBe('2026-07-04');
    expect(birthdayIn(2026, '1992-02-29')).toBe('2026-02-28');
    expect(birthdayIn(2028, '1992-02-29')).toBe('2028-02-29');
    expect(birthdayIn(2100, '1992-02-29')).toBe('2100-02-28');
  });
});
