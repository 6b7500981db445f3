import { csatOf } from './csat';

describe('CSAT', () => {
  it('is the share of 4s and 5s: [5, 4, 3, 1] -> 2 of 4 = 0.5, mean 3.25', () => {
    expect(csatOf([5, 4, 3, 1])).toEqual({ responses: 4, csat: 0.5, averageScore: 3.25 });
  });

  it('rounds: [5, 5, 2] -> 0.6667, mean 4', () => {
    expect(csatOf([5, 5, 2])).toEqual({ responses: 3, csat: 0.6667, averageScore: 4 });
  });

  it('no answers, no score', () => {
    expect(csatOf([])).toEqual({ responses: 0, csat: 0, averageScore: 0 });
  });
});
