import { Facets } from './facets';
import { RecentResults } from './recent-results';

const facets = (total: number): Facets => ({ total, categories: [], brands: [], prices: [], ratings: [] });

describe('recent results (the facet and correction caches)', () => {
  it('reuses a computation for the same key within its lifetime, and computes every time when off', async () => {
    let computed = 0;
    const compute = async () => facets(++computed);
    const cache = new RecentResults<Facets>(60_000);
    expect((await cache.get('a', compute)).total).toBe(1);
    expect((await cache.get('a', compute)).total).toBe(1);
    expect((await cache.get('b', compute)).total).toBe(2);
    const off = new RecentResults<Facets>(0);
    expect((await off.get('a', compute)).total).toBe(3);
    expect((await off.get('a', compute)).total).toBe(4);
  });

  it('forgets a failed computation and keeps at most its size, oldest out first', async () => {
    const cache = new RecentResults<Facets>(60_000, 2);
    await expect(cache.get('a', () => Promise.reject(new Error('statement timeout')))).rejects.toThrow(
      'statement timeout',
    );
    expect((await cache.get('a', async () => facets(1))).total).toBe(1);
    await cache.get('b', async () => facets(2));
    await cache.get('c', async () => facets(3));
    expect((await cache.get('a', async () => facets(9))).total).toBe(9);
    expect((await cache.get('c', async () => facets(9))).total).toBe(3);
  });

  it('shares one computation between concurrent lookups of a key', async () => {
    let computed = 0;
    const cache = new RecentResults<Facets>(60_000);
    const compute = () => new Promise<Facets>((resolve) => setTimeout(() => resolve(facets(++computed)), 5));
    const totals = await Promise.all([cache.get('a', compute), cache.get('a', compute), cache.get('a', compute)]);
    expect(totals.map((f) => f.total)).toEqual([1, 1, 1]);
    expect(computed).toBe(1);
  });
});
