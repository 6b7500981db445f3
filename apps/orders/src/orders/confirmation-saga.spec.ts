import { CONFIRMATION_SAGA, ParticipantName, SagaAnswer, sagaState } from './confirmation-saga';

const answers = (entries: [ParticipantName, SagaAnswer][]) => new Map(entries);

describe('the confirmation saga', () => {
  it('asks stock always, coupons and points only when the order uses them', () => {
    const plain = { couponCodes: [], pointsToRedeem: 0 };
    const full = { couponCodes: ['WELCOME4'], pointsToRedeem: 500 };
    expect(CONFIRMATION_SAGA.filter((p) => p.joins(plain)).map((p) => p.name)).toEqual(['stock']);
    expect(CONFIRMATION_SAGA.filter((p) => p.joins(full)).map((p) => p.name)).toEqual(['stock', 'coupons', 'points']);
  });

  it('waits for every participant the order needs', () => {
    const order = { couponCodes: ['WELCOME4'], pointsToRedeem: 500 };
    expect(sagaState(order, answers([]))).toEqual({ kind: 'waiting', on: ['stock', 'coupons', 'points'] });
    expect(
      sagaState(
        order,
        answers([
          ['stock', 'YES'],
          ['points', 'YES'],
        ]),
      ),
    ).toEqual({ kind: 'waiting', on: ['coupons'] });
    expect(
      sagaState(
        order,
        answers([
          ['stock', 'YES'],
          ['points', 'YES'],
          ['coupons', 'YES'],
        ]),
      ),
    ).toEqual({ kind: 'all-yes' });
  });

  it('is refused by the first no, whatever else is pending', () => {
    const order = { couponCodes: ['WELCOME4'], pointsToRedeem: 0 };
    expect(sagaState(order, answers([['coupons', 'NO']]))).toEqual({ kind: 'refused', by: 'coupons' });
  });

  it('ignores an answer from a participant the order does not need', () => {
    expect(
      sagaState(
        { couponCodes: [], pointsToRedeem: 0 },
        answers([
          ['stock', 'YES'],
          ['points', 'NO'],
        ]),
      ),
    ).toEqual({ kind: 'all-yes' });
  });
});
