import { applyTracking } from './shipment-status';

describe('tracking updates in any order', () => {
  it('moves forward through the stages', () => {
    expect(applyTracking('OUTBOUND', 'DISPATCHED', 'PICKED_UP')).toEqual({
      accepted: true,
      next: 'IN_TRANSIT',
      advanced: true,
    });
    expect(applyTracking('OUTBOUND', 'IN_TRANSIT', 'IN_TRANSIT')).toEqual({
      accepted: true,
      next: 'IN_TRANSIT',
      advanced: false,
    });
    expect(applyTracking('OUTBOUND', 'IN_TRANSIT', 'OUT_FOR_DELIVERY')).toEqual({
      accepted: true,
      next: 'OUT_FOR_DELIVERY',
      advanced: true,
    });
    expect(applyTracking('OUTBOUND', 'OUT_FOR_DELIVERY', 'DELIVERED')).toEqual({
      accepted: true,
      next: 'DELIVERED',
      advanced: true,
    });
  });

  it('delivered before in-transit ends DELIVERED', () => {
    expect(applyTracking('OUTBOUND', 'DISPATCHED', 'DELIVERED')).toEqual({
      accepted: true,
      next: 'DELIVERED',
      advanced: true,
    });
    expect(applyTracking('OUTBOUND', 'DELIVERED', 'IN_TRANSIT')).toEqual({
      accepted: true,
      next: 'DELIVERED',
      advanced: false,
    });
    expect(applyTracking('OUTBOUND', 'OUT_FOR_DELIVERY', 'PICKED_UP')).toEqual({
      accepted: true,
      next: 'OUT_FOR_DELIVERY',
      advanced: false,
    });
  });

  it('a failed attempt is history only', () => {
    expect(applyTracking('OUTBOUND', 'OUT_FOR_DELIVERY', 'FAILED_ATTEMPT')).toEqual({
      accepted: true,
      next: 'OUT_FOR_DELIVERY',
      advanced: false,
    });
  });

  it('lost and damaged end the journey unless it already ended', () => {
    expect(applyTracking('OUTBOUND', 'IN_TRANSIT', 'LOST')).toEqual({ accepted: true, next: 'LOST', advanced: true });
    expect(applyTracking('OUTBOUND', 'DELIVERED', 'DAMAGED')).toEqual({
      accepted: true,
      next: 'DELIVERED',
      advanced: false,
    });
    expect(applyTracking('OUTBOUND', 'LOST', 'DELIVERED')).toEqual({ accepted: true, next: 'LOST', advanced: false });
  });

  it('refuses updates for a parcel the carrier does not have yet', () => {
    expect(applyTracking('OUTBOUND', 'READY', 'IN_TRANSIT')).toEqual({ accepted: false, reason: 'NOT_WITH_CARRIER' });
    expect(applyTracking('OUTBOUND', 'LABEL_PENDING', 'DELIVERED')).toEqual({
      accepted: false,
      reason: 'NOT_WITH_CARRIER',
    });
    expect(applyTracking('OUTBOUND', 'CANCELLED', 'DELIVERED')).toEqual({
      accepted: false,
      reason: 'NOT_WITH_CARRIER',
    });
  });

  it('tracks a return parcel from READY (the customer hands it over)', () => {
    expect(applyTracking('RETURN', 'READY', 'PICKED_UP')).toEqual({
      accepted: true,
      next: 'IN_TRANSIT',
      advanced: true,
    });
  });
});
