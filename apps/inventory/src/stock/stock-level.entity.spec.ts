import { StockLevel } from './stock-level.entity';
import {
  CountBelowReservedError,
  InsufficientStockError,
  InvalidQuantityError,
  ReservedUnderflowError,
} from './stock.errors';

const level = (onHand: number, reserved = 0, safetyStock = 0) => {
  const l = Object.assign(StockLevel.empty('SKU-1', 'MAIN'), { onHand, reserved, safetyStock });
  l.takeAlertSignal();
  return l;
};

describe('StockLevel', () => {
  it('returns the ledger delta of every change', () => {
    const l = level(0);
    expect(l.receive(10)).toEqual({ cause: 'RECEIPT', onHandDelta: 10, reservedDelta: 0 });
    expect(l.reserve(4)).toEqual({ cause: 'RESERVATION', onHandDelta: 0, reservedDelta: 4 });
    expect(l.release(1)).toEqual({ cause: 'RELEASE', onHandDelta: 0, reservedDelta: -1 });
    expect(l.commit(3)).toEqual({ cause: 'COMMIT', onHandDelta: -3, reservedDelta: -3 });
    expect(l.restock(2)).toEqual({ cause: 'RETURN', onHandDelta: 2, reservedDelta: 0 });
    expect(l.writeOff(1)).toEqual({ cause: 'WRITE_OFF', onHandDelta: -1, reservedDelta: 0 });
    expect(l.count(5)).toEqual({ cause: 'ADJUSTMENT', onHandDelta: -3, reservedDelta: 0 });
    expect(l.count(5)).toBeNull();
    expect({ onHand: l.onHand, reserved: l.reserved, available: l.available }).toEqual({
      onHand: 5,
      reserved: 0,
      available: 5,
    });
  });

  it('never reserves more than is available, with a stable code', () => {
    const l = level(3, 2);
    expect(() => l.reserve(2)).toThrow(InsufficientStockError);
    try {
      l.reserve(2);
    } catch (error) {
      expect((error as InsufficientStockError).code).toBe('INSUFFICIENT_STOCK');
    }
    expect(l.reserved).toBe(2);
  });

  it('never releases or commits more than is reserved', () => {
    expect(() => level(5, 1).release(2)).toThrow(ReservedUnderflowError);
    expect(() => level(5, 1).commit(2)).toThrow(ReservedUnderflowError);
  });

  it('refuses a count below the reserved units', () => {
    expect(() => level(5, 3).count(2)).toThrow(CountBelowReservedError);
  });

  it('refuses zero, negative and fractional quantities', () => {
    for (const bad of [0, -1, 1.5]) expect(() => level(5).receive(bad)).toThrow(InvalidQuantityError);
    expect(() => level(5).count(-1)).toThrow(InvalidQuantityError);
  });

  it('draws inbound down as goods arrive', () => {
    const l = level(0);
    l.expectInbound(10);
    l.receive(4);
    expect(l.inbound).toBe(6);
    l.receive(20);
    expect(l.inbound).toBe(0);
  });

  describe('availability signals', () => {
    it('announces each crossing once: low, out of stock, back in stock', () => {
      const l = level(10, 0, 3);
      l.reserve(6);
      expect(l.takeAlertSignal()).toBeNull(); // 4 available, above safety stock 3
      l.reserve(1);
      expect(l.takeAlertSignal()).toBe('LOW'); // 3
      l.reserve(1);
      expect(l.takeAlertSignal()).toBeNull(); // 2: still low, already announced
      l.reserve(2);
      expect(l.takeAlertSignal()).toBe('OUT_OF_STOCK');
      l.release(1);
      expect(l.takeAlertSignal()).toBe('BACK_IN_STOCK'); // 1: back, and low without a second LOW
      l.release(5);
      expect(l.takeAlertSignal()).toBeNull(); // 6: OK again, which re-arms LOW
      l.reserve(3);
      expect(l.takeAlertSignal()).toBe('LOW');
    });

    it('goes straight from OK to out of stock without a LOW', () => {
      const l = level(5, 0, 2);
      l.reserve(5);
      expect(l.takeAlertSignal()).toBe('OUT_OF_STOCK');
    });

    it('announces nothing for a dip and recovery inside one transaction', () => {
      const l = level(5, 0, 2);
      l.restock(1);
      l.writeOff(1);
      expect(l.takeAlertSignal()).toBeNull();
    });
  });
});
