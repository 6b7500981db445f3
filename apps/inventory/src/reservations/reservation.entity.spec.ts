import { Reservation } from './reservation.entity';
import { IllegalReservationTransitionError, ReservationNotExpiredError } from '../stock/stock.errors';

const at = new Date('2026-11-22T10:00:00Z');
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
const hold = () =>
  Reservation.hold({
    id: 'r1',
    orderId: 'o1',
    at,
    ttlSeconds: 60,
    lines: [
      { sku: 'A', warehouseId: 'W1', quantity: 2 },
      { sku: 'A', warehouseId: 'W2', quantity: 1 },
      { sku: 'B', warehouseId: 'W1', quantity: 1 },
    ],
  });

describe('Reservation', () => {
  it('expires only when unconfirmed and due', () => {
    expect(() => hold().expire(later(59))).toThrow(ReservationNotExpiredError);
    const due = hold();
    expect(due.expire(later(60))).toHaveLength(3);
    expect(due.status).toBe('EXPIRED');
    const confirmed = hold();
    confirmed.confirm(later(1));
    expect(() => confirmed.expire(later(600))).toThrow(IllegalReservationTransitionError);
  });

  it('releases what is still held, after a partial dispatch', () => {
    const r = hold();
    r.confirm(later(1));
    expect(r.commit('A', 2, later(2), 'W2')).toEqual([
      { sku: 'A', warehouseId: 'W2', quantity: 1 },
      { sku: 'A', warehouseId: 'W1', quantity: 1 },
    ]);
    expect(r.status).toBe('CONFIRMED');
    expect(r.release(later(3))).toEqual([
      { sku: 'A', warehouseId: 'W1', quantity: 1 },
      { sku: 'B', warehouseId: 'W1', quantity: 1 },
    ]);
    expect(r.status).toBe('RELEASED');
  });

  it('is COMMITTED once every unit left', () => {
    const r = hold();
    r.commit('A', 3, later(1));
    expect(r.commit('B', 5, later(2))).toEqual([{ sku: 'B', warehouseId: 'W1', quantity: 1 }]);
    expect(r.status).toBe('COMMITTED');
    expect(() => r.release(later(3))).toThrow(IllegalReservationTransitionError);
  });

  it('can be reinstated (firm at once) only after expiry', () => {
    const r = hold();
    expect(() => r.reinstate([], later(1))).toThrow(IllegalReservationTransitionError);
    r.expire(later(61));
    r.reinstate([{ sku: 'A', warehouseId: 'W2', quantity: 3 }], later(62));
    expect(r.status).toBe('CONFIRMED');
    expect(r.outstanding()).toEqual([{ sku: 'A', warehouseId: 'W2', quantity: 3 }]);
  });

  it('refuses to confirm twice or after release', () => {
    const r = hold();
    r.confirm(later(1));
    expect(() => r.confirm(later(2))).toThrow(IllegalReservationTransitionError);
    const released = hold();
    released.release(later(1));
    expect(() => released.confirm(later(2))).toThrow(IllegalReservationTransitionError);
  });
});
