import { classifyFailure, decideOnFailure, FailurePolicyOptions } from './failure-policy';

const options: FailurePolicyOptions = { maxAttempts: 3, retryBaseDelayMs: 100, maxDelayMs: 1000, maxWaitMs: 30_000 };

function pgError(code: string, message = 'pg says no'): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyFailure', () => {
  it.each([
    ['08006', 'infrastructure'], // connection failure
    ['53300', 'infrastructure'], // too many connections
    ['57P01', 'infrastructure'], // admin shutdown
    ['25006', 'infrastructure'], // read-only transaction: a replica after failover
    ['40001', 'contention'], // serialization failure
    ['40P01', 'contention'], // deadlock
    ['55P03', 'contention'], // lock not available
    ['57014', 'contention'], // statement timeout
    ['23505', 'unknown'], // unique violation: a bug, not the weather
    ['22P02', 'unknown'],
  ])('SQLSTATE %s is %s', (code, kind) => {
    expect(classifyFailure(pgError(code))).toBe(kind);
  });

  it('treats refused connections and dropped clients as infrastructure', () => {
    expect(classifyFailure(pgError('ECONNREFUSED'))).toBe('infrastructure');
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('infrastructure');
    expect(classifyFailure(new Error('Driver not Connected'))).toBe('infrastructure');
  });

  it('treats an error with a domain kind as a deterministic refusal', () => {
    expect(classifyFailure(Object.assign(new Error('order is cancelled'), { kind: 'conflict' }))).toBe('refusal');
    expect(classifyFailure(Object.assign(new Error('no such warehouse'), { kind: 'not-found' }))).toBe('refusal');
    // An unknown kind is not trusted to be deterministic.
    expect(classifyFailure(Object.assign(new Error('?'), { kind: 'weather' }))).toBe('unknown');
  });

  it('calls anything else unknown', () => {
    expect(classifyFailure(new TypeError('cannot read properties of undefined'))).toBe('unknown');
    expect(classifyFailure('a string')).toBe('unknown');
  });
});

describe('decideOnFailure', () => {
  it('waits for infrastructure without counting attempts, then gives the batch back', () => {
    expect(decideOnFailure('infrastructure', 50, 29_000, options)).toEqual({ action: 'wait', delayMs: 1000 });
    expect(decideOnFailure('infrastructure', 1, 30_000, options)).toEqual({ action: 'give-back' });
  });

  it('retries contention with exponential backoff capped at maxDelayMs, never dead-lettering it', () => {
    expect(decideOnFailure('contention', 1, 0, options)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideOnFailure('contention', 3, 0, options)).toEqual({ action: 'retry', delayMs: 400 });
    expect(decideOnFailure('contention', 10, 0, options)).toEqual({ action: 'retry', delayMs: 1000 });
    expect(decideOnFailure('contention', 10, 30_000, options)).toEqual({ action: 'give-back' });
  });

  it('dead-letters a refusal at the first attempt', () => {
    expect(decideOnFailure('refusal', 1, 0, options)).toEqual({ action: 'dead-letter' });
  });

  it('retries an unknown failure until maxAttempts, then dead-letters it', () => {
    expect(decideOnFailure('unknown', 1, 0, options)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideOnFailure('unknown', 2, 0, options)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideOnFailure('unknown', 3, 0, options)).toEqual({ action: 'dead-letter' });
  });
});
