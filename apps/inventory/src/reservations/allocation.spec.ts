import { allocateLine } from './allocation';

const warehouses = [
  { warehouseId: 'FAR', region: 'US', priority: 1, available: 10 },
  { warehouseId: 'NEAR-2', region: 'EU-DE', priority: 20, available: 10 },
  { warehouseId: 'NEAR-1', region: 'EU-DE', priority: 10, available: 3 },
];

describe('allocateLine', () => {
  it('takes the whole line from the first warehouse, in region then priority order, that can supply it', () => {
    expect(allocateLine(warehouses, 2, 'EU-DE')).toEqual([{ warehouseId: 'NEAR-1', quantity: 2 }]);
    expect(allocateLine(warehouses, 5, 'EU-DE')).toEqual([{ warehouseId: 'NEAR-2', quantity: 5 }]);
  });

  it('uses priority alone when the order names no region (or one without warehouses)', () => {
    expect(allocateLine(warehouses, 5)).toEqual([{ warehouseId: 'FAR', quantity: 5 }]);
    expect(allocateLine(warehouses, 5, 'APAC')).toEqual([{ warehouseId: 'FAR', quantity: 5 }]);
  });

  it('prefers one parcel from out of region over a split in region', () => {
    expect(allocateLine(warehouses, 10, 'EU-DE')).toEqual([{ warehouseId: 'NEAR-2', quantity: 10 }]);
    expect(allocateLine([warehouses[0], warehouses[2]], 5, 'EU-DE')).toEqual([{ warehouseId: 'FAR', quantity: 5 }]);
  });

  it('splits only when no single warehouse can supply the line', () => {
    expect(allocateLine(warehouses, 15, 'EU-DE')).toEqual([
      { warehouseId: 'NEAR-1', quantity: 3 },
      { warehouseId: 'NEAR-2', quantity: 10 },
      { warehouseId: 'FAR', quantity: 2 },
    ]);
  });

  it('answers null when all warehouses together lack the units', () => {
    expect(allocateLine(warehouses, 24)).toBeNull();
  });
});
