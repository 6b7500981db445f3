import { addMonths, nextTier, parseTierThresholds, qualifyingTier } from './tier-rules';

const thresholds = parseTierThresholds('SILVER:50000:5,GOLD:200000:15,DIAMOND:500000:40');

describe('qualifyingTier: spend OR orders in the last 12 months', () => {
  it.each([
    [0, 0, 'ORDINARY'],
    [49_999, 4, 'ORDINARY'],
    [50_000, 0, 'SILVER'], // by spend
    [100, 5, 'SILVER'], // by orders
    [199_999, 14, 'SILVER'],
    [200_000, 1, 'GOLD'],
    [10_000, 15, 'GOLD'],
    [499_999, 39, 'GOLD'],
    [500_000, 0, 'DIAMOND'],
    [0, 40, 'DIAMOND'],
  ])('spend %i, %i orders -> %s', (spend, orders, expected) => {
    expect(qualifyingTier(thresholds, spend, orders)).toBe(expected);
  });
});

describe('nextTier: upgrades at once, downgrades only at the period end', () => {
  it.each([
    ['ORDINARY', 'GOLD', false, 'GOLD'],
    ['SILVER', 'DIAMOND', false, 'DIAMOND'],
    ['GOLD', 'SILVER', false, 'GOLD'],
    ['GOLD', 'SILVER', true, 'SILVER'],
    ['DIAMOND', 'ORDINARY', true, 'ORDINARY'],
    ['GOLD', 'GOLD', true, 'GOLD'],
  ] as const)('%s, qualifying %s, period end %s -> %s', (current, qualifying, atEnd, expected) => {
    expect(nextTier(current, qualifying, atEnd)).toBe(expected);
  });
});

describe('parseTierThresholds', () => {
  it('sorts by tier and refuses a tier that asks no more than the one below', () => {
    expect(parseTierThresholds('GOLD:2:2,DIAMOND:3:3,SILVER:1:1').map((t) => t.tier)).toEqual([
      'SILVER',
      'GOLD',
      'DIAMOND',
    ]);
    expect(() => parseTierThresholds('SILVER:100:5,GOLD:100:15,DIAMOND:500:40')).toThrow(/GOLD must ask more/);
    expect(() => parseTierThresholds('SILVER:1:1,SILVER:2:2,DIAMOND:3:3')).toThrow(/once each/);
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2026-11-30T00:00:00Z'), 12).toISOString()).toBe('2027-11-30T00:00:00.000Z');
  });
});
