import { stopIdlePendingRequestChecks } from './kafkajs-request-queue';

/** kafkajs' own request queue class, as every broker connection builds it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' own module, not in its public API
const RequestQueue = require('kafkajs/src/network/requestQueue');

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const queue = () =>
  new RequestQueue({
    instrumentationEmitter: { emit: () => undefined },
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'localhost:9092',
    logger: silent,
  });

describe("kafkajs' request queue (tulios/kafkajs#1704)", () => {
  beforeAll(() => stopIdlePendingRequestChecks());

  it('schedules no check after an answer when nothing is pending and nothing is throttled', () => {
    const idle = queue();
    try {
      idle.checkPendingRequests(); // what every answered request runs
      expect(idle.throttleCheckTimeoutId).toBeNull();
    } finally {
      idle.destroy(); // unfixed, the queue would reschedule itself every millisecond until destroyed
    }
  });

  it('still checks later while throttled, and while requests wait for a free slot', () => {
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 1_000;
    throttled.checkPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    throttled.destroy();

    const waiting = queue();
    waiting.pending.push({ send: () => undefined, expectResponse: true });
    waiting.inflight.set(1, {}); // the one slot is taken
    waiting.checkPendingRequests();
    expect(waiting.throttleCheckTimeoutId).not.toBeNull();
    expect(waiting.pending).toHaveLength(1);
    waiting.destroy();
  });
});
