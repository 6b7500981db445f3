import { approvesAutomatically, refundAmount, returnableUnits, windowEndsAt } from './return-rules';
import { mayStart } from './return-status';

describe('return rules', () => {
  const deliveredAt = new Date('2026-11-25T15:00:00.000Z');

  it('the window ends 7 days after delivery, to the millisecond', () => {
    expect(windowEndsAt(deliveredAt, 7).toISOString()).toBe('2026-12-02T15:00:00.000Z');
  });

  it('a no-reason return inside the window is approved without review, the last instant included', () => {
    expect(approvesAutomatically('NO_REASON', new Date('2026-11-26T10:00:00.000Z'), deliveredAt, 7)).toBe(true);
    expect(approvesAutomatically('NO_REASON', new Date('2026-12-02T15:00:00.000Z'), deliveredAt, 7)).toBe(true);
  });

  it('one millisecond late, or any other reason, goes to ops review', () => {
    expect(approvesAutomatically('NO_REASON', new Date('2026-12-02T15:00:00.001Z'), deliveredAt, 7)).toBe(false);
    expect(approvesAutomatically('DEFECTIVE', new Date('2026-11-26T10:00:00.000Z'), deliveredAt, 7)).toBe(false);
    expect(approvesAutomatically('NO_REASON', new Date('2026-11-26T10:00:00.000Z'), deliveredAt, 0)).toBe(false);
  });

  it('refunds the net price pro rata per unit: the contract example, 2 x 19.99 with 4.00 discount -> 17.99 each', () => {
    const line = { sku: 'TSHIRT-RED-M', quantity: 2, lineTotal: 3998, discount: 400, refundRequested: 0 };
    expect(refundAmount(line, 1)).toBe(1799);
    expect(refundAmount({ ...line, refundRequested: 1 }, 1)).toBe(1799);
    expect(refundAmount(line, 2)).toBe(3598);
  });

  it('rounds cumulatively, so partial returns add up to exactly the net price: 3 units, net 2900 -> 966 + 967 + 967', () => {
    const line = { sku: 'MUG', quantity: 3, lineTotal: 3000, discount: 100, refundRequested: 0 };
    expect(refundAmount(line, 1)).toBe(966);
    expect(refundAmount({ ...line, refundRequested: 1 }, 1)).toBe(967);
    expect(refundAmount({ ...line, refundRequested: 2 }, 1)).toBe(967);
    expect(refundAmount({ ...line, refundRequested: 1 }, 2)).toBe(1934);
  });

  it('never refunds more units than were delivered', () => {
    expect(() =>
      refundAmount({ sku: 'MUG', quantity: 2, lineTotal: 2000, discount: 0, refundRequested: 2 }, 1),
    ).toThrow(RangeError);
  });

  it('returnable units: delivered minus those held by returns minus refunds outside returns, never negative', () => {
    expect(returnableUnits(3, 1, 0)).toBe(2);
    expect(returnableUnits(3, 1, 2)).toBe(0);
    expect(returnableUnits(3, 2, 2)).toBe(0);
  });

  it('each action starts only from its statuses', () => {
    expect(mayStart('approve', 'REQUESTED')).toBe(true);
    expect(mayStart('approve', 'APPROVED')).toBe(false);
    expect(mayStart('reject', 'APPROVED')).toBe(false);
    expect(mayStart('inspect', 'APPROVED')).toBe(false);
    expect(mayStart('inspect', 'RECEIVED')).toBe(true);
    expect(mayStart('mark-refunded', 'REJECTED')).toBe(false);
    expect(mayStart('fulfil-exchange', 'REFUND_REQUESTED')).toBe(false);
  });
});
